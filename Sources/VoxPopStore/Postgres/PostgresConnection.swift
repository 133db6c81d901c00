import CLibPQ
import Glibc

/// One connection to a PostgreSQL server, through libpq.
///
/// A connection is used by one thread at a time (libpq's connections are not meant to be shared);
/// each owner holds its own. It closes when the last reference goes. After an error of kind
/// `.connection`, discard it and connect again.
///
/// ```swift
/// let connection = try PostgresConnection(url: "postgres://voxpop@127.0.0.1:5432/voxpop")
/// let insert = try connection.statement("INSERT INTO votes(ballot, voter) VALUES ($1, $2)")
/// try connection.transaction { try insert.query([.integer(1), .bytea(voter)]) }
/// ```
///
/// Related PostgreSQL documentation: <https://www.postgresql.org/docs/15/libpq.html>
public final class PostgresConnection {
    let handle: OpaquePointer
    /// The URL it was opened with, any password hidden, for messages.
    public let redactedURL: String
    private var statements: [String: PostgresStatement] = [:]
    private var statementsPrepared = 0

    /// Connects to the server at `url`: `postgres://USER[:PASSWORD]@HOST:PORT/DB` (or
    /// `postgresql://`, or any libpq connection string). Waits at most 10 s unless the URL sets
    /// `connect_timeout`.
    public init(url: String) throws(PostgresError) {
        try PostgresLibrary.load()
        redactedURL = Self.redactingPasswords(url)
        // Defaults listed before dbname, which libpq expands from the URL: the URL's own settings
        // override them. A connect that hangs on a silent host would stall a node's start.
        let keywords = ["connect_timeout", "fallback_application_name", "dbname"]
        let values = ["10", "voxpop", url]
        let connection = withCStrings(keywords) { keywords in
            withCStrings(values) { values in voxpop_pq_connectdb_params(keywords, values, 1) }
        }
        guard let connection else {
            throw PostgresError(kind: .connection, message: "could not connect to PostgreSQL: libpq is out of memory")
        }
        guard voxpop_pq_status(connection) == Int32(VOXPOP_PQ_CONNECTION_OK) else {
            let reason = Self.oneLine(String(cString: voxpop_pq_error_message(connection)))
            voxpop_pq_finish(connection)
            throw PostgresError(
                kind: .connection, message: "could not connect to PostgreSQL at \(redactedURL): \(reason)")
        }
        voxpop_pq_keep_only_warnings(connection)
        handle = connection
    }

    deinit {
        voxpop_pq_finish(handle)
    }

    /// The server's version as a number, such as 150018 for 15.18.
    public var serverVersion: Int { Int(voxpop_pq_server_version(handle)) }

    /// False once the connection has broken.
    public var isConnected: Bool { voxpop_pq_status(handle) == Int32(VOXPOP_PQ_CONNECTION_OK) }

    /// Runs one or more statements without parameters (schema changes, `SET`), through the simple
    /// query protocol.
    public func execute(_ sql: String) throws(PostgresError) {
        _ = try rows(from: voxpop_pq_exec(handle, sql), sql: sql)
    }

    /// Runs one statement with parameters `$1`, `$2`, … and returns its rows. The statement is
    /// parsed anew each time; use `statement(_:)` for one that runs often.
    @discardableResult
    public func query(_ sql: String, _ parameters: [PostgresValue] = []) throws(PostgresError) -> PostgresRows {
        let encoded = try PostgresParameters(parameters, sql: sql)
        let result = encoded.withArrays { types, values, lengths, formats in
            voxpop_pq_exec_params(handle, sql, Int32(encoded.count), types, values, lengths, formats, 0)
        }
        return try rows(from: result, sql: sql)
    }

    /// The prepared statement for `sql`, prepared once on this connection and reused.
    public func statement(_ sql: String) throws(PostgresError) -> PostgresStatement {
        if let cached = statements[sql] { return cached }
        // Named by a counter, not by the SQL: names are limited to 63 bytes.
        let name = "voxpop_\(statementsPrepared + 1)"
        _ = try rows(from: voxpop_pq_prepare(handle, name, sql, 0, nil), sql: sql)
        statementsPrepared += 1
        let statement = PostgresStatement(connection: self, name: name, sql: sql)
        statements[sql] = statement
        return statement
    }

    /// Runs `body` in a transaction: committed if it returns, rolled back if it throws.
    ///
    /// If a statement inside failed and `body` caught the error and returned, PostgreSQL has
    /// already aborted the transaction and its COMMIT rolls back: that throws here
    /// (`in_failed_sql_transaction`) rather than passing for a commit.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        let result: T
        do {
            result = try body()
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
        let commit = try rows(from: voxpop_pq_exec(handle, "COMMIT"), sql: "COMMIT")
        guard commit.commandTag == "COMMIT" else {
            throw PostgresError(
                kind: .server, code: .inFailedSQLTransaction,
                message: "the transaction was rolled back, not committed, because a statement in it had failed",
                sql: "COMMIT")
        }
        return result
    }

    /// `name` quoted as an SQL identifier (for LISTEN, which takes no parameters).
    func quotedIdentifier(_ name: String) throws(PostgresError) -> String {
        guard let quoted = voxpop_pq_escape_identifier(handle, name, name.utf8.count) else {
            throw PostgresError(kind: .usage, message: Self.oneLine(String(cString: voxpop_pq_error_message(handle))))
        }
        defer { voxpop_pq_freemem(quoted) }
        return String(cString: quoted)
    }

    /// Takes ownership of a result: its rows if the command succeeded, else its error thrown.
    func rows(from result: OpaquePointer?, sql: String?) throws(PostgresError) -> PostgresRows {
        guard let result else { throw connectionError(sql: sql) }
        switch voxpop_pq_result_status(result) {
        case Int32(VOXPOP_PGRES_COMMAND_OK), Int32(VOXPOP_PGRES_TUPLES_OK), Int32(VOXPOP_PGRES_EMPTY_QUERY):
            return PostgresRows(result)
        default:
            let error = error(from: result, sql: sql)
            voxpop_pq_clear(result)
            throw error
        }
    }

    /// The error a failed result holds (the result stays the caller's to clear).
    func error(from result: OpaquePointer, sql: String?, batchIndex: Int? = nil) -> PostgresError {
        func field(_ code: Int) -> String? {
            voxpop_pq_result_error_field(result, Int32(code)).map { String(cString: $0) }
        }
        let message =
            field(VOXPOP_PG_DIAG_MESSAGE_PRIMARY)
            ?? Self.oneLine(String(cString: voxpop_pq_result_error_message(result)))
        return PostgresError(
            kind: isConnected ? .server : .connection,
            code: field(VOXPOP_PG_DIAG_SQLSTATE).map(PostgresError.Code.init),
            message: message.isEmpty ? "libpq reported a failure without a message" : message,
            detail: field(VOXPOP_PG_DIAG_MESSAGE_DETAIL), sql: sql, batchIndex: batchIndex)
    }

    /// The connection's last error, when libpq returned no result at all.
    func connectionError(sql: String?, batchIndex: Int? = nil) -> PostgresError {
        let message = Self.oneLine(String(cString: voxpop_pq_error_message(handle)))
        return PostgresError(
            kind: .connection, message: message.isEmpty ? "the connection to PostgreSQL failed" : message, sql: sql,
            batchIndex: batchIndex)
    }

    /// libpq's messages end in a newline and indent their hints on further lines.
    static func oneLine(_ message: String) -> String {
        message.split(whereSeparator: \.isNewline)
            .map { $0.trimmingPrefix(while: \.isWhitespace) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }

    /// `url` with the password of `user:password@` and any `password=` setting replaced by `***`.
    static func redactingPasswords(_ url: String) -> String {
        var text = Substring(url)
        var redacted = ""
        if let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].firstIndex(of: "@") {
            let userInfo = text[scheme.upperBound..<at]
            if let colon = userInfo.firstIndex(of: ":"), !userInfo[..<colon].contains("/") {
                redacted += text[..<colon] + ":***"
                text = text[at...]
            }
        }
        while let setting = text.range(of: "password=") {
            redacted += text[..<setting.upperBound] + "***"
            text = text[setting.upperBound...]
            text = text[(text.firstIndex { $0 == "&" || $0 == " " } ?? text.endIndex)...]
        }
        return redacted + text
    }
}

/// Calls `body` with `strings` as a NULL-terminated array of C strings, valid during the call.
private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { for copy in copies { free(copy) } }
    let pointers = copies.map { UnsafePointer($0) } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
