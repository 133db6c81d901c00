/// The operator's desk: invites minted, used and revoked, write-in labels and dismissed
/// suggestions, withdrawn options, notes on ideas, and the operator log.
extension SQLiteStore {
    // MARK: Invites

    /// Counts of an invite campaign's codes: all of them, those whose voter has a vote in one
    /// of the campaign's ballots, those revoked.
    public func inviteCounts(campaign: String) throws(SQLiteError) -> (total: Int, used: Int, revoked: Int) {
        try locked { () throws(SQLiteError) in
            let select = try connection.statement(
                """
                SELECT count(*), count(revoked_at),
                  (SELECT count(*) FROM invites i WHERE i.campaign = ?1 AND i.voter IS NOT NULL AND EXISTS
                    (SELECT 1 FROM votes v JOIN ballots b ON b.id = v.ballot WHERE b.campaign = ?1 AND v.voter = i.voter))
                FROM invites WHERE campaign = ?1
                """)
            try select.bind(.text(campaign))
            defer { select.reset() }
            _ = try select.step()
            return (Int(select.integer(0)), Int(select.integer(2)), Int(select.integer(1)))
        }
    }

    /// Adds invite codes (hashed) with the pseudonym each votes under; returns how many were new.
    public func addInvites(campaign: String, codes: [(hash: [UInt8], voter: [UInt8])]) throws(SQLiteError) -> Int {
        try locked { () throws(SQLiteError) in
            try connection.execute("BEGIN IMMEDIATE")
            do throws(SQLiteError) {
                var added = 0
                let insert = try connection.statement(
                    "INSERT OR IGNORE INTO invites(campaign, code, voter) VALUES (?1, ?2, ?3)")
                for code in codes {
                    try insert.bind(.text(campaign), .blob(code.hash), .blob(code.voter)).run()
                    added += connection.changes
                }
                try connection.execute("COMMIT")
                return added
            } catch {
                try? connection.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// Revokes unused codes; a used one stays, since its vote stands.
    public func revokeInvites(campaign: String, hashes: [[UInt8]], at: Int64) throws(SQLiteError) -> [Store.Revocation]
    {
        try locked { () throws(SQLiteError) in
            try connection.execute("BEGIN IMMEDIATE")
            do throws(SQLiteError) {
                var outcomes: [Store.Revocation] = []
                let select = try connection.statement(
                    """
                    SELECT EXISTS (SELECT 1 FROM votes v JOIN ballots b ON b.id = v.ballot
                      WHERE b.campaign = ?1 AND v.voter = i.voter)
                    FROM invites i WHERE i.campaign = ?1 AND i.code = ?2
                    """)
                let update = try connection.statement(
                    "UPDATE invites SET revoked_at = coalesce(revoked_at, ?3) WHERE campaign = ?1 AND code = ?2")
                for hash in hashes {
                    try select.bind(.text(campaign), .blob(hash))
                    let found = try select.step()
                    let used = found && select.integer(0) != 0
                    select.reset()
                    if !found {
                        outcomes.append(.unknown)
                    } else if used {
                        outcomes.append(.used)
                    } else {
                        try update.bind(.text(campaign), .blob(hash), .integer(at)).run()
                        outcomes.append(.revoked)
                    }
                }
                try connection.execute("COMMIT")
                return outcomes
            } catch {
                try? connection.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// Every campaign's codes that may vote (not revoked), as keyed hashes.
    public func validInvites() throws(SQLiteError) -> [String: Set<[UInt8]>] {
        try locked { () throws(SQLiteError) in
            let select = try connection.statement("SELECT campaign, code FROM invites WHERE revoked_at IS NULL")
            try select.bind([])
            var result: [String: Set<[UInt8]>] = [:]
            while try select.step() { result[select.text(0), default: []].insert(select.blob(1)) }
            return result
        }
    }

    // MARK: Write-ins

    public func setWriteInLabel(_ ballotID: Int64, key: String, label: String?) throws(SQLiteError) {
        try locked { () throws(SQLiteError) in
            if let label {
                try connection.statement(
                    "INSERT OR REPLACE INTO write_in_labels(ballot, key, label) VALUES (?1, ?2, ?3)"
                ).bind(.integer(ballotID), .text(key), .text(label)).run()
            } else {
                try connection.statement("DELETE FROM write_in_labels WHERE ballot = ?1 AND key = ?2")
                    .bind(.integer(ballotID), .text(key)).run()
            }
        }
    }

    public func writeInLabels(_ ballotID: Int64) throws(SQLiteError) -> [String: String] {
        try locked { () throws(SQLiteError) in
            let select = try connection.statement("SELECT key, label FROM write_in_labels WHERE ballot = ?1")
            try select.bind(.integer(ballotID))
            var result: [String: String] = [:]
            while try select.step() { result[select.text(0)] = select.text(1) }
            return result
        }
    }

    public func dismissSuggestion(_ ballotID: Int64, _ suggestion: String) throws(SQLiteError) {
        try locked { () throws(SQLiteError) in
            try connection.statement(
                "INSERT OR IGNORE INTO write_in_dismissals(ballot, suggestion) VALUES (?1, ?2)"
            ).bind(.integer(ballotID), .text(suggestion)).run()
        }
    }

    public func dismissedSuggestions(_ ballotID: Int64) throws(SQLiteError) -> Set<String> {
        try locked { () throws(SQLiteError) in
            let select = try connection.statement("SELECT suggestion FROM write_in_dismissals WHERE ballot = ?1")
            try select.bind(.integer(ballotID))
            var result = Set<String>()
            while try select.step() { result.insert(select.text(0)) }
            return result
        }
    }

    /// Records decisions for several write-in keys in one transaction.
    public func decide(_ ballotID: Int64, keys: [String], _ decision: Store.WriteInDecision) throws(SQLiteError) {
        try locked { () throws(SQLiteError) in
            try connection.execute("BEGIN IMMEDIATE")
            do throws(SQLiteError) {
                let insert = try connection.statement(
                    "INSERT OR REPLACE INTO write_in_decisions(ballot, key, action, into_key) VALUES (?1, ?2, ?3, ?4)")
                for key in keys {
                    try insert.bind(
                        .integer(ballotID), .text(key), .text(decision.action),
                        decision.into.map(SQLValue.text) ?? .null
                    ).run()
                }
                try connection.execute("COMMIT")
            } catch {
                try? connection.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// A ballot's write-in decisions, by folded key.
    public func decisions(_ ballotID: Int64) throws(SQLiteError) -> [String: Store.WriteInDecision] {
        try locked { () throws(SQLiteError) in
            let select = try connection.statement(
                "SELECT key, action, into_key FROM write_in_decisions WHERE ballot = ?1")
            try select.bind(.integer(ballotID))
            var result: [String: Store.WriteInDecision] = [:]
            while try select.step() {
                result[select.text(0)] = Store.WriteInDecision(
                    action: select.text(1), into: select.isNull(2) ? nil : select.text(2))
            }
            return result
        }
    }

    // MARK: Withdrawals

    public func withdraw(_ ballotID: Int64, options: [String], at: Int64) throws(SQLiteError) {
        try locked { () throws(SQLiteError) in
            try connection.execute("BEGIN IMMEDIATE")
            do throws(SQLiteError) {
                let insert = try connection.statement(
                    "INSERT OR IGNORE INTO withdrawals(ballot, option, at) VALUES (?1, ?2, ?3)")
                for option in options { try insert.bind(.integer(ballotID), .text(option), .integer(at)).run() }
                try connection.execute("COMMIT")
            } catch {
                try? connection.execute("ROLLBACK")
                throw error
            }
        }
    }

    public func withdrawals(_ ballotID: Int64) throws(SQLiteError) -> [String] {
        try locked { () throws(SQLiteError) in
            let select = try connection.statement(
                "SELECT option FROM withdrawals WHERE ballot = ?1 ORDER BY at, option")
            try select.bind(.integer(ballotID))
            var result: [String] = []
            while try select.step() { result.append(select.text(0)) }
            return result
        }
    }

    // MARK: Ideas

    public func ideaNotes(_ ballotID: Int64) throws(SQLiteError) -> [String: Store.IdeaNote] {
        try locked { () throws(SQLiteError) in
            let select = try connection.statement(
                "SELECT option, status, merged_into, reply, replied_at FROM idea_notes WHERE ballot = ?1")
            try select.bind(.integer(ballotID))
            var result: [String: Store.IdeaNote] = [:]
            while try select.step() {
                result[select.text(0)] = Store.IdeaNote(
                    status: select.isNull(1) ? nil : select.text(1),
                    mergedInto: select.isNull(2) ? nil : select.text(2),
                    reply: select.isNull(3) ? nil : select.text(3),
                    repliedAt: select.isNull(4) ? nil : select.integer(4))
            }
            return result
        }
    }

    public func setIdeaNote(_ ballotID: Int64, option: String, _ note: Store.IdeaNote) throws(SQLiteError) {
        try locked { () throws(SQLiteError) in
            try connection.statement(
                "INSERT OR REPLACE INTO idea_notes(ballot, option, status, merged_into, reply, replied_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
            ).bind(
                .integer(ballotID), .text(option), note.status.map(SQLValue.text) ?? .null,
                note.mergedInto.map(SQLValue.text) ?? .null, note.reply.map(SQLValue.text) ?? .null,
                note.repliedAt.map(SQLValue.integer) ?? .null
            ).run()
        }
    }

    // MARK: The operator log

    @discardableResult
    public func log(
        at: Int64, actor: String, action: String, campaign: String?, ballot: String?, detail: String
    ) throws(SQLiteError) -> Int64 {
        try locked { () throws(SQLiteError) in
            try connection.statement(
                "INSERT INTO operator_log(at, actor, action, campaign, ballot, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
            ).bind(
                .integer(at), .text(actor), .text(action), campaign.map(SQLValue.text) ?? .null,
                ballot.map(SQLValue.text) ?? .null, .text(detail)
            ).run()
            return try connection.integer("SELECT last_insert_rowid()") ?? 0
        }
    }

    /// Log entries newest first, before `seq` (all when nil), at most `limit`; for one ballot when
    /// `campaign` and `ballot` are given.
    public func logEntries(before seq: Int64?, limit: Int, campaign: String? = nil, ballot: String? = nil)
        throws(SQLiteError) -> [Store.LogEntry]
    {
        try locked { () throws(SQLiteError) in
            let select = try connection.statement(
                """
                SELECT seq, at, actor, action, campaign, ballot, detail FROM operator_log
                WHERE seq < ?1 AND (?2 IS NULL OR campaign = ?2) AND (?3 IS NULL OR ballot = ?3)
                ORDER BY seq DESC LIMIT ?4
                """)
            try select.bind(
                .integer(seq ?? Int64.max), campaign.map(SQLValue.text) ?? .null, ballot.map(SQLValue.text) ?? .null,
                .integer(Int64(limit)))
            var result: [Store.LogEntry] = []
            while try select.step() {
                result.append(
                    Store.LogEntry(
                        seq: select.integer(0), at: select.integer(1), actor: select.text(2), action: select.text(3),
                        campaign: select.isNull(4) ? nil : select.text(4),
                        ballot: select.isNull(5) ? nil : select.text(5),
                        detail: select.text(6)))
            }
            return result
        }
    }

    /// How many log entries touch a ballot.
    public func logCount(campaign: String, ballot: String) throws(SQLiteError) -> Int {
        try locked { () throws(SQLiteError) in
            let select = try connection.statement(
                "SELECT count(*) FROM operator_log WHERE campaign = ?1 AND ballot = ?2")
            try select.bind(.text(campaign), .text(ballot))
            defer { select.reset() }
            _ = try select.step()
            return Int(select.integer(0))
        }
    }
}
