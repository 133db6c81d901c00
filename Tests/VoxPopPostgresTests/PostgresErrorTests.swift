import Testing
import VoxPopStore

@Suite(TestServer.required) struct PostgresErrorTests {
    @Test func aUniqueViolationCarriesSQLState23505TheDetailAndTheSQL() throws {
        let database = try TestDatabase()
        try database.connection.execute("CREATE TABLE votes(ballot bigint, voter bytea, UNIQUE (ballot, voter))")
        let insert = "INSERT INTO votes VALUES ($1, $2)"
        try database.connection.query(insert, [7, .bytea([0xAB])])
        let error = #expect(throws: PostgresError.self) {
            try database.connection.query(insert, [7, .bytea([0xAB])])
        }
        #expect(error?.kind == .server)
        #expect(error?.code == .uniqueViolation)
        #expect(error?.code?.rawValue == "23505")
        #expect(error?.sql == insert)
        #expect(error?.detail == "Key (ballot, voter)=(7, \\xab) already exists.")
        #expect(
            error?.description
                == "PostgreSQL error 23505 (unique_violation): duplicate key value violates unique constraint "
                + "\"votes_ballot_voter_key\" (Key (ballot, voter)=(7, \\xab) already exists.) in <\(insert)>")
        // The connection goes on.
        #expect(try database.count("votes") == 1)
    }

    @Test func otherServerErrorsKeepTheirCodes() throws {
        let connection = try PostgresConnection(url: TestServer.url!)
        let syntax = #expect(throws: PostgresError.self) { try connection.execute("SELEC 1") }
        #expect(syntax?.code == .syntaxError)
        let missing = #expect(throws: PostgresError.self) { try connection.statement("SELECT * FROM no_such_table") }
        #expect(missing?.code == .undefinedTable)
        #expect(missing?.description.hasPrefix("PostgreSQL error 42P01 (undefined_table): relation") == true)
    }
}
