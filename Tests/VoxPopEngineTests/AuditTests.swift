import Foundation
import Testing
import VoxPopEngine
import VoxPopStore
import VoxPopTestSupport

@Suite struct AuditTests {
    func finishedPoll() throws -> EngineHarness {
        let harness = try EngineHarness(campaignFiles: ["quick-poll.json"], at: "2027-05-01T10:00Z")
        try harness.engine.tick()
        for (voter, colour) in ["blue", "blue", "red", "green"].enumerated() {
            _ = harness.engine.vote(
                campaign: "quick-poll", ballot: "colour", voter: .token("v\(voter)"), vote: .choices([colour]))
        }
        // v3 votes again; the quick poll's revote policy is "replace".
        _ = harness.engine.vote(campaign: "quick-poll", ballot: "colour", voter: .token("v3"), vote: .choices(["blue"]))
        try harness.engine.closeNow(campaign: "quick-poll", ballot: "colour")
        harness.stop()
        return harness
    }

    @Test func anUntouchedDatabaseVerifies() throws {
        let harness = try finishedPoll()
        let store = try VoteStores.open(harness.databasePath, key: nil)
        defer { store.close() }
        let report = try Audit.run(store: store, campaign: "quick-poll")
        #expect(report.problems == 0)
        #expect(report.lines.count == 1)
        #expect(report.lines[0].hasPrefix("colour (published): 5 votes logged, 4 counted; chain verified, head "))
        #expect(report.lines[0].hasSuffix("; the stored tally matches a recount"))
        let published = try #require(harness.publishedJSON("quick-poll", "colour")?["auditDigest"] as? String)
        #expect(report.lines[0].contains(published), "the published digest is the chain head")
    }

    @Test func aChangedVoteBreaksTheChainAndTheRecount() throws {
        let harness = try finishedPoll()
        try harness.tamper("UPDATE votes SET vote = 'c:red' WHERE seq = 1")
        let store = try VoteStores.open(harness.databasePath, key: nil)
        defer { store.close() }
        let report = try Audit.run(store: store, campaign: "quick-poll")
        #expect(report.problems == 2)
        #expect(report.lines[0].contains("CHAIN BROKEN at vote 1"))
        #expect(report.lines[0].contains("THE STORED TALLY DIFFERS FROM A RECOUNT"))
    }

    @Test func anUnknownCampaignIsAProblem() throws {
        let harness = try finishedPoll()
        let store = try VoteStores.open(harness.databasePath, key: nil)
        defer { store.close() }
        #expect(try Audit.run(store: store, campaign: "nope").problems == 1)
    }
}
