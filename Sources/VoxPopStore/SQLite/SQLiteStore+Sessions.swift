/// Operators' console sessions: stored by the hash of their token, so that every node of a
/// cluster knows them and a sign-out ends them everywhere.
extension SQLiteStore {
    public func startSession(id: [UInt8], operator name: String, at: Int64, expiresAt: Int64) throws(SQLiteError) {
        try locked { () throws(SQLiteError) in
            try connection.statement(
                "INSERT INTO operator_sessions(id, operator, started_at, expires_at) VALUES (?1, ?2, ?3, ?4)"
            ).bind(.blob(id), .text(name), .integer(at), .integer(expiresAt)).run()
        }
    }

    /// The operator of a session that has neither ended nor expired at `now`.
    public func sessionOperator(id: [UInt8], now: Int64) throws(SQLiteError) -> String? {
        try locked { () throws(SQLiteError) in
            let select = try connection.statement(
                "SELECT operator FROM operator_sessions WHERE id = ?1 AND ended_at IS NULL AND expires_at > ?2")
            try select.bind(.blob(id), .integer(now))
            defer { select.reset() }
            return try select.step() ? select.text(0) : nil
        }
    }

    public func endSession(id: [UInt8], at: Int64) throws(SQLiteError) {
        try locked { () throws(SQLiteError) in
            try connection.statement("UPDATE operator_sessions SET ended_at = ?2 WHERE id = ?1 AND ended_at IS NULL")
                .bind(.blob(id), .integer(at)).run()
        }
    }
}
