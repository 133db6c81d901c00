import Testing
import VoxPopStore

@Suite(TestServer.required) struct PostgresStatementTests {
    @Test func aStatementIsPreparedOncePerConnectionAndReused() throws {
        let database = try TestDatabase()
        let connection = database.connection
        try connection.execute("CREATE TABLE t(x bigint, y text)")
        let sql = "INSERT INTO t VALUES ($1, $2) RETURNING x * 2"
        let insert = try connection.statement(sql)
        #expect(try connection.statement(sql) === insert)
        for x: Int64 in 1...3 {
            #expect(try connection.statement(sql).query([.integer(x), "row"]).integer(0, 0) == x * 2)
        }
        #expect(try connection.query("SELECT count(*) FROM pg_prepared_statements").integer(0, 0) == 1)
        #expect(try database.count("t") == 3)

        // Another connection prepares its own.
        let other = try database.connect()
        #expect(try other.statement(sql) !== insert)
        try other.statement(sql).query([4, "row"])
        #expect(try database.count("t") == 4)
    }

    @Test func aStatementThatFailsToPrepareIsNotCached() throws {
        let database = try TestDatabase()
        let sql = "SELECT x FROM later"
        #expect(throws: PostgresError.self) { try database.connection.statement(sql) }
        try database.connection.execute("CREATE TABLE later(x bigint); INSERT INTO later VALUES (5)")
        #expect(try database.connection.statement(sql).query().integer(0, 0) == 5)
    }
}
