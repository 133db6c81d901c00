/// Ideas suggested on an idea-forum ballot, and the statuses operators give them.
extension SQLiteStore {
    /// Stores a new idea unless its key is taken or the voter has reached `limit`; one transaction,
    /// so two voters suggesting the same idea at once get one idea and one duplicate.
    public func suggest(
        _ ballotID: Int64, key: String, text: String, voter: [UInt8], status: String, at: Int64, limit: Int
    ) throws(SQLiteError) -> Store.Suggested {
        try locked { () throws(SQLiteError) in
            try connection.execute("BEGIN IMMEDIATE")
            do throws(SQLiteError) {
                let outcome: Store.Suggested
                if let existing = try idea(ballotID, key: key) {
                    outcome = .duplicate(existing)
                } else if try suggestionCount(ballotID, voter: voter) >= limit {
                    outcome = .limitReached(limit)
                } else {
                    try connection.statement(
                        "INSERT INTO ideas(ballot, key, text, voter, status, suggested_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                    ).bind(.integer(ballotID), .text(key), .text(text), .blob(voter), .text(status), .integer(at)).run()
                    outcome = .added(try idea(ballotID, key: key)!)
                }
                try connection.execute("COMMIT")
                return outcome
            } catch {
                try? connection.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// The ideas of a ballot, oldest first.
    public func ideas(_ ballotID: Int64) throws(SQLiteError) -> [Store.Idea] {
        try locked { () throws(SQLiteError) in
            let select = try connection.statement(
                "SELECT id, key, text, status, suggested_at FROM ideas WHERE ballot = ?1 ORDER BY id")
            try select.bind(.integer(ballotID))
            var result: [Store.Idea] = []
            while try select.step() { result.append(Self.idea(select)) }
            return result
        }
    }

    /// Sets an idea's status; false when the ballot has no such idea.
    public func setIdeaStatus(_ ballotID: Int64, id: Int64, status: String) throws(SQLiteError) -> Bool {
        try locked { () throws(SQLiteError) in
            try connection.statement("UPDATE ideas SET status = ?3 WHERE ballot = ?1 AND id = ?2")
                .bind(.integer(ballotID), .integer(id), .text(status)).run()
            return connection.changes == 1
        }
    }

    private func idea(_ ballotID: Int64, key: String) throws(SQLiteError) -> Store.Idea? {
        let select = try connection.statement(
            "SELECT id, key, text, status, suggested_at FROM ideas WHERE ballot = ?1 AND key = ?2")
        try select.bind(.integer(ballotID), .text(key))
        defer { select.reset() }
        return try select.step() ? Self.idea(select) : nil
    }

    private func suggestionCount(_ ballotID: Int64, voter: [UInt8]) throws(SQLiteError) -> Int {
        let select = try connection.statement("SELECT count(*) FROM ideas WHERE ballot = ?1 AND voter = ?2")
        try select.bind(.integer(ballotID), .blob(voter))
        defer { select.reset() }
        _ = try select.step()
        return Int(select.integer(0))
    }

    private static func idea(_ row: Statement) -> Store.Idea {
        Store.Idea(
            id: row.integer(0), key: row.text(1), text: row.text(2), status: row.text(3), suggestedAt: row.integer(4))
    }
}
