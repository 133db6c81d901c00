import CSQLite

/// A failure reported by SQLite: its result code, its message and the SQL that failed.
///
/// Related SQLite documentation: <https://www.sqlite.org/rescode.html>
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The (extended) result code, such as 19 (`SQLITE_CONSTRAINT`) or 2067 (`SQLITE_CONSTRAINT_UNIQUE`).
    public var code: Int32
    public var message: String
    public var sql: String?

    /// The primary result code, without the extended bits.
    public var primaryCode: Int32 { code & 0xFF }

    public var description: String {
        let codeName = String(cString: sqlite3_errstr(code))
        return "SQLite error \(code) (\(codeName)): \(message)" + (sql.map { " in <\($0)>" } ?? "")
    }
}
