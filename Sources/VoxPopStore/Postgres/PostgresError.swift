/// A failure reported by PostgreSQL or by libpq: its SQLSTATE, the server's message and the SQL.
///
/// Server errors carry the five-character SQLSTATE (`code`), which is stable across versions and
/// languages; branch on it, never on the message. Errors that never reached a server (connecting,
/// a lost connection, libpq missing) have no code and a `kind` that says which.
///
/// Related PostgreSQL documentation: <https://www.postgresql.org/docs/15/errcodes-appendix.html>
public struct PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the failure came from. A struct over a private enum, so a new kind breaks no caller.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Hashable, Sendable {
            case server, connection, libraryUnavailable, usage
        }
        private let base: Base

        /// The server refused a statement; `code` holds its SQLSTATE.
        public static let server = Kind(base: .server)
        /// Connecting failed, or the connection broke; the connection is unusable afterwards.
        public static let connection = Kind(base: .connection)
        /// libpq.so.5 is missing or too old (docs/postgres-client.md).
        public static let libraryUnavailable = Kind(base: .libraryUnavailable)
        /// The client was asked for something it cannot send, such as text holding a NUL byte.
        public static let usage = Kind(base: .usage)

        public var description: String { "\(base)" }
    }

    /// A SQLSTATE, such as `23505` (`unique_violation`).
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let uniqueViolation = Code(rawValue: "23505")
        public static let foreignKeyViolation = Code(rawValue: "23503")
        public static let notNullViolation = Code(rawValue: "23502")
        public static let checkViolation = Code(rawValue: "23514")
        public static let serializationFailure = Code(rawValue: "40001")
        public static let deadlockDetected = Code(rawValue: "40P01")
        public static let undefinedTable = Code(rawValue: "42P01")
        public static let syntaxError = Code(rawValue: "42601")
        public static let queryCanceled = Code(rawValue: "57014")
        public static let adminShutdown = Code(rawValue: "57P01")
        public static let readOnlySQLTransaction = Code(rawValue: "25006")
        public static let inFailedSQLTransaction = Code(rawValue: "25P02")

        /// The condition name from the errcodes appendix, for the codes above.
        public var name: String? {
            switch self {
            case .uniqueViolation: "unique_violation"
            case .foreignKeyViolation: "foreign_key_violation"
            case .notNullViolation: "not_null_violation"
            case .checkViolation: "check_violation"
            case .serializationFailure: "serialization_failure"
            case .deadlockDetected: "deadlock_detected"
            case .undefinedTable: "undefined_table"
            case .syntaxError: "syntax_error"
            case .queryCanceled: "query_canceled"
            case .adminShutdown: "admin_shutdown"
            case .readOnlySQLTransaction: "read_only_sql_transaction"
            case .inFailedSQLTransaction: "in_failed_sql_transaction"
            default: nil
            }
        }

        public var description: String { name.map { "\(rawValue) (\($0))" } ?? rawValue }
    }

    public var kind: Kind
    /// The SQLSTATE; nil for failures that did not come from a server.
    public var code: Code?
    /// The server's primary message, or libpq's.
    public var message: String
    /// The server's detail line, such as `Key (ballot, voter)=(1, \x00) already exists.`
    public var detail: String?
    /// The SQL that failed.
    public var sql: String?
    /// In a pipelined batch, the position of the execution that failed (from 0).
    public var batchIndex: Int?

    public init(
        kind: Kind, code: Code? = nil, message: String, detail: String? = nil, sql: String? = nil,
        batchIndex: Int? = nil
    ) {
        self.kind = kind
        self.code = code
        self.message = message
        self.detail = detail
        self.sql = sql
        self.batchIndex = batchIndex
    }

    public var description: String {
        switch kind {
        case .libraryUnavailable:
            return message
        case .connection:
            // A connection that broke under a statement says which statement it was.
            return message + (sql.map { " in <\($0)>" } ?? "")
        default:
            var sentence = code.map { "PostgreSQL error \($0): \(message)" } ?? "PostgreSQL: \(message)"
            if let detail { sentence += " (\(detail))" }
            if let sql { sentence += " in <\(sql)>" }
            if let batchIndex { sentence += " at execution \(batchIndex) of a pipelined batch" }
            return sentence
        }
    }
}
