import Foundation
import Testing
import VoxPopCampaigns
import VoxPopEngine
import VoxPopStore
import VoxPopTestSupport

/// The audit passes every honest database and fails a tampered one, for every kind of ballot:
/// plurality, approval, write-ins, a final fed by them, STV, a cumulative idea forum with public
/// ideas, and manual publication.
@Suite struct AuditEveryKindTests {
    /// Every example campaign voted on, then closed and counted (and published unless manual).
    func everyCampaignCounted() throws -> EngineHarness {
        let harness = try EngineHarness(
            campaignFiles: [
                "airline-summer.json", "candidate-hires.json", "drawings-to-toys.json", "idea-forum.json",
                "product-name.json", "quick-poll.json",
            ], at: "2027-01-12T12:00Z")
        // Everything opens now (a fed ballot once its source is published) and stays open until
        // the test closes it.
        for index in harness.campaigns.indices {
            for ballot in harness.campaigns[index].ballots.indices {
                harness.campaigns[index].ballots[ballot].opens = nil
                harness.campaigns[index].ballots[ballot].closes = nil
            }
        }
        harness.campaigns[3].ballots[0].writeIns?.moderation = .after  // the forum's ideas are public at once
        let engine = harness.engine
        try engine.tick()
        func vote(_ campaign: String, _ ballot: String, _ voter: String, _ vote: Vote) {
            #expect(
                (try? engine.vote(campaign: campaign, ballot: ballot, voter: .token(voter), vote: vote).get()) != nil,
                "\(campaign) \(voter) \(vote)")
        }
        for (voter, place) in ["Oslo", "Rome", "Oslo", "Paris", "oslo ", "Rome"].enumerated() {
            vote("airline-summer", "nominations", "fan-\(voter)", .writeIn(place))
        }
        vote("candidate-hires", "shortlist", "c1", .choices(["amir-haddad", "sofie-lunde"]))
        vote("candidate-hires", "shortlist", "c2", .choices(["amir-haddad"]))
        for voter in 0..<12 {
            let first = 1 + voter % 11
            vote(
                "drawings-to-toys", "toys", "kid-\(voter)",
                .choices((0..<12).map { String(format: "drawing-%03d", 1 + (first + $0 * 7) % 100) }))
        }
        // The forum: a suggested idea, public at once, and points on it and on the file's options.
        let idea = try engine.suggest(campaign: "idea-forum", ballot: "ideas", voter: .token("m1"), text: "Recipes")
            .get()
        vote("idea-forum", "ideas", "m1", .points([idea.id: 7, "dark-mode": 3]))
        vote("idea-forum", "ideas", "m2", .points(["dark-mode": 10]))
        vote("product-name", "name", "o1", .choices(["sky", "havrebris"]))
        vote("product-name", "name", "o2", .choices(["sky"]))
        vote("quick-poll", "colour", "q1", .choices(["blue"]))
        vote("quick-poll", "colour", "q1", .choices(["red"]))  // replaces

        for (campaign, ballot) in [
            ("airline-summer", "nominations"), ("candidate-hires", "shortlist"), ("drawings-to-toys", "toys"),
            ("idea-forum", "ideas"), ("product-name", "name"), ("quick-poll", "colour"),
        ] {
            try engine.closeNow(campaign: campaign, ballot: ballot)
        }
        try engine.tick()
        // The final waits for its operator to open it (`confirm`), which publishes the nominations.
        try engine.openNow(campaign: "airline-summer", ballot: "final")
        vote("airline-summer", "final", "fan-1", .choices(["rome", "oslo"]))
        vote("airline-summer", "final", "fan-2", .choices(["paris"]))
        try engine.closeNow(campaign: "airline-summer", ballot: "final")
        harness.stop()
        return harness
    }

    static let ballots = [
        ("airline-summer", "nominations"), ("airline-summer", "final"), ("candidate-hires", "shortlist"),
        ("drawings-to-toys", "toys"), ("idea-forum", "ideas"), ("product-name", "name"), ("quick-poll", "colour"),
    ]

    @Test func everyHonestBallotVerifies() throws {
        let harness = try everyCampaignCounted()
        for campaign in Set(Self.ballots.map(\.0)) {
            let report = try Audit.run(database: harness.databasePath, campaign: campaign)
            #expect(report.problems == 0, "\(report.lines)")
            #expect(report.lines.allSatisfy { $0.hasSuffix("the stored tally matches a recount") }, "\(report.lines)")
        }
    }

    @Test func aTamperedTallyOrVoteFailsOnEveryKindOfBallot() throws {
        for (campaign, ballot) in Self.ballots {
            let harness = try everyCampaignCounted()
            // The stored tally says the first two options swapped places.
            let id = try #require(
                try harness.tamperedInteger(
                    "SELECT id FROM ballots WHERE campaign = '\(campaign)' AND ballot = '\(ballot)'"))
            try harness.tamper(
                "UPDATE ballots SET tally = replace(tally, '\"votes\":', '\"votes\": ') WHERE id = \(id)")
            let report = try Audit.run(database: harness.databasePath, campaign: campaign)
            #expect(report.problems == 1, "\(campaign)/\(ballot): \(report.lines)")
            #expect(report.lines.contains { $0.hasPrefix(ballot) && $0.contains("DIFFERS") })

            // A counted vote changed in place breaks the chain too.
            let restored = try everyCampaignCounted()
            let ballotID = try #require(
                try restored.tamperedInteger(
                    "SELECT id FROM ballots WHERE campaign = '\(campaign)' AND ballot = '\(ballot)'"))
            try restored.tamper(
                "UPDATE votes SET accepted_at = accepted_at + 1 WHERE seq = (SELECT min(seq) FROM votes WHERE ballot = \(ballotID))"
            )
            let chain = try Audit.run(database: restored.databasePath, campaign: campaign)
            #expect(chain.lines.contains { $0.hasPrefix(ballot) && $0.contains("CHAIN BROKEN") }, "\(chain.lines)")
        }
    }
}
