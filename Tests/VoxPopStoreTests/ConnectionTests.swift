import Testing
import VoxPopStore

@Suite struct ConnectionTests {
    @Test func runsStatementsAndReadsIntegers() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (41), (1); PRAGMA user_version = 7")
        #expect(try connection.integer("SELECT sum(x) FROM t") == 42)
        #expect(try connection.integer("PRAGMA user_version") == 7)
        #expect(try connection.integer("SELECT x FROM t WHERE x > 100") == nil)
    }

    @Test func errorsCarrySQLitesCodeMessageAndTheSQL() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE votes(voter TEXT UNIQUE); INSERT INTO votes VALUES ('a')")
        let insert = "INSERT INTO votes VALUES ('a')"
        let error = #expect(throws: SQLiteError.self) { try connection.execute(insert) }
        #expect(error?.code == 2067)  // SQLITE_CONSTRAINT_UNIQUE
        #expect(error?.primaryCode == 19)  // SQLITE_CONSTRAINT
        #expect(error?.sql == insert)
        #expect(error?.message.contains("UNIQUE constraint failed") == true)
    }

    @Test func aDirectoryThatDoesNotExistIsAnError() {
        #expect(throws: SQLiteError.self) { try Connection(path: "/nonexistent/dir/voxpop.sqlite") }
    }
}
