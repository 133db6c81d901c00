import Foundation
import Testing

@testable import VoxPopStore

@Suite struct PostgresConnectionTests {
    @Test(TestServer.libraryRequired) func aPortWithNoServerSaysConnectionRefused() {
        // Port 1 on loopback: nothing listens there, and nothing leaves the machine.
        let error = #expect(throws: PostgresError.self) {
            try PostgresConnection(url: "postgres://voxpop@127.0.0.1:1/voxpop")
        }
        #expect(error?.kind == .connection)
        #expect(
            error?.description.hasPrefix(
                "could not connect to PostgreSQL at postgres://voxpop@127.0.0.1:1/voxpop: connection to server at "
                    + "\"127.0.0.1\", port 1 failed: Connection refused") == true)
        #expect(error?.description.contains("\n") == false)
    }

    @Test(TestServer.libraryRequired) func aMalformedURLIsRefusedBeforeConnecting() {
        let error = #expect(throws: PostgresError.self) {
            try PostgresConnection(url: "postgres://voxpop@127.0.0.1:notaport/voxpop")
        }
        #expect(error?.kind == .connection)
        let reason = "invalid integer value \"notaport\" for connection option \"port\""
        #expect(error?.description.contains(reason) == true)
    }

    @Test func passwordsNeverReachMessages() {
        #expect(
            PostgresConnection.redactingPasswords("postgres://voxpop:s3cret@127.0.0.1:5432/voxpop")
                == "postgres://voxpop:***@127.0.0.1:5432/voxpop")
        #expect(
            PostgresConnection.redactingPasswords("postgresql://127.0.0.1/voxpop?user=a&password=s3cret&sslmode=off")
                == "postgresql://127.0.0.1/voxpop?user=a&password=***&sslmode=off")
        #expect(
            PostgresConnection.redactingPasswords("host=127.0.0.1 password=s3cret dbname=voxpop")
                == "host=127.0.0.1 password=*** dbname=voxpop")
        #expect(
            PostgresConnection.redactingPasswords("postgres://voxpop@127.0.0.1:5432/voxpop")
                == "postgres://voxpop@127.0.0.1:5432/voxpop")
    }

    @Test(TestServer.required) func connectsAndReportsTheServerVersion() throws {
        let connection = try PostgresConnection(url: TestServer.url!)
        #expect(connection.isConnected)
        #expect(connection.serverVersion >= 14_0000)
        #expect(try connection.query("SELECT current_user").text(0, 0) == "voxpop")
        // Named for pg_stat_activity, since the URL set no application_name.
        #expect(try connection.query("SHOW application_name").text(0, 0) == "voxpop")
    }

    @Test(TestServer.required) func aDatabaseThatDoesNotExistIsNamed() {
        let error = #expect(throws: PostgresError.self) {
            try PostgresConnection(url: TestServer.url(database: "no_such_database"))
        }
        #expect(error?.kind == .connection)
        #expect(error?.description.contains("database \"no_such_database\" does not exist") == true)
    }

    @Test(TestServer.required) func aWrongPasswordIsNamedAndNotShown() throws {
        // tools/postgres makes the server check this one role's password.
        let admin = try PostgresConnection(url: TestServer.url!)
        try admin.execute(
            """
            DO $$ BEGIN CREATE ROLE voxpop_password LOGIN PASSWORD 'right-password';
            EXCEPTION WHEN duplicate_object THEN NULL; END $$
            """)
        let right = try PostgresConnection(url: TestServer.url(user: "voxpop_password", password: "right-password"))
        #expect(try right.query("SELECT current_user").text(0, 0) == "voxpop_password")

        let error = #expect(throws: PostgresError.self) {
            try PostgresConnection(url: TestServer.url(user: "voxpop_password", password: "wrong-password"))
        }
        #expect(error?.kind == .connection)
        #expect(
            error?.description.contains("password authentication failed for user \"voxpop_password\"") == true,
            "the server must check voxpop_password's password, as tools/postgres sets it up")
        #expect(error?.description.contains("wrong-password") == false)
        #expect(error?.description.contains("voxpop_password:***@") == true)
    }

    @Test(TestServer.required) func aConnectionTheServerEndsReportsAConnectionError() throws {
        let database = try TestDatabase()
        let victim = try database.connect()
        let pid = try #require(try victim.query("SELECT pg_backend_pid()").integer(0, 0))
        try database.connection.query("SELECT pg_terminate_backend($1::int)", [.integer(pid)])
        let error = #expect(throws: PostgresError.self) { try victim.query("SELECT 1") }
        #expect(error?.kind == .connection)
        #expect(error?.description.hasSuffix(" in <SELECT 1>") == true)
        #expect(!victim.isConnected)
    }
}
