import Testing
import VoxPopStore

@Suite(TestServer.required) struct PostgresTransactionTests {
    struct Abandoned: Error {}

    @Test func aTransactionCommitsWhenItsBodyReturns() throws {
        let database = try TestDatabase()
        try database.connection.execute("CREATE TABLE t(x bigint)")
        let inserted = try database.connection.transaction {
            try database.connection.query("INSERT INTO t VALUES (1), (2)").affectedRows
        }
        #expect(inserted == 2)
        #expect(try database.count("t") == 2)
    }

    @Test func aTransactionRollsBackWhenItsBodyThrows() throws {
        let database = try TestDatabase()
        try database.connection.execute("CREATE TABLE t(x bigint)")
        #expect(throws: Abandoned.self) {
            try database.connection.transaction {
                try database.connection.query("INSERT INTO t VALUES (1)")
                throw Abandoned()
            }
        }
        #expect(try database.count("t") == 0)
        // Another connection never saw the row either, and this one is out of the transaction.
        #expect(try database.connect().query("SELECT count(*) FROM t").integer(0, 0) == 0)
        #expect(try database.connection.query("SELECT pg_current_xact_id_if_assigned()").isNull(0, 0))
    }

    @Test func aFailureTheBodySwallowedStillRollsBackAndSaysSo() throws {
        let database = try TestDatabase()
        try database.connection.execute("CREATE TABLE t(x bigint PRIMARY KEY)")
        let error = #expect(throws: PostgresError.self) {
            try database.connection.transaction {
                try database.connection.query("INSERT INTO t VALUES (1)")
                _ = try? database.connection.query("INSERT INTO t VALUES (1)")
            }
        }
        #expect(error?.code == .inFailedSQLTransaction)
        #expect(try database.count("t") == 0)
    }
}
