/// Invite codes and write-in decisions: the operator's side of the store.
extension Store {
    /// The hashed invite codes of every campaign.
    public func invites() throws(SQLiteError) -> [String: Set<[UInt8]>] {
        try locked { () throws(SQLiteError) in
            let select = try connection.statement("SELECT campaign, code FROM invites")
            try select.bind([])
            var result: [String: Set<[UInt8]>] = [:]
            while try select.step() { result[select.text(0), default: []].insert(select.blob(1)) }
            return result
        }
    }

    /// An operator's decision on a write-in key.
    public struct WriteInDecision: Sendable, Equatable {
        public var action: String
        public var into: String?
        public init(action: String, into: String?) {
            self.action = action
            self.into = into
        }
    }

    public func decide(_ ballotID: Int64, key: String, _ decision: WriteInDecision) throws(SQLiteError) {
        try locked { () throws(SQLiteError) in
            try connection.statement(
                "INSERT OR REPLACE INTO write_in_decisions(ballot, key, action, into_key) VALUES (?1, ?2, ?3, ?4)"
            ).bind(.integer(ballotID), .text(key), .text(decision.action), decision.into.map(SQLValue.text) ?? .null)
                .run()
        }
    }

    public func decisions(_ ballotID: Int64) throws(SQLiteError) -> [String: WriteInDecision] {
        try locked { () throws(SQLiteError) in
            let select = try connection.statement(
                "SELECT key, action, into_key FROM write_in_decisions WHERE ballot = ?1")
            try select.bind(.integer(ballotID))
            var result: [String: WriteInDecision] = [:]
            while try select.step() {
                result[select.text(0)] = WriteInDecision(
                    action: select.text(1), into: select.isNull(2) ? nil : select.text(2))
            }
            return result
        }
    }
}
