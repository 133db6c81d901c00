import Foundation
import VoxPopFoundation

/// A vote on its way to the log.
public struct VoteRequest: Sendable {
    public var ballotID: Int64
    public var campaign: String
    public var ballot: String
    /// The voter's pseudonym (`VoterKey.pseudonym`).
    public var voter: [UInt8]
    /// The vote in its stored text form (the engine's `VoteText`).
    public var vote: String
    /// Milliseconds since 1970 at which the engine accepted it for writing.
    public var acceptedAt: Int64
    /// Revote "replace": this vote replaces the voter's earlier one instead of being refused.
    public var replace: Bool

    public init(
        ballotID: Int64, campaign: String, ballot: String, voter: [UInt8], vote: String, acceptedAt: Int64,
        replace: Bool
    ) {
        self.ballotID = ballotID
        self.campaign = campaign
        self.ballot = ballot
        self.voter = voter
        self.vote = vote
        self.acceptedAt = acceptedAt
        self.replace = replace
    }
}

/// What became of a vote, known only once its transaction has committed (or failed).
public enum VoteOutcome: Sendable, Equatable {
    case accepted(receipt: String)
    /// Revote "once": the voter's first vote stands; its receipt is returned.
    case alreadyVoted(receipt: String)
    /// The transaction failed; the vote is not on disk.
    case failed(String)
    /// The database says the ballot is closed: closed on another node, or its close instant has
    /// passed by the database's clock (a shared store only).
    case closed
}

/// Keeps a running count of a ballot's counted votes, told by the writer (`VoteWriter.watch`) on
/// its own thread: first the votes as they stand, then each vote as its transaction commits.
/// Calls come from one thread at a time, in commit order; they must be quick.
public protocol CountedVotesWatcher: AnyObject, Sendable {
    /// The ballot's counted votes when watching began, identical texts grouped with their number.
    func start(_ votes: [(text: String, weight: Int)])
    /// A vote just committed; `replacing` is the voter's earlier vote it replaced, if any.
    func committed(_ vote: String, replacing: String?)
    /// Watching could not start; the watcher should count from the store instead.
    func failed(_ why: String)
}

/// The one writer of votes: callers queue votes, the writer commits them in batches.
///
/// Each batch is one SQLite transaction, and every caller hears its own vote's outcome only once
/// the batch is on disk: an acknowledged vote survives a power cut. The fsync is pipelined: the
/// writer's connection commits without waiting for the disk (`synchronous=OFF`, and it never
/// checkpoints), and syncer threads call `fdatasync` on the WAL file and only then answer the
/// batches that committed before the call began. While the disk flushes one batch, the writer
/// already inserts the next (the timings are in docs/benchmarks.md). Checkpoints run on their own
/// connection with FULL syncs (`Checkpointer`), so the database file stays consistent through a
/// crash, and the syncers' flush makes each answered commit as durable as `synchronous=FULL` would
/// (docs/durability.md). Without `syncsBeforeAnswering` (the store's `.normal`), batches are
/// answered at commit. One thread owns the connection; other threads only touch the queues under
/// their conditions.
public final class VoteWriter: @unchecked Sendable {
    // @unchecked: `connection`, `heads`, `nextSeq` and the statistics are used only by the writer
    // thread (the statistics are read by others only after `sync()`); the queue is the worker's.
    /// What the writer's queue holds: votes, markers for `sync`, and changes of watchers.
    enum Queued: Sendable {
        case vote(VoteRequest, @Sendable (VoteOutcome) -> Void)
        case marker(@Sendable (VoteOutcome) -> Void)
        case watch(ballotID: Int64, (any CountedVotesWatcher)?)
    }
    private let connection: Connection
    private var heads: [Int64: [UInt8]] = [:]
    /// The watchers of ballots, told of every vote committed for them (writer thread only).
    private var watchers: [Int64: any CountedVotesWatcher] = [:]
    private var nextSeq: Int64 = 1
    /// The most votes in one transaction.
    static let maximumBatch = 10_000
    /// Transactions committed and votes in them, for benchmarks and metrics (writer thread only;
    /// read them after `sync()`).
    public private(set) var commits = 0
    public private(set) var committedVotes = 0
    /// CPU time the writer thread spent committing, in microseconds (writer thread only; read it
    /// after `sync()`): the writer is the one serial step of every vote, so this per vote is the
    /// cost to keep down, and unlike a rate it hardly moves with the machine's noise.
    public private(set) var busyMicroseconds: Double = 0

    private let syncer: Syncer?
    private var worker: Worker<Queued>!

    /// The syncers' flushes so far and their mean duration (zero without syncers), for benchmarks:
    /// each vote waits for one, so with N votes in flight the rate stays under N / that time.
    public var flushStatistics: (count: Int, meanMicroseconds: Double) { syncer?.flushStatistics ?? (0, 0) }
    private let checkpointer: Checkpointer?
    /// The writer's statements, prepared once (no lookup by SQL text per vote).
    private let begin: Statement
    private let commitStatement: Statement
    private let insert: Statement
    private let replaceCurrent: Statement
    private let current: Statement
    private let lastChain: Statement
    private let storeHead: Statement
    private let grouped: Statement

    init(
        connection: Connection, walPath: String, syncsBeforeAnswering: Bool, checkpointer: Checkpointer? = nil
    ) throws(SQLiteError) {
        self.connection = connection
        self.checkpointer = checkpointer
        nextSeq = (try connection.integer("SELECT max(seq) FROM votes") ?? 0) + 1
        begin = try connection.statement("BEGIN IMMEDIATE")
        commitStatement = try connection.statement("COMMIT")
        insert = try connection.statement(
            "INSERT INTO votes(seq, ballot, voter, vote, accepted_at, chain) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        replaceCurrent = try connection.statement(
            "UPDATE votes SET current = 0 WHERE ballot = ?1 AND voter = ?2 AND current")
        current = try connection.statement(
            "SELECT seq, chain, vote FROM votes WHERE ballot = ?1 AND voter = ?2 AND current")
        grouped = try connection.statement(
            "SELECT vote, count(*) FROM votes NOT INDEXED WHERE ballot = ?1 AND current GROUP BY vote")
        lastChain = try connection.statement("SELECT chain FROM ballots WHERE id = ?1")
        storeHead = try connection.statement("UPDATE ballots SET chain = ?2 WHERE id = ?1")
        syncer = syncsBeforeAnswering ? Syncer(walPath: walPath) : nil
        worker = Worker(name: "voxpop vote writer", maximumBatch: Self.maximumBatch) { [unowned self] batch in
            checkpointer?.waitForRestart()
            let started = Self.threadCPUTime()
            commit(batch)
            busyMicroseconds += Self.threadCPUTime() - started
        }
    }

    /// Queues a vote; `completion` runs after the commit (on a syncer's thread, or the writer's).
    public func submit(_ request: VoteRequest, completion: @escaping @Sendable (VoteOutcome) -> Void) {
        enqueue(.vote(request, completion))
    }

    /// Tells `watcher`, on the writer's thread, the ballot's counted votes as they stand and then
    /// every vote committed for it, in commit order, so it can keep a running count that never
    /// misses or repeats a vote; nil stops watching.
    public func watch(ballotID: Int64, _ watcher: (any CountedVotesWatcher)?) {
        _ = worker.submit(.watch(ballotID: ballotID, watcher))
    }

    /// Queues a vote and waits for its outcome.
    public func submitAndWait(_ request: VoteRequest) -> VoteOutcome {
        let outcome = Handoff<VoteOutcome>()
        submit(request) { outcome.put($0) }
        return outcome.take()
    }

    /// Returns once every vote queued before the call is committed or failed.
    public func sync() {
        let done = Handoff<Bool>()
        enqueue(.marker { _ in done.put(true) })
        _ = done.take()
    }

    /// Commits what is queued, answers it once it is on disk, then stops the threads.
    public func stop() {
        worker.stop()
        syncer?.stop()
        // If this connection is the database's last, closing it checkpoints: with its own syncs,
        // not with the OFF it ran with. The writer thread has ended, so this thread may use it.
        try? connection.execute("PRAGMA synchronous = FULL")
    }

    private func enqueue(_ item: Queued) {
        guard !worker.submit(item) else { return }
        switch item {
        case .vote(_, let completion), .marker(let completion): completion(.failed("the vote writer has stopped"))
        case .watch: break
        }
    }

    private static func threadCPUTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) * 1e6 + Double(time.tv_nsec) / 1e3
    }

    /// A vote's fate as the writer knows it; the receipt text is made by whoever answers, off
    /// the writer's thread.
    private enum Written: Sendable {
        case accepted(seq: Int64, chain: [UInt8], replacing: String?)
        case alreadyVoted(seq: Int64, chain: [UInt8])
        case marker
        case failed(String)

        var outcome: VoteOutcome {
            switch self {
            case .accepted(let seq, let chain, _): .accepted(receipt: AuditChain.receipt(seq: seq, chain: chain))
            case .alreadyVoted(let seq, let chain): .alreadyVoted(receipt: AuditChain.receipt(seq: seq, chain: chain))
            case .marker: .accepted(receipt: "")
            case .failed(let message): .failed(message)
            }
        }
    }

    private func commit(_ batch: [Queued]) {
        // Watchers first, outside the transaction: each starts from the votes committed before
        // this batch, and hears of every vote of the batch once it commits.
        var answering: [(request: VoteRequest?, completion: @Sendable (VoteOutcome) -> Void)] = []
        answering.reserveCapacity(batch.count)
        for item in batch {
            switch item {
            case .vote(let request, let completion): answering.append((request, completion))
            case .marker(let completion): answering.append((nil, completion))
            case .watch(let ballotID, let watcher): startWatching(ballotID, watcher)
            }
        }
        let savedHeads = heads
        let savedSeq = nextSeq
        var written: [Written] = []
        written.reserveCapacity(answering.count)
        do {
            try begin.run()
            var touched: Set<Int64> = []
            for item in answering {
                let fate = try item.request.map(apply) ?? .marker
                if case .accepted = fate { touched.insert(item.request!.ballotID) }
                written.append(fate)
            }
            // The heads go with the votes, in the same transaction.
            for ballotID in touched { try storeHead.bind(.integer(ballotID), .blob(heads[ballotID]!)).run() }
            try commitStatement.run()
            commits += 1
            committedVotes += answering.count
        } catch {
            try? connection.execute("ROLLBACK")
            heads = savedHeads
            nextSeq = savedSeq
            written = answering.map { _ in .failed("the vote could not be stored: \(error)") }
        }
        if !watchers.isEmpty {
            for (item, fate) in zip(answering, written) {
                guard let request = item.request, case .accepted(_, _, let replacing) = fate,
                    let watcher = watchers[request.ballotID]
                else { continue }
                watcher.committed(request.vote, replacing: replacing)
            }
        }
        // One hand-over per batch: the answers run in order on the thread that flushed.
        let answer: @Sendable () -> Void = { [written, answering] in
            for (item, fate) in zip(answering, written) { item.completion(fate.outcome) }
        }
        if let syncer {
            syncer.answerWhenDurable(answer)
        } else {
            answer()
        }
    }

    private func startWatching(_ ballotID: Int64, _ watcher: (any CountedVotesWatcher)?) {
        guard let watcher else {
            watchers[ballotID] = nil
            return
        }
        var votes: [(text: String, weight: Int)] = []
        do {
            try grouped.bind(.integer(ballotID))
            while try grouped.step() { votes.append((grouped.text(0), Int(grouped.integer(1)))) }
            grouped.reset()
        } catch {
            grouped.reset()
            return watcher.failed("the counted votes could not be read: \(error)")
        }
        watcher.start(votes)
        watchers[ballotID] = watcher
    }

    private func apply(_ request: VoteRequest) throws(SQLiteError) -> Written {
        let voter = SQLValue.blob(request.voter)
        var replacing: String?
        if request.replace {
            // What the new vote replaces, for a watcher's running count (read only then: the
            // vote path of an unwatched ballot costs no extra lookup).
            if watchers[request.ballotID] != nil {
                try current.bind(.integer(request.ballotID), voter)
                if try current.step() { replacing = current.text(2) }
                current.reset()
            }
            try replaceCurrent.bind(.integer(request.ballotID), voter).run()
        }
        let previous = try head(of: request)
        let chain = AuditChain.next(
            previous, seq: nextSeq, voter: request.voter, acceptedAt: request.acceptedAt, vote: request.vote)
        do {
            try insert.bind(
                .integer(nextSeq), .integer(request.ballotID), voter, .text(request.vote),
                .integer(request.acceptedAt), .blob(chain)
            ).run()
        } catch  where error.primaryCode == 19 {  // SQLITE_CONSTRAINT: the voter's vote is already counted.
            try current.bind(.integer(request.ballotID), voter)
            defer { current.reset() }
            guard try current.step() else { throw error }
            return .alreadyVoted(seq: current.integer(0), chain: current.blob(1))
        }
        heads[request.ballotID] = chain
        defer { nextSeq += 1 }
        return .accepted(seq: nextSeq, chain: chain, replacing: replacing)
    }

    private func head(of request: VoteRequest) throws(SQLiteError) -> [UInt8] {
        if let head = heads[request.ballotID] { return head }
        try lastChain.bind(.integer(request.ballotID))
        defer { lastChain.reset() }
        let head =
            try lastChain.step() && !lastChain.isNull(0)
            ? lastChain.blob(0) : AuditChain.genesis(campaign: request.campaign, ballot: request.ballot)
        heads[request.ballotID] = head
        return head
    }
}
