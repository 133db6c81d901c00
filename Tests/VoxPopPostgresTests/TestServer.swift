import Foundation
import Testing
import VoxPopStore

/// The PostgreSQL server the tests run against: VOXPOP_TEST_POSTGRES's URL, as
/// `tools/postgres run -- swift test --filter VoxPopPostgresTests` sets it.
enum TestServer {
    static let url = ProcessInfo.processInfo.environment["VOXPOP_TEST_POSTGRES"]

    /// Skips a test, with the reason printed, when there is no server to run it against.
    static let required = Testing.ConditionTrait.enabled(
        if: url != nil,
        "no PostgreSQL server: set VOXPOP_TEST_POSTGRES=postgres://voxpop@127.0.0.1:PORT/voxpop, or run tools/postgres run -- swift test --filter VoxPopPostgresTests"
    )

    /// Skips a test that needs libpq but no server when libpq is not installed.
    static let libraryRequired = Testing.ConditionTrait.enabled(
        if: PostgresLibrary.isAvailable, "libpq.so.5 is not installed (apt-get install libpq5)")

    /// The server's URL with its user, password or database replaced.
    static func url(user: String? = nil, password: String? = nil, database: String? = nil) -> String {
        var components = URLComponents(string: url!)!
        if let user { components.user = user }
        if let password { components.password = password }
        if let database { components.path = "/" + database }
        return components.string!
    }

    /// The server's port, for URLs that point elsewhere on it.
    static var port: Int { URLComponents(string: url!)!.port! }
}

/// A connection whose tables live in a schema of their own, dropped at the end: the tests run in
/// parallel against one database.
final class TestDatabase {
    let connection: PostgresConnection
    let schema = "test_" + String(UInt64.random(in: 0...UInt64.max), radix: 16)

    init() throws {
        connection = try PostgresConnection(url: TestServer.url!)
        try connection.execute("CREATE SCHEMA \(schema); SET search_path TO \(schema)")
    }

    /// Another connection to the same schema.
    func connect() throws -> PostgresConnection {
        let other = try PostgresConnection(url: TestServer.url!)
        try other.execute("SET search_path TO \(schema)")
        return other
    }

    func count(_ table: String) throws -> Int64? {
        try connection.query("SELECT count(*) FROM \(table)").integer(0, 0)
    }

    deinit {
        try? connection.execute("DROP SCHEMA \(schema) CASCADE")
    }
}
