/// The operators' records on PostgreSQL: invites, write-in decisions, labels, dismissals and
/// withdrawals, ideas and their notes, sessions and the operator log. Each change is announced
/// to the other nodes (`change`).
extension PostgresStore {
    // MARK: Invites

    public func addInvites(campaign: String, codes: [(hash: [UInt8], voter: [UInt8])]) throws -> Int {
        try change(.invites(campaign)) { connection in
            let insert = try connection.statement(
                "INSERT INTO invites(campaign, code, voter) VALUES ($1, $2, $3) ON CONFLICT (campaign, code) DO NOTHING"
            )
            var added = 0
            // Pipelined in slices: ten thousand codes are one round trip per thousand.
            for start in stride(from: 0, to: codes.count, by: 1000) {
                let slice = codes[start..<min(start + 1000, codes.count)]
                let results = try connection.pipeline(
                    insert, slice.map { [.text(campaign), .bytea($0.hash), .bytea($0.voter)] })
                added += results.reduce(0) { $0 + $1.affectedRows }
            }
            return added
        }
    }

    public func validInvites() throws -> [String: Set<[UInt8]>] {
        try pool.with { connection in
            let rows = try connection.query("SELECT campaign, code FROM invites WHERE revoked_at IS NULL")
            var result: [String: Set<[UInt8]>] = [:]
            for row in 0..<rows.count { result[rows.text(row, 0) ?? "", default: []].insert(rows.bytea(row, 1) ?? []) }
            return result
        }
    }

    public func inviteCounts(campaign: String) throws -> (total: Int, used: Int, revoked: Int) {
        try pool.with { connection in
            let rows = try connection.query(
                """
                SELECT count(*), count(revoked_at),
                  (SELECT count(*) FROM invites i WHERE i.campaign = $1 AND i.voter IS NOT NULL AND EXISTS
                    (SELECT 1 FROM votes v JOIN ballots b ON b.id = v.ballot WHERE b.campaign = $1 AND v.voter = i.voter))
                FROM invites WHERE campaign = $1
                """, [.text(campaign)])
            return (Int(rows.integer(0, 0) ?? 0), Int(rows.integer(0, 2) ?? 0), Int(rows.integer(0, 1) ?? 0))
        }
    }

    public func revokeInvites(campaign: String, hashes: [[UInt8]], at: Int64) throws -> [Store.Revocation] {
        try change(.invites(campaign)) { connection in
            try hashes.map { hash in
                let rows = try connection.query(
                    """
                    SELECT EXISTS (SELECT 1 FROM votes v JOIN ballots b ON b.id = v.ballot
                      WHERE b.campaign = $1 AND v.voter = i.voter)
                    FROM invites i WHERE i.campaign = $1 AND i.code = $2
                    """, [.text(campaign), .bytea(hash)])
                guard rows.count == 1 else { return .unknown }
                if rows.text(0, 0) == "t" { return .used }
                try connection.query(
                    "UPDATE invites SET revoked_at = coalesce(revoked_at, $3) WHERE campaign = $1 AND code = $2",
                    [.text(campaign), .bytea(hash), .integer(at)])
                return .revoked
            }
        }
    }

    // MARK: Write-ins and withdrawals

    public func decide(_ ballotID: Int64, keys: [String], _ decision: Store.WriteInDecision) throws {
        try change(.ballot(ballotID)) { connection in
            let upsert = try connection.statement(
                """
                INSERT INTO write_in_decisions(ballot, key, action, into_key) VALUES ($1, $2, $3, $4)
                ON CONFLICT (ballot, key) DO UPDATE SET action = $3, into_key = $4
                """)
            try connection.pipeline(
                upsert,
                keys.map {
                    [.integer(ballotID), .text($0), .text(decision.action), decision.into.map { .text($0) } ?? .null]
                })
        }
    }

    public func decisions(_ ballotID: Int64) throws -> [String: Store.WriteInDecision] {
        try pool.with { connection in
            let rows = try connection.query(
                "SELECT key, action, into_key FROM write_in_decisions WHERE ballot = $1", [.integer(ballotID)])
            var result: [String: Store.WriteInDecision] = [:]
            for row in 0..<rows.count {
                result[rows.text(row, 0) ?? ""] = Store.WriteInDecision(
                    action: rows.text(row, 1) ?? "", into: rows.text(row, 2))
            }
            return result
        }
    }

    public func setWriteInLabel(_ ballotID: Int64, key: String, label: String?) throws {
        try change(.ballot(ballotID)) { connection in
            if let label {
                try connection.query(
                    """
                    INSERT INTO write_in_labels(ballot, key, label) VALUES ($1, $2, $3)
                    ON CONFLICT (ballot, key) DO UPDATE SET label = $3
                    """, [.integer(ballotID), .text(key), .text(label)])
            } else {
                try connection.query(
                    "DELETE FROM write_in_labels WHERE ballot = $1 AND key = $2", [.integer(ballotID), .text(key)])
            }
        }
    }

    public func writeInLabels(_ ballotID: Int64) throws -> [String: String] {
        try pairs("SELECT key, label FROM write_in_labels WHERE ballot = $1", ballotID)
    }

    public func dismissSuggestion(_ ballotID: Int64, _ suggestion: String) throws {
        try change(.ballot(ballotID)) {
            try $0.query(
                "INSERT INTO write_in_dismissals(ballot, suggestion) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                [.integer(ballotID), .text(suggestion)])
        }
    }

    public func dismissedSuggestions(_ ballotID: Int64) throws -> Set<String> {
        Set(try pairs("SELECT suggestion, suggestion FROM write_in_dismissals WHERE ballot = $1", ballotID).keys)
    }

    public func withdraw(_ ballotID: Int64, options: [String], at: Int64) throws {
        try change(.ballot(ballotID)) { connection in
            for option in options {
                try connection.query(
                    "INSERT INTO withdrawals(ballot, option, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                    [.integer(ballotID), .text(option), .integer(at)])
            }
        }
    }

    public func withdrawals(_ ballotID: Int64) throws -> [String] {
        try pool.with { connection in
            let rows = try connection.query(
                "SELECT option FROM withdrawals WHERE ballot = $1 ORDER BY at, option", [.integer(ballotID)])
            return (0..<rows.count).compactMap { rows.text($0, 0) }
        }
    }

    /// A ballot's rows of two text columns as a dictionary.
    private func pairs(_ sql: String, _ ballotID: Int64) throws -> [String: String] {
        try pool.with { connection in
            let rows = try connection.query(sql, [.integer(ballotID)])
            var result: [String: String] = [:]
            for row in 0..<rows.count { result[rows.text(row, 0) ?? ""] = rows.text(row, 1) ?? "" }
            return result
        }
    }

    // MARK: Ideas

    public func suggest(
        _ ballotID: Int64, key: String, text: String, voter: [UInt8], status: String, at: Int64, limit: Int
    ) throws -> Store.Suggested {
        try change(.ballot(ballotID)) { connection in
            // One suggestion at a time per ballot, across nodes: the count and the insert agree.
            try connection.query("SELECT id FROM ballots WHERE id = $1 FOR UPDATE", [.integer(ballotID)])
            if let existing = try Self.idea(connection, ballotID, key: key) { return .duplicate(existing) }
            let count =
                try connection.query(
                    "SELECT count(*) FROM ideas WHERE ballot = $1 AND voter = $2", [.integer(ballotID), .bytea(voter)]
                ).integer(0, 0) ?? 0
            if count >= limit { return .limitReached(limit) }
            try connection.query(
                "INSERT INTO ideas(ballot, key, text, voter, status, suggested_at) VALUES ($1, $2, $3, $4, $5, $6)",
                [.integer(ballotID), .text(key), .text(text), .bytea(voter), .text(status), .integer(at)])
            return .added(try Self.idea(connection, ballotID, key: key)!)
        }
    }

    public func ideas(_ ballotID: Int64) throws -> [Store.Idea] {
        try pool.with { connection in
            let rows = try connection.query(
                "SELECT id, key, text, status, suggested_at FROM ideas WHERE ballot = $1 ORDER BY id",
                [.integer(ballotID)])
            return (0..<rows.count).map { Self.idea(rows, $0) }
        }
    }

    public func setIdeaStatus(_ ballotID: Int64, id: Int64, status: String) throws -> Bool {
        try change(.ballot(ballotID)) {
            try $0.query(
                "UPDATE ideas SET status = $3 WHERE ballot = $1 AND id = $2",
                [.integer(ballotID), .integer(id), .text(status)]
            ).affectedRows == 1
        }
    }

    public func ideaNotes(_ ballotID: Int64) throws -> [String: Store.IdeaNote] {
        try pool.with { connection in
            let rows = try connection.query(
                "SELECT option, status, merged_into, reply, replied_at FROM idea_notes WHERE ballot = $1",
                [.integer(ballotID)])
            var result: [String: Store.IdeaNote] = [:]
            for row in 0..<rows.count {
                result[rows.text(row, 0) ?? ""] = Store.IdeaNote(
                    status: rows.text(row, 1), mergedInto: rows.text(row, 2), reply: rows.text(row, 3),
                    repliedAt: rows.integer(row, 4))
            }
            return result
        }
    }

    public func setIdeaNote(_ ballotID: Int64, option: String, _ note: Store.IdeaNote) throws {
        try change(.ballot(ballotID)) {
            try $0.query(
                """
                INSERT INTO idea_notes(ballot, option, status, merged_into, reply, replied_at) VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (ballot, option) DO UPDATE SET status = $3, merged_into = $4, reply = $5, replied_at = $6
                """,
                [
                    .integer(ballotID), .text(option), note.status.map { .text($0) } ?? .null,
                    note.mergedInto.map { .text($0) } ?? .null, note.reply.map { .text($0) } ?? .null,
                    note.repliedAt.map { .integer($0) } ?? .null,
                ])
        }
    }

    private static func idea(_ connection: PostgresConnection, _ ballotID: Int64, key: String) throws -> Store.Idea? {
        let rows = try connection.query(
            "SELECT id, key, text, status, suggested_at FROM ideas WHERE ballot = $1 AND key = $2",
            [.integer(ballotID), .text(key)])
        return rows.count == 1 ? idea(rows, 0) : nil
    }

    private static func idea(_ rows: PostgresRows, _ row: Int) -> Store.Idea {
        Store.Idea(
            id: rows.integer(row, 0) ?? 0, key: rows.text(row, 1) ?? "", text: rows.text(row, 2) ?? "",
            status: rows.text(row, 3) ?? "", suggestedAt: rows.integer(row, 4) ?? 0)
    }

    // MARK: Operators

    public func startSession(id: [UInt8], operator name: String, at: Int64, expiresAt: Int64) throws {
        try pool.with {
            try $0.query(
                "INSERT INTO operator_sessions(id, operator, started_at, expires_at) VALUES ($1, $2, $3, $4)",
                [.bytea(id), .text(name), .integer(at), .integer(expiresAt)])
        }
    }

    public func sessionOperator(id: [UInt8], now: Int64) throws -> String? {
        try pool.with {
            try $0.query(
                "SELECT operator FROM operator_sessions WHERE id = $1 AND ended_at IS NULL AND expires_at > $2",
                [.bytea(id), .integer(now)]
            ).text(0, 0)
        }
    }

    public func endSession(id: [UInt8], at: Int64) throws {
        try pool.with {
            try $0.query(
                "UPDATE operator_sessions SET ended_at = $2 WHERE id = $1 AND ended_at IS NULL",
                [.bytea(id), .integer(at)])
        }
    }

    @discardableResult
    public func log(at: Int64, actor: String, action: String, campaign: String?, ballot: String?, detail: String) throws
        -> Int64
    {
        try pool.with(retry: false) {
            try $0.query(
                "INSERT INTO operator_log(at, actor, action, campaign, ballot, detail) VALUES ($1, $2, $3, $4, $5, $6) RETURNING seq",
                [
                    .integer(at), .text(actor), .text(action), campaign.map { .text($0) } ?? .null,
                    ballot.map { .text($0) } ?? .null, .text(detail),
                ]
            ).integer(0, 0) ?? 0
        }
    }

    public func logEntries(before seq: Int64?, limit: Int, campaign: String?, ballot: String?) throws -> [Store
        .LogEntry]
    {
        try pool.with { connection in
            let rows = try connection.query(
                """
                SELECT seq, at, actor, action, campaign, ballot, detail FROM operator_log
                WHERE seq < $1 AND ($2::text IS NULL OR campaign = $2) AND ($3::text IS NULL OR ballot = $3)
                ORDER BY seq DESC LIMIT $4
                """,
                [
                    .integer(seq ?? Int64.max), campaign.map { .text($0) } ?? .null, ballot.map { .text($0) } ?? .null,
                    .integer(Int64(limit)),
                ])
            return (0..<rows.count).map { row in
                Store.LogEntry(
                    seq: rows.integer(row, 0) ?? 0, at: rows.integer(row, 1) ?? 0, actor: rows.text(row, 2) ?? "",
                    action: rows.text(row, 3) ?? "", campaign: rows.text(row, 4), ballot: rows.text(row, 5),
                    detail: rows.text(row, 6) ?? "")
            }
        }
    }

    public func logCount(campaign: String, ballot: String) throws -> Int {
        try pool.with {
            Int(
                try $0.query(
                    "SELECT count(*) FROM operator_log WHERE campaign = $1 AND ballot = $2",
                    [.text(campaign), .text(ballot)]
                ).integer(0, 0) ?? 0)
        }
    }
}
