import CLibPQ

/// A statement prepared on one connection under a name, run many times with new parameters.
///
/// Owned by its `PostgresConnection` (which caches it by SQL) and used by one thread at a time,
/// like the connection.
public final class PostgresStatement {
    unowned let connection: PostgresConnection
    /// The server-side name, unique on the connection.
    let name: String
    public let sql: String

    init(connection: PostgresConnection, name: String, sql: String) {
        self.connection = connection
        self.name = name
        self.sql = sql
    }

    /// Runs the statement with `parameters` for `$1`, `$2`, … and returns its rows.
    @discardableResult
    public func query(_ parameters: [PostgresValue] = []) throws(PostgresError) -> PostgresRows {
        let encoded = try PostgresParameters(parameters, sql: sql)
        let result = encoded.withArrays { _, values, lengths, formats in
            // The prepared statement's parameter types were fixed when it was prepared.
            voxpop_pq_exec_prepared(connection.handle, name, Int32(encoded.count), values, lengths, formats, 0)
        }
        return try connection.rows(from: result, sql: sql)
    }
}
