import Foundation
import VoxPopFoundation

/// VoxPop's store on a shared PostgreSQL database (`voxpop serve --db postgres://...`): the SQLite
/// store's records in the tables of `PostgresSchema`, for any number of nodes at once.
///
/// Votes go through this node's `PostgresVoteWriter` (groups of votes per transaction, answered
/// once committed with `synchronous_commit` on). Every change another node must know of is
/// announced with `NOTIFY` in its own transaction (`StoreChange`), heard by `changes`. Reads and
/// the operators' writes share a small pool of connections.
public final class PostgresStore: VoteStore, @unchecked Sendable {
    // @unchecked: the pool and the writer guard themselves; the rest is immutable.
    public let location: String
    public var isShared: Bool { true }
    /// This process among the nodes, so it can tell its own announcements from others'.
    public let node: String
    let url: String
    let pool: PostgresPool
    let writer: PostgresVoteWriter
    private let lease: PostgresSchedulerLease
    private let feed = Locked<PostgresChangeFeed?>(nil)

    /// Opens (and migrates) the database; `key` nil opens it for auditing.
    public init(url: String, key: VoterKey?) throws {
        self.url = url
        location = Self.redacted(url)
        var random = SystemRandomNumberGenerator()
        node = String(random.next(), radix: 36)
        pool = PostgresPool(url: url, capacity: 4)
        lease = PostgresSchedulerLease(url: url)
        do {
            let connection = try PostgresConnection(url: url)
            try PostgresSchema.migrate(connection)
            if let key { try Self.checkKey(key, connection: connection, location: location) }
            writer = try PostgresVoteWriter(url: url, node: node)
        } catch let error as PostgresError {
            throw StoreError("cannot open the database \(location): \(error)")
        }
    }

    /// The URL without a password, for messages and logs.
    static func redacted(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else {
            return url
        }
        let credentials = url[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }

    private static func checkKey(_ key: VoterKey, connection: PostgresConnection, location: String) throws {
        try connection.transaction {
            try connection.query("SELECT pg_advisory_xact_lock($1)", [.integer(PostgresSchema.migrationLock)])
            let known = try connection.query("SELECT value FROM meta WHERE key = 'voter_key_check'").bytea(0, 0)
            if known == key.check { return }
            let votes = try connection.query("SELECT count(*) FROM votes").integer(0, 0) ?? 0
            if known != nil, votes > 0 {
                throw StoreError(
                    "\(location) holds \(votes) votes written under another voter key. Give every node the VOXPOP_VOTER_KEY that wrote them: with a new key every voter could vote again."
                )
            }
            try connection.query(
                "INSERT INTO meta(key, value) VALUES ('voter_key_check', $1) ON CONFLICT (key) DO UPDATE SET value = $1",
                [.bytea(key.check)])
        }
    }

    // MARK: Votes

    public func submit(_ request: VoteRequest, completion: @escaping @Sendable (VoteOutcome) -> Void) {
        writer.submit(request, completion: completion)
    }

    public func sync() { writer.sync() }

    /// Other nodes' votes never pass through this node's writer: a running count kept from it
    /// would miss them, so the engine counts from the database instead.
    public func watch(ballotID: Int64, _ watcher: (any CountedVotesWatcher)?) {
        watcher?.failed("votes from other nodes reach only the database")
    }

    public func close() {
        writer.stop()
        feed.withLock { $0?.stop() }
        lease.release()
        pool.close()
    }

    // MARK: Several nodes

    public func observeChanges(_ handler: @escaping @Sendable (StoreChange) -> Void) {
        feed.withLock {
            $0?.stop()
            $0 = PostgresChangeFeed(url: url, node: node, handler: handler)
        }
    }

    public func announce(_ change: StoreChange) throws {
        try pool.with {
            try $0.query(
                "SELECT pg_notify($1, $2)", [.text(PostgresSchema.channel), .text(node + " " + change.payload)])
        }
    }

    public func holdsSchedulerLease() -> Bool { lease.holds() }

    public func countVotes(_ ballotID: Int64) throws -> Int {
        try pool.with {
            Int(
                try $0.query("SELECT count(*) FROM votes WHERE ballot = $1 AND current", [.integer(ballotID)]).integer(
                    0, 0) ?? 0)
        }
    }

    public func countedVotes(_ ballotID: Int64) throws -> (votes: [(text: String, weight: Int)], total: Int) {
        try pool.with { connection in
            let rows = try connection.query(
                "SELECT vote, count(*) FROM votes WHERE ballot = $1 AND current GROUP BY vote ORDER BY min(seq)",
                [.integer(ballotID)])
            var votes: [(text: String, weight: Int)] = []
            var total = 0
            for row in 0..<rows.count {
                let weight = Int(rows.integer(row, 1) ?? 0)
                votes.append((rows.text(row, 0) ?? "", weight))
                total += weight
            }
            return (votes, total)
        }
    }

    public func currentVote(_ ballotID: Int64, voter: [UInt8]) throws -> String? {
        try pool.with {
            try $0.query(
                "SELECT vote FROM votes WHERE ballot = $1 AND voter = $2 AND current",
                [.integer(ballotID), .bytea(voter)]
            ).text(0, 0)
        }
    }

    public func log(_ ballotID: Int64) throws -> [Store.LoggedVote] {
        try pool.with { connection in
            let rows = try connection.query(
                "SELECT seq, voter, vote, accepted_at, chain, current FROM votes WHERE ballot = $1 ORDER BY seq",
                [.integer(ballotID)])
            return (0..<rows.count).map { row in
                Store.LoggedVote(
                    seq: rows.integer(row, 0) ?? 0, voter: rows.bytea(row, 1) ?? [], vote: rows.text(row, 2) ?? "",
                    acceptedAt: rows.integer(row, 3) ?? 0, chain: rows.bytea(row, 4) ?? [],
                    current: rows.text(row, 5) == "t")
            }
        }
    }

    public func chainHead(_ ballotID: Int64, campaign: String, ballot: String) throws -> [UInt8] {
        try pool.with {
            try $0.query("SELECT chain FROM ballots WHERE id = $1", [.integer(ballotID)]).bytea(0, 0)
        } ?? AuditChain.genesis(campaign: campaign, ballot: ballot)
    }

    public func receiptCounts(_ ballotID: Int64, receipt: String) throws -> Bool? {
        guard let (seq, prefix) = AuditChain.parse(receipt: receipt) else { return nil }
        return try pool.with { connection in
            let rows = try connection.query(
                "SELECT chain, current FROM votes WHERE seq = $1 AND ballot = $2", [.integer(seq), .integer(ballotID)])
            guard rows.count == 1, let chain = rows.bytea(0, 0),
                AuditChain.receipt(seq: seq, chain: chain).hasSuffix(prefix)
            else { return nil }
            return rows.text(0, 1) == "t"
        }
    }

    // MARK: Ballots

    public func ballot(campaign: String, ballot: String) throws -> Store.BallotRecord {
        try pool.with { connection in
            try connection.query(
                "INSERT INTO ballots(campaign, ballot) VALUES ($1, $2) ON CONFLICT (campaign, ballot) DO NOTHING",
                [.text(campaign), .text(ballot)])
            let rows = try connection.query(
                "SELECT id, state, definition, tally FROM ballots WHERE campaign = $1 AND ballot = $2",
                [.text(campaign), .text(ballot)])
            return Self.record(rows, 0)
        }
    }

    static func record(_ rows: PostgresRows, _ row: Int, from column: Int = 0) -> Store.BallotRecord {
        Store.BallotRecord(
            id: rows.integer(row, column) ?? 0, state: rows.text(row, column + 1) ?? "scheduled",
            definition: rows.text(row, column + 2), tally: rows.text(row, column + 3))
    }

    public func ballots(campaign: String) throws -> [(name: String, record: Store.BallotRecord)] {
        try pool.with { connection in
            let rows = try connection.query(
                "SELECT ballot, id, state, definition, tally FROM ballots WHERE campaign = $1 ORDER BY id",
                [.text(campaign)])
            return (0..<rows.count).map { (rows.text($0, 0) ?? "", Self.record(rows, $0, from: 1)) }
        }
    }

    public func tally(_ ballotID: Int64) throws -> String? {
        try pool.with { try $0.query("SELECT tally FROM ballots WHERE id = $1", [.integer(ballotID)]).text(0, 0) }
    }

    public func replaceTally(_ ballotID: Int64, tally: String) throws {
        try change(.ballot(ballotID)) {
            try $0.query(
                "UPDATE ballots SET tally = $2 WHERE id = $1 AND state = 'tallied'", [.integer(ballotID), .text(tally)])
        }
    }

    @discardableResult
    public func transition(
        _ ballotID: Int64, to state: String, dueAt: Int64, doneAt: Int64, definition: String?, tally: String?
    ) throws -> Bool {
        // Not retried on a lost connection: the first try may have committed; the scheduler's
        // next turn sees the state and goes on from there.
        try change(.ballot(ballotID), retry: false) { connection in
            let inserted =
                try connection.query(
                    """
                    INSERT INTO transitions(ballot, state, due_at, done_at) VALUES ($1, $2, $3, $4)
                    ON CONFLICT (ballot, state) DO NOTHING
                    """, [.integer(ballotID), .text(state), .integer(dueAt), .integer(doneAt)]
                ).affectedRows == 1
            if inserted {
                // The row lock waits for votes in flight; a vote after this sees the new state.
                try connection.query(
                    """
                    UPDATE ballots SET state = $2, definition = coalesce($3, definition), tally = coalesce($4, tally)
                    WHERE id = $1
                    """,
                    [
                        .integer(ballotID), .text(state), definition.map { .text($0) } ?? .null,
                        tally.map { .text($0) } ?? .null,
                    ])
            }
            return inserted
        }
    }

    public func setCloseDue(_ ballotID: Int64, at: Int64?) throws {
        try change(.ballot(ballotID)) {
            try $0.query(
                "UPDATE ballots SET closes_at = $2 WHERE id = $1 AND closes_at IS DISTINCT FROM $2",
                [.integer(ballotID), at.map { .integer($0) } ?? .null])
        }
    }

    public func transitions() throws -> [Store.Transition] {
        try pool.with { connection in
            let rows = try connection.query(
                """
                SELECT b.campaign, b.ballot, t.state, t.due_at, t.done_at FROM transitions t JOIN ballots b ON b.id = t.ballot
                ORDER BY t.seq
                """)
            return (0..<rows.count).map { row in
                Store.Transition(
                    campaign: rows.text(row, 0) ?? "", ballot: rows.text(row, 1) ?? "", state: rows.text(row, 2) ?? "",
                    dueAt: rows.integer(row, 3) ?? 0, doneAt: rows.integer(row, 4) ?? 0)
            }
        }
    }

    // MARK: Changes

    /// Runs `body` in a transaction that also announces `change` to the other nodes (delivered
    /// when it commits).
    func change<T>(_ change: StoreChange, retry: Bool = true, _ body: (PostgresConnection) throws -> T) throws -> T {
        try pool.with(retry: retry) { connection in
            try connection.transaction {
                let result = try body(connection)
                try connection.query(
                    "SELECT pg_notify($1, $2)", [.text(PostgresSchema.channel), .text(node + " " + change.payload)])
                return result
            }
        }
    }
}
