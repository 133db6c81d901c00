import Foundation
import VoxPopFoundation

/// This node's writer of votes to PostgreSQL: callers queue votes, one thread commits them in
/// groups, one transaction per group, and answers each vote once its transaction has committed
/// (`synchronous_commit` on: the commit is on the primary's disk, and on a synchronous standby's
/// if the server is set up so).
///
/// Per ballot in a group: its row is locked (`FOR UPDATE`, in ballot order, so two nodes never
/// deadlock), which serialises its votes across nodes, so its audit chain and sequence numbers
/// follow commit order; the row says whether it is open and when it closes, by the database's
/// clock; the voters already counted are read and sequence numbers taken, in the same round trip
/// as the lock (the server runs them after it); then the new votes are chained in Swift and
/// inserted, pipelined, and the chain head stored. The row stays locked until COMMIT, so the
/// round trips under it bound one ballot's rate across all nodes (docs/scaling.md): three
/// (lock and reads, inserts, COMMIT with its WAL flush). The partial unique index stays the last word
/// on one vote per voter, and the deferred trigger refuses at COMMIT a vote past the close, in
/// which case the group is tried again and the late votes refused.
///
/// When the connection breaks under a group (the server restarted, failed over, or the network
/// dropped), whether the group committed is unknown: COMMIT may have reached the server and its
/// answer not come back. The writer then waits for the database (up to `settleTime`) and for the
/// old session to be gone, looks for the group's votes (by sequence number and chain value), and
/// answers accordingly: accepted if they are there, the group written again if they are not. Only if the database
/// does not come back in time is a vote answered failed, and then with a message saying its fate
/// is unknown. (Answering "failed" at once told voters a vote was not stored when it was: six
/// times in one immediate restart of PostgreSQL under load, in `tools/crash-test --cluster`.)
final class PostgresVoteWriter: @unchecked Sendable {
    // @unchecked: `connection` and `session` are used only by the worker's thread.
    enum Queued: Sendable {
        case vote(VoteRequest, @Sendable (VoteOutcome) -> Void)
        case marker(@Sendable (VoteOutcome) -> Void)
    }

    /// A vote a group inserted: enough to find it again.
    struct Written: Equatable {
        var seq: Int64
        var chain: [UInt8]
    }

    /// The server process behind a connection: its pid and start, as `pg_stat_activity` shows
    /// them (a pid alone may be another process's after a restart).
    struct Session: Equatable {
        var pid: Int64
        var started: String
    }

    private let url: String
    private var connection: PostgresConnection?
    private var session: Session?
    private var worker: Worker<Queued>!
    static let maximumBatch = 2_000
    /// How long a group whose connection broke waits for the database before its votes are
    /// answered failed (with their fate unknown).
    static let settleTime: Double = 15

    init(url: String, node: String) throws {
        self.url = url
        (connection, session) = try Self.connect(url)
        worker = Worker(name: "voxpop vote writer (PostgreSQL)", maximumBatch: Self.maximumBatch) { [unowned self] in
            commit($0)
        }
    }

    /// A connection for the writer. A transaction of the writer left hanging by a lost client
    /// (a network that dropped without a reset) would hold its ballots' rows locked until the
    /// server noticed: the server ends it after 5 s idle in a transaction instead (a group's
    /// transaction is never idle for long).
    private static func connect(_ url: String) throws -> (PostgresConnection, Session) {
        let connection = try PostgresConnection(url: url)
        try connection.execute("SET synchronous_commit = on; SET idle_in_transaction_session_timeout = '5s'")
        let row = try connection.query(
            "SELECT pid, backend_start::text FROM pg_stat_activity WHERE pid = pg_backend_pid()")
        return (connection, Session(pid: row.integer(0, 0) ?? 0, started: row.text(0, 1) ?? ""))
    }

    func submit(_ request: VoteRequest, completion: @escaping @Sendable (VoteOutcome) -> Void) {
        if !worker.submit(.vote(request, completion)) { completion(.failed("the vote writer has stopped")) }
    }

    /// Returns once every vote queued before the call is committed or failed.
    func sync() {
        let done = Handoff<Void>()
        if worker.submit(.marker { _ in done.put(()) }) { done.take() }
    }

    func stop() { worker.stop() }

    private func commit(_ batch: [Queued]) {
        var votes: [(request: VoteRequest, completion: @Sendable (VoteOutcome) -> Void)] = []
        var markers: [@Sendable (VoteOutcome) -> Void] = []
        for item in batch {
            switch item {
            case .vote(let request, let completion): votes.append((request, completion))
            case .marker(let completion): markers.append(completion)
            }
        }
        var outcomes: [VoteOutcome]
        if votes.isEmpty {
            outcomes = []
        } else {
            outcomes = Array(repeating: .failed("not written"), count: votes.count)
            let requests = votes.map(\.request)
            let deadline = Date().addingTimeInterval(Self.settleTime)
            var refusedAtCommit = 0
            while true {
                var tentative: [VoteOutcome] = []
                var written: [Written] = []
                do {
                    outcomes = try write(requests, tentative: &tentative, written: &written)
                    break
                } catch let error as PostgresError
                    where error.code?.rawValue == PostgresSchema.closedCode && refusedAtCommit < 2
                {
                    // A vote the trigger refused at COMMIT makes the group go again: the second
                    // time the ballot's row says it is closed, and only the late votes are refused.
                    refusedAtCommit += 1
                    continue
                } catch let error as PostgresError where Self.lostConnection(error) {
                    let lost = session
                    connection = nil
                    session = nil
                    guard let committed = settle(written, lostSession: lost, until: deadline) else {
                        let fate =
                            written.isEmpty
                            ? "it was not stored"
                            : "whether it was stored is unknown (a stored vote answers already-voted with its receipt when sent again)"
                        outcomes = votes.map { _ in
                            .failed(
                                "the connection to the database broke and the database did not answer again within \(Int(Self.settleTime)) s: \(fate) (\(error))"
                            )
                        }
                        break
                    }
                    if committed {
                        outcomes = tentative
                        break
                    }
                    // Nothing of the group is stored: it is written again on the new connection.
                } catch {
                    outcomes = votes.map { _ in .failed("the vote could not be stored: \(error)") }
                    break
                }
            }
        }
        for (vote, outcome) in zip(votes, outcomes) { vote.completion(outcome) }
        for marker in markers { marker(.accepted(receipt: "")) }
    }

    /// Whether an error means the connection is gone (the session's transaction, if any, ended
    /// with it): libpq says so, or the server said it was ending the session (SQLSTATE class 08,
    /// connection exception; 57P, an administrator's or a crash's shutdown).
    static func lostConnection(_ error: PostgresError) -> Bool {
        let code = error.code?.rawValue ?? ""
        return error.kind == .connection || code.hasPrefix("08") || code.hasPrefix("57P")
    }

    /// After the connection broke under a group that inserted the votes `written`: whether that
    /// group committed. Waits, until `deadline`, for the database to answer on a new
    /// connection (kept for the next group) and for the old session's server process to be gone,
    /// so that its transaction is over one way or the other; nil if that could not be known in
    /// time. A group that inserted nothing has nothing to look for: false once the database answers.
    private func settle(_ written: [Written], lostSession: Session?, until deadline: Date) -> Bool? {
        while Date() < deadline {
            do {
                if connection == nil { (connection, session) = try Self.connect(url) }
                let connection = connection!
                if let lostSession {
                    let alive = try connection.query(
                        "SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND backend_start::text = $2",
                        [.integer(lostSession.pid), .text(lostSession.started)]
                    ).integer(0, 0)
                    if alive != 0 {
                        Thread.sleep(forTimeInterval: 0.05)
                        continue
                    }
                }
                return try Self.committed(written, on: connection)
            } catch {
                connection = nil
                session = nil
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        return nil
    }

    /// Whether the votes `written` (one transaction's) are stored: all of them, or none.
    ///
    /// By chain value as well as number: a sequence hands out again, after a crash, numbers that
    /// only a transaction that never committed had taken (their WAL record was never flushed), so
    /// another group may have stored votes under this group's numbers since. Looking by number
    /// alone took that group's votes for these (in `tools/crash-test --cluster`: two votes answered
    /// accepted, not stored, after an immediate restart of PostgreSQL).
    static func committed(_ written: [Written], on connection: PostgresConnection) throws -> Bool {
        guard !written.isEmpty else { return false }
        let seqs = "{" + written.map { String($0.seq) }.joined(separator: ",") + "}"
        let chains = "{" + written.map { SHA256.hex($0.chain) }.joined(separator: ",") + "}"
        let found = try connection.query(
            "SELECT count(*) FROM votes WHERE seq = ANY($1::bigint[]) AND encode(chain, 'hex') = ANY($2::text[])",
            [.text(seqs), .text(chains)]
        ).integer(0, 0)
        return (found ?? 0) > 0
    }

    /// One transaction for the group; each vote's outcome, in order. Before COMMIT, `tentative`
    /// holds the outcomes the group will have if it commits and `written` the votes it inserted,
    /// for `settle` when the connection breaks.
    private func write(_ requests: [VoteRequest], tentative: inout [VoteOutcome], written: inout [Written]) throws
        -> [VoteOutcome]
    {
        if connection == nil { (connection, session) = try Self.connect(url) }
        let connection = connection!
        let lock = try connection.statement(
            """
            SELECT campaign, ballot, state, chain, closes_at, (extract(epoch FROM clock_timestamp()) * 1000)::bigint
            FROM ballots WHERE id = $1 FOR UPDATE
            """)
        let current = try connection.statement(
            "SELECT seq, chain, vote FROM votes WHERE ballot = $1 AND voter = $2 AND current")
        let sequence = try connection.statement("SELECT nextval('vote_seq') FROM generate_series(1, $1::int)")
        let retire = try connection.statement(
            "UPDATE votes SET current = false WHERE ballot = $1 AND voter = $2 AND current")
        let insert = try connection.statement(
            "INSERT INTO votes(seq, ballot, voter, vote, accepted_at, chain) VALUES ($1, $2, $3, $4, $5, $6)")
        let head = try connection.statement("UPDATE ballots SET chain = $2 WHERE id = $1")
        return try connection.transaction {
            var outcomes = [VoteOutcome](repeating: .failed("not written"), count: requests.count)
            let byBallot = Dictionary(grouping: requests.indices, by: { requests[$0].ballotID })
            for ballotID in byBallot.keys.sorted() {
                let indices = byBallot[ballotID]!
                // The lock, who has a counted vote already (every voter of the group), and a number
                // for each vote (those refused leave gaps, as rolled-back ones do), in one round trip.
                var reads: [(statement: PostgresStatement, parameters: [PostgresValue])] = [
                    (lock, [.integer(ballotID)])
                ]
                reads += indices.map { (current, [.integer(ballotID), .bytea(requests[$0].voter)]) }
                reads.append((sequence, [.integer(Int64(indices.count))]))
                let results = try connection.pipeline(reads)
                let row = results[0]
                let found = results[1...indices.count]
                let seqs = results[indices.count + 1]
                guard row.count == 1 else {
                    for index in indices { outcomes[index] = .failed("no ballot \(ballotID) in the database") }
                    continue
                }
                let now = row.integer(0, 5) ?? 0
                if row.text(0, 2) != "open" || (row.integer(0, 4).map { now >= $0 } ?? false) {
                    for index in indices { outcomes[index] = .closed }
                    continue
                }
                var chain =
                    row.bytea(0, 3) ?? AuditChain.genesis(campaign: row.text(0, 0) ?? "", ballot: row.text(0, 1) ?? "")
                // The vote that counts now for each voter: from the database, then this group's.
                var latest: [[UInt8]: (seq: Int64, chain: [UInt8])] = [:]
                for (index, rows) in zip(indices, found) where rows.count == 1 {
                    latest[requests[index].voter] = (rows.integer(0, 0) ?? 0, rows.bytea(0, 1) ?? [])
                }
                var used = 0
                var executions: [(statement: PostgresStatement, parameters: [PostgresValue])] = []
                for index in indices {
                    let request = requests[index]
                    let earlier = latest[request.voter]
                    if let earlier, !request.replace {
                        outcomes[index] = .alreadyVoted(
                            receipt: AuditChain.receipt(seq: earlier.seq, chain: earlier.chain))
                        continue
                    }
                    let seq = seqs.integer(used, 0) ?? 0
                    used += 1
                    chain = AuditChain.next(
                        chain, seq: seq, voter: request.voter, acceptedAt: request.acceptedAt, vote: request.vote)
                    // A replacing vote retires the voter's counted one first.
                    if earlier != nil { executions.append((retire, [.integer(ballotID), .bytea(request.voter)])) }
                    executions.append(
                        (
                            insert,
                            [
                                .integer(seq), .integer(ballotID), .bytea(request.voter), .text(request.vote),
                                .integer(request.acceptedAt), .bytea(chain),
                            ]
                        ))
                    latest[request.voter] = (seq, chain)
                    written.append(Written(seq: seq, chain: chain))
                    outcomes[index] = .accepted(receipt: AuditChain.receipt(seq: seq, chain: chain))
                }
                guard !executions.isEmpty else { continue }
                executions.append((head, [.integer(ballotID), .bytea(chain)]))
                tentative = outcomes
                try connection.pipeline(executions)
            }
            tentative = outcomes
            return outcomes
        }
    }
}
