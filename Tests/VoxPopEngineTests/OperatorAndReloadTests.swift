import Foundation
import Testing
import VoxPopCampaigns
import VoxPopEngine
import VoxPopFoundation
import VoxPopTestSupport

@Suite struct OperatorAndReloadTests {
    @Test func manualPublicationWaitsForTheOperator() throws {
        let harness = try EngineHarness(campaignFiles: ["candidate-hires.json"], at: "2027-03-01T08:00Z")
        #expect(try harness.engine.tick() == ["candidate-hires/shortlist: opened"])
        let picks = [
            ["ingrid-solberg", "amir-haddad"], ["amir-haddad", "sofie-lunde", "jonas-berg"], ["amir-haddad"],
        ]
        for (voter, choices) in picks.enumerated() {
            #expect(
                (try? harness.engine.vote(
                    campaign: "candidate-hires", ballot: "shortlist", voter: .token("c\(voter)"),
                    vote: .choices(choices)
                ).get()) != nil)
        }
        #expect(
            harness.engine.vote(
                campaign: "candidate-hires", ballot: "shortlist", voter: .token("greedy"),
                vote: .choices(["ingrid-solberg", "amir-haddad", "sofie-lunde", "jonas-berg"]))
                == .failure(.invalidChoices("at most 3 choices")))

        harness.at("2027-03-15T08:00Z")
        #expect(
            try harness.engine.tick() == ["candidate-hires/shortlist: closed", "candidate-hires/shortlist: tallied"])
        harness.restart()
        #expect(try harness.engine.tick().isEmpty, "a manual ballot waits in tallied")
        #expect(harness.published("candidate-hires", "shortlist", "json") == nil)
        let tally = try #require(try harness.engine.tally(campaign: "candidate-hires", ballot: "shortlist"))
        #expect(tally.contains("\"winners\":[\"Amir Haddad\"]"))

        try harness.engine.publish(campaign: "candidate-hires", ballot: "shortlist")
        #expect(
            harness.publishedJSON("candidate-hires", "shortlist")?["shortlist"] as? [String] == [
                "Amir Haddad", "Ingrid Solberg", "Jonas Berg",
            ])
        #expect(throws: EngineError.self) {
            try harness.engine.publish(campaign: "candidate-hires", ballot: "shortlist")
        }
    }

    @Test func closingNowCountsAndPublishesAtOnce() throws {
        let harness = try EngineHarness(campaignFiles: ["quick-poll.json"], at: "2027-05-01T10:00Z")
        try harness.engine.tick()
        for voter in ["v0", "v1"] {
            _ = harness.engine.vote(
                campaign: "quick-poll", ballot: "colour", voter: .token(voter), vote: .choices(["blue"]))
        }
        // Revote "replace": v2 changes from red to green; the count has one vote per voter, and
        // the first receipt no longer counts.
        let first = try harness.engine.vote(
            campaign: "quick-poll", ballot: "colour", voter: .token("v2"), vote: .choices(["red"])
        )
        .get()
        let second = try harness.engine.vote(
            campaign: "quick-poll", ballot: "colour", voter: .token("v2"), vote: .choices(["green"])
        ).get()
        #expect(try harness.engine.receiptCounts(campaign: "quick-poll", ballot: "colour", receipt: first) == false)
        #expect(try harness.engine.receiptCounts(campaign: "quick-poll", ballot: "colour", receipt: second) == true)
        #expect(
            try harness.engine.receiptCounts(campaign: "quick-poll", ballot: "colour", receipt: "99-0123456789abcdef")
                == nil)
        try harness.engine.closeNow(campaign: "quick-poll", ballot: "colour")
        #expect(harness.engine.state(campaign: "quick-poll", ballot: "colour") == .published)
        let json = try #require(harness.publishedJSON("quick-poll", "colour"))
        #expect(json["votes"] as? Int == 3)
        #expect(
            ((json["rounds"] as? [[String: Any]])?.first?["votes"] as? [String: Int]) == [
                "Red": 0, "Blue": 2, "Green": 1, "Yellow": 0,
            ])
        #expect(throws: EngineError.self) { try harness.engine.closeNow(campaign: "quick-poll", ballot: "colour") }
        #expect(
            harness.engine.vote(campaign: "quick-poll", ballot: "colour", voter: .token("v9"), vote: .choices(["red"]))
                == .failure(.ballotNotOpen))
    }

    @Test func aReloadNeverChangesAnOpenBallot() throws {
        let harness = try EngineHarness(campaignFiles: ["idea-forum.json"], at: "2027-05-01T10:00Z")
        try harness.engine.tick()
        #expect(
            (try? harness.engine.vote(
                campaign: "idea-forum", ballot: "ideas", voter: .token("u1"),
                vote: .points(["dark-mode": 6, "shared-lists": 4])
            ).get()) != nil)
        #expect(
            harness.engine.vote(
                campaign: "idea-forum", ballot: "ideas", voter: .token("u2"), vote: .points(["dark-mode": 11]))
                == .failure(.invalidChoices("11 points is more than the budget of 10")))
        #expect(
            harness.engine.vote(campaign: "idea-forum", ballot: "ideas", voter: .token("u3"), vote: .writeIn("Widgets"))
                == .failure(
                    .invalidChoices("on this ballot, suggest a new idea at .../ideas; votes give points to ideas")))

        var changed = harness.campaigns[0]
        changed.ballots[0].budget = 20
        changed.ballots[0].options.removeLast()
        let refusals = try harness.engine.reload([changed])
        #expect(
            refusals == [
                "campaign idea-forum: ballot ideas is open; its options, budget cannot change. The change is refused and the running ballots go on as they were."
            ])
        #expect(
            harness.engine.vote(
                campaign: "idea-forum", ballot: "ideas", voter: .token("u2"), vote: .points(["price-alerts": 10])
            ).map { _ in true }
                == .success(true), "the removed option and the old budget still hold")

        var retitled = harness.campaigns[0]
        retitled.title = LocalizedText("Ideas for our app, 2027")
        retitled.ballots[0].closes = .at(EngineHarness.instant("2027-06-01T00:00Z"))
        #expect(try harness.engine.reload([retitled]).isEmpty, "texts and schedules may change")
        harness.at("2027-06-01T00:00Z")
        #expect(try harness.engine.tick().first == "idea-forum/ideas: closed")
    }
}

extension OperatorAndReloadTests {
    /// On a shared database the database refuses votes by an open ballot's close instant, so a
    /// reload that moves the instant must move it there too (it went on refusing by the old one).
    @Test(.enabled(if: EngineHarness.onPostgres, "the close instant is the PostgreSQL store's"))
    func aReloadTellsTheDatabaseAnOpenBallotsNewCloseInstant() throws {
        let harness = try EngineHarness(campaignFiles: ["candidate-hires.json"], at: "2027-03-01T10:00Z")
        #expect(try harness.engine.tick() == ["candidate-hires/shortlist: opened"])
        let closesAt = "SELECT closes_at FROM ballots WHERE ballot = 'shortlist'"
        // The file's close: 2027-03-15T09:00 in Oslo.
        #expect(try harness.tamperedInteger(closesAt) == EngineHarness.instant("2027-03-15T08:00Z").milliseconds)

        var later = harness.campaigns[0]
        later.ballots[0].closes = .at(EngineHarness.instant("2027-03-20T09:00Z"))
        #expect(try harness.engine.reload([later]).isEmpty)
        #expect(try harness.tamperedInteger(closesAt) == EngineHarness.instant("2027-03-20T09:00Z").milliseconds)

        var never = harness.campaigns[0]
        never.ballots[0].closes = nil
        #expect(try harness.engine.reload([never]).isEmpty)
        #expect(try harness.tamperedInteger(closesAt) == nil)
    }
}
