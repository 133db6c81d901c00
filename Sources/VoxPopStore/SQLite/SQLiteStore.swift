import Foundation
import VoxPopFoundation

/// VoxPop's SQLite database (the default `VoteStore`): ballot states and their transitions, the
/// vote log, and the operators' records.
///
/// WAL mode, so the scheduler and readers work beside the vote writer; `synchronous=FULL` by
/// default, so a committed vote survives a power cut. `NORMAL` is faster but may lose the last
/// commits (never corrupt the database) if the machine (not just the process) goes down: only for
/// campaigns where that is acceptable. See docs/durability.md.
public final class SQLiteStore: VoteStore, @unchecked Sendable {
    // @unchecked: the control connection is used only under `lock`; the writer owns its own.
    public enum Synchronous: String, Sendable {
        case full = "FULL"
        case normal = "NORMAL"
    }

    public let path: String
    public var location: String { path }
    /// One process holds the file (the writer's lock on it says so to a second).
    public var isShared: Bool { false }
    public let writer: VoteWriter
    let connection: Connection
    private let checkpointer: Checkpointer
    private let lock = NSLock()

    /// Opens the database; `key` nil opens it for auditing, which reads pseudonyms and needs no key.
    public init(path: String, key: VoterKey?, synchronous: Synchronous = .full) throws(StoreError) {
        self.path = path
        do {
            connection = try Self.open(path, synchronous: synchronous.rawValue)
            try Schema.migrate(connection)
            if let key { try Self.checkKey(key, connection: connection, path: path) }
            // The writer's own connection neither waits for the disk nor checkpoints: its syncer
            // flushes each commit before any vote in it is answered (see VoteWriter), and the
            // checkpointer, with its own fsyncs, copies the WAL back (see Checkpointer).
            let durable = synchronous == .full
            let writerConnection = try Self.open(path, synchronous: durable ? "OFF" : "NORMAL")
            writerConnection.waitForLocksInShortSteps()
            // A smaller page cache than the readers': SQLite scans the writer's cache at every
            // commit, so a big cache costs every vote (measured in docs/benchmarks.md).
            try writerConnection.execute("PRAGMA cache_size = -16384")
            checkpointer = try Checkpointer(path: path)
            writer = try VoteWriter(
                connection: writerConnection, walPath: path + "-wal", syncsBeforeAnswering: durable,
                checkpointer: checkpointer)
        } catch let error as SQLiteError {
            throw StoreError("cannot open the database \(path): \(error)")
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("cannot open the database \(path): \(error)")
        }
    }

    /// Queues a vote for the writer; `completion` runs once it is on disk (or failed).
    public func submit(_ request: VoteRequest, completion: @escaping @Sendable (VoteOutcome) -> Void) {
        writer.submit(request, completion: completion)
    }

    /// Returns once every vote queued before the call is committed or failed.
    public func sync() { writer.sync() }

    /// Keeps `watcher` told of a ballot's counted votes as they commit (nil stops it).
    public func watch(ballotID: Int64, _ watcher: (any CountedVotesWatcher)?) {
        writer.watch(ballotID: ballotID, watcher)
    }

    /// Stops the writer after committing what is queued.
    public func close() {
        writer.stop()
        checkpointer.stop()
    }

    private static func open(_ path: String, synchronous: String) throws(SQLiteError) -> Connection {
        let connection = try Connection(path: path)  // waits for locks: see Connection.init
        _ = try connection.integer("PRAGMA journal_mode = WAL")
        try connection.execute(
            "PRAGMA synchronous = \(synchronous); PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; "
                + "PRAGMA wal_autocheckpoint = 0"
        )
        return connection
    }

    private static func checkKey(_ key: VoterKey, connection: Connection, path: String) throws {
        let stored = try connection.statement("SELECT value FROM meta WHERE key = 'voter_key_check'")
        let known = try stored.step() ? stored.blob(0) : nil
        stored.reset()
        if known == key.check { return }
        let votes = try connection.integer("SELECT count(*) FROM votes") ?? 0
        if known != nil, votes > 0 {
            throw StoreError(
                "\(path) holds \(votes) votes written under another voter key. Restore \(path).key, or set VOXPOP_VOTER_KEY to the key that wrote them: with a new key every voter could vote again."
            )
        }
        try connection.statement("INSERT OR REPLACE INTO meta(key, value) VALUES ('voter_key_check', ?1)")
            .bind(.blob(key.check)).run()
    }

    // MARK: Ballots and their transitions

    /// The stored record of a ballot, created in state `scheduled` on first sight.
    public func ballot(campaign: String, ballot: String) throws(SQLiteError) -> Store.BallotRecord {
        try locked { () throws(SQLiteError) in
            try connection.statement("INSERT OR IGNORE INTO ballots(campaign, ballot) VALUES (?1, ?2)")
                .bind(.text(campaign), .text(ballot)).run()
            let select = try connection.statement(
                "SELECT id, state, definition, tally FROM ballots WHERE campaign = ?1 AND ballot = ?2")
            try select.bind(.text(campaign), .text(ballot))
            _ = try select.step()
            let record = Store.BallotRecord(
                id: select.integer(0), state: select.text(1), definition: select.isNull(2) ? nil : select.text(2),
                tally: select.isNull(3) ? nil : select.text(3))
            select.reset()
            return record
        }
    }

    /// The stored tally of a ballot, once counted: a plain read, whoever holds the write lock.
    public func tally(_ ballotID: Int64) throws(SQLiteError) -> String? {
        try locked { () throws(SQLiteError) in
            let select = try connection.statement("SELECT tally FROM ballots WHERE id = ?1")
            try select.bind(.integer(ballotID))
            defer { select.reset() }
            return try select.step() && !select.isNull(0) ? select.text(0) : nil
        }
    }

    /// Replaces the stored tally of a counted, unpublished ballot (counted again after a decision).
    public func replaceTally(_ ballotID: Int64, tally: String) throws(SQLiteError) {
        try locked { () throws(SQLiteError) in
            try connection.statement("UPDATE ballots SET tally = ?2 WHERE id = ?1 AND state = 'tallied'")
                .bind(.integer(ballotID), .text(tally)).run()
        }
    }

    /// The stored ballots of a campaign, in the order they were first seen.
    public func ballots(campaign: String) throws(SQLiteError) -> [(name: String, record: Store.BallotRecord)] {
        try locked { () throws(SQLiteError) in
            let select = try connection.statement(
                "SELECT id, ballot, state, definition, tally FROM ballots WHERE campaign = ?1 ORDER BY id")
            try select.bind(.text(campaign))
            var result: [(String, Store.BallotRecord)] = []
            while try select.step() {
                result.append(
                    (
                        select.text(1),
                        Store.BallotRecord(
                            id: select.integer(0), state: select.text(2),
                            definition: select.isNull(3) ? nil : select.text(3),
                            tally: select.isNull(4) ? nil : select.text(4))
                    ))
            }
            return result
        }
    }

    /// Moves a ballot to `state`, once: returns false, changing nothing, if it was there already.
    /// The transition row and the new state commit together.
    @discardableResult
    public func transition(
        _ ballotID: Int64, to state: String, dueAt: Int64, doneAt: Int64, definition: String? = nil,
        tally: String? = nil
    ) throws(SQLiteError) -> Bool {
        try locked { () throws(SQLiteError) in
            try connection.execute("BEGIN IMMEDIATE")
            do throws(SQLiteError) {
                try connection.statement(
                    "INSERT OR IGNORE INTO transitions(ballot, state, due_at, done_at) VALUES (?1, ?2, ?3, ?4)"
                ).bind(.integer(ballotID), .text(state), .integer(dueAt), .integer(doneAt)).run()
                let inserted = connection.changes == 1
                if inserted {
                    try connection.statement(
                        "UPDATE ballots SET state = ?2, definition = coalesce(?3, definition), tally = coalesce(?4, tally) WHERE id = ?1"
                    ).bind(
                        .integer(ballotID), .text(state), definition.map(SQLValue.text) ?? .null,
                        tally.map(SQLValue.text) ?? .null
                    ).run()
                }
                try connection.execute("COMMIT")
                return inserted
            } catch {
                try? connection.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// Every transition, in the order they happened.
    public func transitions() throws(SQLiteError) -> [Store.Transition] {
        try locked { () throws(SQLiteError) in
            let select = try connection.statement(
                "SELECT b.campaign, b.ballot, t.state, t.due_at, t.done_at FROM transitions t JOIN ballots b ON b.id = t.ballot ORDER BY t.rowid"
            )
            try select.bind([])
            var result: [Store.Transition] = []
            while try select.step() {
                result.append(
                    Store.Transition(
                        campaign: select.text(0), ballot: select.text(1), state: select.text(2),
                        dueAt: select.integer(3), doneAt: select.integer(4)))
            }
            return result
        }
    }

    // MARK: Votes

    /// The votes that count (each voter's current vote), identical ones grouped with their number,
    /// and how many there are in all.
    ///
    /// Read by scanning the table in order (`NOT INDEXED`): for the one large ballot a close
    /// counts, that is far faster than a lookup per vote through the voter index.
    /// How many votes count now on a ballot (through the one-vote-per-voter index).
    public func countVotes(_ ballotID: Int64) throws(SQLiteError) -> Int {
        try locked { () throws(SQLiteError) in
            Int(
                try connection.integer("SELECT count(*) FROM votes WHERE ballot = \(ballotID) AND current") ?? 0)
        }
    }

    public func countedVotes(_ ballotID: Int64) throws(SQLiteError) -> (
        votes: [(text: String, weight: Int)], total: Int
    ) {
        try locked { () throws(SQLiteError) in
            let select = try connection.statement("SELECT vote FROM votes NOT INDEXED WHERE ballot = ?1 AND current")
            try select.bind(.integer(ballotID))
            var weights: [String: Int] = [:]
            var order: [String] = []
            var total = 0
            while try select.step() {
                let text = select.text(0)
                total += 1
                if let weight = weights[text] {
                    weights[text] = weight + 1
                } else {
                    weights[text] = 1
                    order.append(text)
                }
            }
            return (order.map { ($0, weights[$0]!) }, total)
        }
    }

    /// The vote that counts now for a voter (by pseudonym) on a ballot, if any.
    public func currentVote(_ ballotID: Int64, voter: [UInt8]) throws(SQLiteError) -> String? {
        try locked { () throws(SQLiteError) in
            let select = try connection.statement("SELECT vote FROM votes WHERE ballot = ?1 AND voter = ?2 AND current")
            try select.bind(.integer(ballotID), .blob(voter))
            defer { select.reset() }
            return try select.step() ? select.text(0) : nil
        }
    }

    public func log(_ ballotID: Int64) throws(SQLiteError) -> [Store.LoggedVote] {
        try locked { () throws(SQLiteError) in
            let select = try connection.statement(
                "SELECT seq, voter, vote, accepted_at, chain, current FROM votes WHERE ballot = ?1 ORDER BY seq")
            try select.bind(.integer(ballotID))
            var votes: [Store.LoggedVote] = []
            while try select.step() {
                votes.append(
                    Store.LoggedVote(
                        seq: select.integer(0), voter: select.blob(1), vote: select.text(2),
                        acceptedAt: select.integer(3), chain: select.blob(4), current: select.integer(5) != 0))
            }
            return votes
        }
    }

    /// The last chain value of a ballot: the audit digest of its published tally.
    public func chainHead(_ ballotID: Int64, campaign: String, ballot: String) throws(SQLiteError) -> [UInt8] {
        try locked { () throws(SQLiteError) in
            let last = try connection.statement("SELECT chain FROM ballots WHERE id = ?1")
            try last.bind(.integer(ballotID))
            defer { last.reset() }
            return try last.step() && !last.isNull(0)
                ? last.blob(0) : AuditChain.genesis(campaign: campaign, ballot: ballot)
        }
    }

    /// Whether the receipt is one this ballot gave, and whether its vote still counts (a replaced
    /// vote does not); nil for a receipt this ballot never gave.
    public func receiptCounts(_ ballotID: Int64, receipt: String) throws(SQLiteError) -> Bool? {
        guard let (seq, prefix) = AuditChain.parse(receipt: receipt) else { return nil }
        return try locked { () throws(SQLiteError) in
            let select = try connection.statement("SELECT chain, current FROM votes WHERE seq = ?1 AND ballot = ?2")
            try select.bind(.integer(seq), .integer(ballotID))
            defer { select.reset() }
            guard try select.step(), AuditChain.receipt(seq: seq, chain: select.blob(0)).hasSuffix(prefix) else {
                return nil
            }
            return select.integer(1) != 0
        }
    }

    func locked<T>(_ body: () throws(SQLiteError) -> T) throws(SQLiteError) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}

/// One process holds an SQLite file: nothing to hear from others, and the scheduler is its own.
extension SQLiteStore {
    public func setCloseDue(_ ballotID: Int64, at: Int64?) {}
    public func observeChanges(_ handler: @escaping @Sendable (StoreChange) -> Void) {}
    public func announce(_ change: StoreChange) {}
    public func holdsSchedulerLease() -> Bool { true }
}
