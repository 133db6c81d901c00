import Foundation
import Testing
import VoxPopStore
import VoxPopTestSupport

@Suite struct VoteWriterTests {
    let database = TemporaryDatabase()
    let key = VoterKey(bytes: Array("test key".utf8))

    func request(_ store: SQLiteStore, voter: String, vote: String = "c:red", replace: Bool = false) throws
        -> VoteRequest
    {
        let ballot = try store.ballot(campaign: "poll", ballot: "colour")
        return VoteRequest(
            ballotID: ballot.id, campaign: "poll", ballot: "colour",
            voter: key.pseudonym(campaign: "poll", voter: voter),
            vote: vote, acceptedAt: 1_000, replace: replace)
    }

    @Test func aSecondVoteIsRefusedWithTheFirstReceipt() throws {
        let store = try SQLiteStore(path: database.path, key: key)
        defer { store.close() }
        guard case .accepted(let receipt) = store.writer.submitAndWait(try request(store, voter: "anna")) else {
            Issue.record("the first vote is accepted")
            return
        }
        #expect(
            store.writer.submitAndWait(try request(store, voter: "anna", vote: "c:blue"))
                == .alreadyVoted(receipt: receipt))
        let ballot = try store.ballot(campaign: "poll", ballot: "colour")
        #expect(try store.countedVotes(ballot.id).votes.map(\.text) == ["c:red"])
        #expect(try store.receiptCounts(ballot.id, receipt: receipt) == true)
        #expect(try store.receiptCounts(ballot.id, receipt: "1-0000000000000000") == nil)
    }

    @Test func aReplacingVoteReplacesTheCountedOneAndKeepsTheLog() throws {
        let store = try SQLiteStore(path: database.path, key: key)
        defer { store.close() }
        guard case .accepted(let first) = store.writer.submitAndWait(try request(store, voter: "anna", replace: true)),
            case .accepted(let second) = store.writer.submitAndWait(
                try request(store, voter: "anna", vote: "c:blue", replace: true))
        else {
            Issue.record("both votes are accepted")
            return
        }
        let ballot = try store.ballot(campaign: "poll", ballot: "colour")
        #expect(try store.countedVotes(ballot.id).votes.map(\.text) == ["c:blue"])
        #expect(try store.log(ballot.id).map(\.vote) == ["c:red", "c:blue"])
        #expect(try store.receiptCounts(ballot.id, receipt: first) == false)
        #expect(try store.receiptCounts(ballot.id, receipt: second) == true)
    }

    @Test func sixtyFourRacersSendingTheSameVoterAHundredTimesCountOnce() throws {
        let store = try SQLiteStore(path: database.path, key: key)
        defer { store.close() }
        let ballot = try store.ballot(campaign: "poll", ballot: "colour")
        let outcomes = Outcomes()
        let key = self.key
        concurrently(64) { racer in
            for attempt in 0..<100 {
                // Half the racers vote as "voter-A", half as "voter-B": two voters, 3,200 tries each.
                let voter = racer % 2 == 0 ? "voter-A" : "voter-B"
                let request = VoteRequest(
                    ballotID: ballot.id, campaign: "poll", ballot: "colour",
                    voter: key.pseudonym(campaign: "poll", voter: voter),
                    vote: "c:option-\(racer)-\(attempt)", acceptedAt: 1, replace: false)
                outcomes.add(store.writer.submitAndWait(request))
            }
        }
        #expect(outcomes.accepted == 2)
        #expect(outcomes.refused == 6_398)
        #expect(outcomes.failed == 0)
        #expect(try store.countedVotes(ballot.id).total == 2)
        #expect(try store.log(ballot.id).count == 2, "a refused vote leaves no trace")
    }

    @Test func theChainRecomputesFromTheLog() throws {
        let store = try SQLiteStore(path: database.path, key: key)
        for voter in ["a", "b", "c"] { _ = store.writer.submitAndWait(try request(store, voter: voter)) }
        store.close()
        let reopened = try SQLiteStore(path: database.path, key: key)
        _ = reopened.writer.submitAndWait(try request(reopened, voter: "d"))  // the chain goes on after a restart
        defer { reopened.close() }
        let ballot = try reopened.ballot(campaign: "poll", ballot: "colour")
        var chain = AuditChain.genesis(campaign: "poll", ballot: "colour")
        for vote in try reopened.log(ballot.id) {
            chain = AuditChain.next(
                chain, seq: vote.seq, voter: vote.voter, acceptedAt: vote.acceptedAt, vote: vote.vote)
            #expect(chain == vote.chain)
        }
        #expect(try reopened.chainHead(ballot.id, campaign: "poll", ballot: "colour") == chain)
        #expect(try reopened.countedVotes(ballot.id).total == 4)
    }

    @Test func votesUnderAnotherKeyKeepTheStoreShut() throws {
        let store = try SQLiteStore(path: database.path, key: key)
        _ = store.writer.submitAndWait(try request(store, voter: "anna"))
        store.close()
        #expect(throws: StoreError.self) {
            try SQLiteStore(path: database.path, key: VoterKey(bytes: Array("other".utf8)))
        }
        #expect(throws: Never.self) { try SQLiteStore(path: database.path, key: key).close() }
    }

    @Test func theKeyFileIsCreatedPrivateAndReadBack() throws {
        let created = try VoterKey.load(databasePath: database.path, environment: [:])
        let attributes = try FileManager.default.attributesOfItem(atPath: database.path + ".key")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let again = try VoterKey.load(databasePath: database.path, environment: [:])
        #expect(created.pseudonym(campaign: "c", voter: "v") == again.pseudonym(campaign: "c", voter: "v"))
        let fromEnvironment = try VoterKey.load(
            databasePath: database.path, environment: ["VOXPOP_VOTER_KEY": "env key"])
        #expect(fromEnvironment.pseudonym(campaign: "c", voter: "v") != created.pseudonym(campaign: "c", voter: "v"))
    }
}

/// Outcome counts gathered from many threads.
final class Outcomes: @unchecked Sendable {
    // @unchecked: every access holds `lock`.
    private let lock = NSLock()
    private(set) var accepted = 0
    private(set) var refused = 0
    private(set) var failed = 0

    func add(_ outcome: VoteOutcome) {
        lock.lock()
        defer { lock.unlock() }
        switch outcome {
        case .accepted: accepted += 1
        case .alreadyVoted: refused += 1
        case .failed, .closed: failed += 1
        }
    }
}
