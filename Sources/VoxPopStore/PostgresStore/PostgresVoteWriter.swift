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
/// clock; the voters already counted are read; then the new votes are chained in Swift and
/// inserted, pipelined, and the chain head stored. The partial unique index stays the last word
/// on one vote per voter, and the deferred trigger refuses at COMMIT a vote past the close, in
/// which case the group is tried again and the late votes refused.
final class PostgresVoteWriter: @unchecked Sendable {
    // @unchecked: `connection` is used only by the worker's thread.
    enum Queued: Sendable {
        case vote(VoteRequest, @Sendable (VoteOutcome) -> Void)
        case marker(@Sendable (VoteOutcome) -> Void)
    }

    private let url: String
    private var connection: PostgresConnection?
    private var worker: Worker<Queued>!
    static let maximumBatch = 2_000

    init(url: String, node: String) throws {
        self.url = url
        connection = try Self.connect(url)
        worker = Worker(name: "voxpop vote writer (PostgreSQL)", maximumBatch: Self.maximumBatch) { [unowned self] in
            commit($0)
        }
    }

    private static func connect(_ url: String) throws -> PostgresConnection {
        let connection = try PostgresConnection(url: url)
        try connection.execute("SET synchronous_commit = on")
        return connection
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
            // A vote the trigger refused at COMMIT makes the group go again: the second time the
            // ballot's row says it is closed, and only the late votes are refused.
            for attempt in 1...3 {
                do {
                    outcomes = try write(votes.map(\.request))
                    break
                } catch let error as PostgresError
                    where error.code?.rawValue == PostgresSchema.closedCode && attempt < 3
                {
                    continue
                } catch let error as PostgresError {
                    if error.kind == .connection { connection = nil }
                    outcomes = votes.map { _ in .failed("the vote could not be stored: \(error)") }
                    break
                } catch {
                    outcomes = votes.map { _ in .failed("the vote could not be stored: \(error)") }
                    break
                }
            }
        }
        for (vote, outcome) in zip(votes, outcomes) { vote.completion(outcome) }
        for marker in markers { marker(.accepted(receipt: "")) }
    }

    /// One transaction for the group; each vote's outcome, in order.
    private func write(_ requests: [VoteRequest]) throws -> [VoteOutcome] {
        if connection == nil { connection = try Self.connect(url) }
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
                let row = try connection.pipeline(lock, [[.integer(ballotID)]])[0]
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
                // Who has a counted vote already: read for every voter of the group at once.
                let found = try connection.pipeline(
                    current, indices.map { [.integer(ballotID), .bytea(requests[$0].voter)] })
                // The vote that counts now for each voter: from the database, then this group's.
                var latest: [[UInt8]: (seq: Int64, chain: [UInt8])] = [:]
                for (index, rows) in zip(indices, found) where rows.count == 1 {
                    latest[requests[index].voter] = (rows.integer(0, 0) ?? 0, rows.bytea(0, 1) ?? [])
                }
                let seqs = try connection.pipeline(sequence, [[.integer(Int64(indices.count))]])[0]
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
                    outcomes[index] = .accepted(receipt: AuditChain.receipt(seq: seq, chain: chain))
                }
                guard !executions.isEmpty else { continue }
                executions.append((head, [.integer(ballotID), .bytea(chain)]))
                try connection.pipeline(executions)
            }
            return outcomes
        }
    }
}
