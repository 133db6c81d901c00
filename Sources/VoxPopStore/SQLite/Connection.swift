import CSQLite
import Glibc

/// One open SQLite database connection.
///
/// A connection is used by one thread at a time (SQLite is built thread-safe, but a connection's
/// statements and error state are not meant to be shared); the store's writer and readers each
/// own one. It closes when the last reference goes.
public final class Connection {
    let handle: OpaquePointer
    private var statements: [String: Statement] = [:]

    /// Opens (creating if needed) the database at `path`; `":memory:"` opens a private in-memory one.
    public init(path: String) throws(SQLiteError) {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw SQLiteError(code: code, message: message, sql: nil)
        }
        sqlite3_extended_result_codes(handle, 1)
        // Every connection waits for a lock rather than failing at once: another connection may
        // be committing, or still closing after a restart.
        sqlite3_busy_timeout(handle, 10_000)
        self.handle = handle
    }

    /// Waits for a lock in steps of 0.1 ms (up to 10 s) instead of SQLite's default sleeps, which
    /// grow to 25 ms and more: for the vote writer, whose every pause delays a batch of voters.
    func waitForLocksInShortSteps() {
        sqlite3_busy_handler(
            handle,
            { _, attempts in
                usleep(100)
                return attempts < 100_000 ? 1 : 0
            }, nil)
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// The prepared statement for `sql`, prepared once and reused.
    public func statement(_ sql: String) throws(SQLiteError) -> Statement {
        if let cached = statements[sql] { return cached }
        let statement = try Statement(connection: self, sql: sql)
        statements[sql] = statement
        return statement
    }

    /// Runs `body` in a transaction: committed if it returns, rolled back if it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// Runs one or more statements that return no rows (schema changes, pragmas that set).
    public func execute(_ sql: String) throws(SQLiteError) {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw error(code, sql: sql) }
    }

    /// The first column of the first row of a query, as an integer (`PRAGMA user_version`).
    public func integer(_ sql: String) throws(SQLiteError) -> Int64? {
        var statement: OpaquePointer?
        let prepared = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard prepared == SQLITE_OK else { throw error(prepared, sql: sql) }
        defer { sqlite3_finalize(statement) }
        switch sqlite3_step(statement) {
        case SQLITE_ROW:
            return sqlite3_column_type(statement, 0) == SQLITE_NULL ? nil : sqlite3_column_int64(statement, 0)
        case SQLITE_DONE:
            return nil
        case let code:
            throw error(code, sql: sql)
        }
    }

    /// The version of the system library this connection runs on.
    public static var libraryVersion: String { String(cString: sqlite3_libversion()) }

    func error(_ code: Int32, sql: String?) -> SQLiteError {
        SQLiteError(code: sqlite3_extended_errcode(handle), message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }
}
