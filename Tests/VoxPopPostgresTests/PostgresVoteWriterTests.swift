import Foundation
import Testing

@testable import VoxPopStore

/// The PostgreSQL store's vote writer when its connection breaks under a group of votes.
@Suite struct PostgresVoteWriterTests {
    /// The server ends the writer's session at COMMIT (here while a deferred trigger sleeps, as an
    /// immediate shutdown or a failover would): the group is rolled back, and the writer, having
    /// looked and found none of its votes, writes it again on a new connection. It used to answer
    /// "failed" at once, and would have said the same of a group whose COMMIT had gone through.
    @Test(TestServer.required) func aGroupWhoseConnectionBreaksAtCommitIsWrittenAgain() throws {
        let name = "voxpop_writer_" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let server = try PostgresConnection(url: TestServer.url!)
        try server.execute("CREATE DATABASE \(name)")
        defer { try? server.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        let url = TestServer.url(database: name)
        let store = try PostgresStore(url: url, key: VoterKey(bytes: Array("writer test key".utf8)))
        defer { store.close() }
        let ballot = try store.ballot(campaign: "c", ballot: "b").id
        try store.transition(ballot, to: "open", dueAt: 0, doneAt: 0, definition: nil, tally: nil)
        let database = try PostgresConnection(url: url)
        try database.execute(
            """
            CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN PERFORM pg_sleep(0.3); RETURN NULL; END $$;
            CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON votes DEFERRABLE INITIALLY DEFERRED
                FOR EACH ROW EXECUTE FUNCTION slow_commit();
            """)

        let answered = DispatchSemaphore(value: 0)
        let outcome = OutcomeBox()
        let vote = VoteRequest(
            ballotID: ballot, campaign: "c", ballot: "b", voter: Array(repeating: 7, count: 16), vote: #"["a"]"#,
            acceptedAt: Int64(Date().timeIntervalSince1970 * 1000), replace: false)
        store.submit(vote) {
            outcome.set($0)
            answered.signal()
        }
        // The writer's session sleeps in the trigger, inside its COMMIT: end it there, once.
        var terminated = false
        let deadline = Date().addingTimeInterval(10)
        while !terminated, Date() < deadline {
            terminated =
                try database.query(
                    """
                    SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                    WHERE datname = $1 AND wait_event = 'PgSleep' AND pid <> pg_backend_pid()
                    """, [.text(name)]
                ).integer(0, 0) == 1
            if !terminated { Thread.sleep(forTimeInterval: 0.005) }
        }
        #expect(terminated, "the writer's COMMIT was never seen in the trigger")
        #expect(answered.wait(timeout: .now() + 30) == .success)

        guard case .accepted(let receipt)? = outcome.value else {
            Issue.record("the vote was answered \(String(describing: outcome.value)), not accepted")
            return
        }
        let stored = try database.query("SELECT seq FROM votes")
        #expect(stored.count == 1)
        #expect(receipt.hasPrefix("\(stored.integer(0, 0) ?? -1)-"), "the receipt names the stored vote")
    }
}

extension PostgresVoteWriterTests {
    /// After a crash a sequence may hand out again the numbers an uncommitted group had taken, and
    /// another group store its votes under them: a group is looked for by its votes' chain values
    /// too, never by the numbers alone.
    @Test(TestServer.required) func aGroupIsFoundByItsVotesNotByNumbersAnotherGroupMayHaveReused() throws {
        let name = "voxpop_writer_" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let server = try PostgresConnection(url: TestServer.url!)
        try server.execute("CREATE DATABASE \(name)")
        defer { try? server.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        let url = TestServer.url(database: name)
        let store = try PostgresStore(url: url, key: VoterKey(bytes: Array("writer test key".utf8)))
        defer { store.close() }
        let ballot = try store.ballot(campaign: "c", ballot: "b").id
        try store.transition(ballot, to: "open", dueAt: 0, doneAt: 0, definition: nil, tally: nil)
        let database = try PostgresConnection(url: url)
        // Another group's vote, stored under number 41.
        try database.query(
            """
            INSERT INTO votes(seq, ballot, voter, vote, accepted_at, chain)
            VALUES (41, $1, '\\x0707', '["a"]', 0, decode(repeat('ab', 32), 'hex'))
            """, [.integer(ballot)])

        let ours = PostgresVoteWriter.Written(seq: 41, chain: Array(repeating: 0xcd, count: 32))
        let theirs = PostgresVoteWriter.Written(seq: 41, chain: Array(repeating: 0xab, count: 32))
        #expect(try !PostgresVoteWriter.committed([ours], on: database), "number 41 is another group's vote")
        #expect(try PostgresVoteWriter.committed([theirs], on: database))
        #expect(try !PostgresVoteWriter.committed([], on: database))
    }
}

/// The outcome a writer's thread hands back.
private final class OutcomeBox: @unchecked Sendable {
    // @unchecked: `stored` is touched only under `lock`.
    private let lock = NSLock()
    private var stored: VoteOutcome?
    func set(_ outcome: VoteOutcome) { lock.withLock { stored = outcome } }
    var value: VoteOutcome? { lock.withLock { stored } }
}
