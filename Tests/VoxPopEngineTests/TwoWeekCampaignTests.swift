import Foundation
import Testing
import VoxPopEngine
import VoxPopStore
import VoxPopTestSupport

/// The airline campaign from nominations to published final, on a hand-moved clock, with the
/// engine restarted (a fresh engine on the same database) between every two steps.
@Suite struct TwoWeekCampaignTests {
    /// Nominations: 36 fans, spelling the same places in different ways.
    static let nominations: [(String, Int)] = [
        ("Göteborg", 5), ("goteborg ", 2), ("GÖTEBORG", 2), ("Barcelona", 6), ("Reykjavík", 3), ("reykjavik", 2),
        ("Nice", 4), ("Split", 3), ("Porto", 2), ("Kraków", 2), ("Dubrovnik", 1), ("Lisbon", 1), ("Palermo", 1),
        ("Tromsø", 1), ("Tallinn", 1),
    ]

    /// Takes the steps due now one at a time, restarting the engine after each; returns them.
    func stepWithRestarts(_ harness: EngineHarness) throws -> [String] {
        var steps: [String] = []
        while true {
            harness.restart()
            let step = try harness.engine.tick(limit: 1)
            #expect(step.count <= 1)
            guard let taken = step.first else { return steps }
            steps.append(taken)
        }
    }

    @Test func runsTwoWeeksWithARestartBetweenEveryStep() throws {
        let harness = try EngineHarness(campaignFiles: ["airline-summer.json"], at: "2027-01-10T12:00Z")
        #expect(try stepWithRestarts(harness).isEmpty)
        #expect(
            harness.engine.vote(
                campaign: "airline-summer", ballot: "nominations", voter: .token("early"), vote: .writeIn("Nice"))
                == .failure(.ballotNotOpen))

        // Monday 09:00 in Stockholm is 08:00 UTC.
        harness.at("2027-01-11T08:00Z")
        #expect(try stepWithRestarts(harness) == ["airline-summer/nominations: opened"])
        var voter = 0
        for (spelling, count) in Self.nominations {
            for _ in 0..<count {
                voter += 1
                let result = harness.engine.vote(
                    campaign: "airline-summer", ballot: "nominations", voter: .token("fan-\(voter)"),
                    vote: .writeIn(spelling))
                guard case .success = result else {
                    Issue.record("vote \(voter) refused: \(result)")
                    continue
                }
            }
            harness.restart()
        }
        let again = harness.engine.vote(
            campaign: "airline-summer", ballot: "nominations", voter: .token("fan-1"), vote: .writeIn("Oslo"))
        guard case .failure(.alreadyVoted) = again else {
            Issue.record("a second nomination must be refused, got \(again)")
            return
        }

        // At the close instant the ballot is closed, even before the scheduler runs.
        harness.at("2027-01-18T08:00Z")
        #expect(
            harness.engine.vote(
                campaign: "airline-summer", ballot: "nominations", voter: .token("late"), vote: .writeIn("Rome"))
                == .failure(.ballotNotOpen))
        #expect(
            try stepWithRestarts(harness) == [
                "airline-summer/nominations: closed", "airline-summer/nominations: tallied",
            ])
        // The final waits for its operator (`optionsFrom.confirm`), across restarts too: the
        // nominations' count can still take merges until then.
        harness.at("2027-01-18T09:00Z")
        #expect(try stepWithRestarts(harness).isEmpty)
        #expect(harness.engine.state(campaign: "airline-summer", ballot: "final") == .scheduled)
        #expect(harness.publishedJSON("airline-summer", "nominations") == nil, "not published before the final opens")
        try harness.engine.openNow(campaign: "airline-summer", ballot: "final", by: "ops")
        harness.restart()
        #expect(harness.engine.state(campaign: "airline-summer", ballot: "final") == .open)
        #expect(harness.engine.state(campaign: "airline-summer", ballot: "nominations") == .published)
        #expect(try stepWithRestarts(harness).isEmpty)

        let nominated = try #require(harness.publishedJSON("airline-summer", "nominations"))
        #expect(nominated["votes"] as? Int == 36)
        #expect((nominated["shortlist"] as? [String])?.prefix(3) == ["Göteborg", "Barcelona", "Reykjavík"])
        let options = try #require(harness.engine.options(campaign: "airline-summer", ballot: "final"))
        #expect(options.count == 10)
        #expect(Set(options.map(\.id)).isSuperset(of: ["goteborg", "barcelona", "reykjavik"]))
        #expect(
            options.map(\.label) == options.map(\.label).sorted { $0.lowercased() < $1.lowercased() },
            "by label, not by count")
        #expect(!options.map(\.label).contains("Tallinn"), "only the top 10 go to the final")

        // The final: Nice's fans rank Barcelona second; Barcelona wins on transfers.
        harness.at("2027-01-20T12:00Z")
        let finalVotes: [([String], Int)] = [
            (["goteborg", "barcelona"], 9), (["barcelona", "goteborg"], 6), (["nice", "barcelona"], 5),
            (["reykjavik", "goteborg"], 2),
        ]
        voter = 0
        for (ranking, count) in finalVotes {
            for _ in 0..<count {
                voter += 1
                let result = harness.engine.vote(
                    campaign: "airline-summer", ballot: "final", voter: .token("fan-\(voter)"), vote: .choices(ranking))
                #expect((try? result.get()) != nil)
            }
        }
        #expect(
            harness.engine.vote(
                campaign: "airline-summer", ballot: "final", voter: .token("x"), vote: .choices(["rome"]))
                == .failure(.unknownOption("rome")))
        #expect(
            harness.engine.vote(
                campaign: "airline-summer", ballot: "final", voter: .token("x"), vote: .choices(["nice", "nice"]))
                == .failure(.invalidChoices("an option is chosen twice")))

        harness.at("2027-01-25T08:00Z")
        #expect(
            try stepWithRestarts(harness) == [
                "airline-summer/final: closed", "airline-summer/final: tallied", "airline-summer/final: published",
            ])
        let final = try #require(harness.publishedJSON("airline-summer", "final"))
        // Round 1: Göteborg 9, Barcelona 6, Nice 5, Reykjavík 2 of 22; Reykjavík out → Göteborg 11,
        // then Nice out → Barcelona 11: 11–11, a tie that the earlier rounds break (Göteborg had 9 to 6).
        #expect(final["winners"] as? [String] == ["Göteborg"])
        #expect(final["votes"] as? Int == 22)
        #expect((final["auditDigest"] as? String)?.count == 64)
        #expect(harness.published("airline-summer", "final", "csv")?.hasPrefix("rank,option,elected,round 1") == true)
        #expect(harness.published("airline-summer", "final", "html")?.contains("<svg") == true)

        // Every step happened once, at the instant it was due.
        let transitions = try harness.engine.transitions()
        #expect(
            transitions.map { "\($0.ballot) \($0.state)" } == [
                "nominations open", "nominations closed", "nominations tallied", "nominations published", "final open",
                "final closed", "final tallied", "final published",
            ])
        #expect(transitions[0].dueAt == Int64(EngineHarness.instant("2027-01-11T08:00Z").timeIntervalSince1970 * 1000))
        #expect(transitions[1].dueAt == Int64(EngineHarness.instant("2027-01-18T08:00Z").timeIntervalSince1970 * 1000))
        #expect(
            transitions[4].dueAt == Int64(EngineHarness.instant("2027-01-18T09:00Z").timeIntervalSince1970 * 1000),
            "the final opens when its operator opens it")
        let log = try harness.engine.operatorLog(limit: 100).reversed().map {
            "\($0.actor) \($0.action) \($0.ballot ?? "")"
        }
        #expect(
            log == [
                "scheduler open nominations", "scheduler close nominations", "scheduler count nominations",
                "ops publish nominations", "ops open final", "scheduler close final", "scheduler count final",
                "scheduler publish final",
            ], "every step on record, by whom")
        #expect(try harness.engine.tick().isEmpty, "nothing happens twice")
    }

    @Test func aServerDownAtTheCloseCatchesUpWhenItStarts() throws {
        let harness = try EngineHarness(campaignFiles: ["product-name.json"], at: "2027-02-01T07:00Z")
        try harness.engine.tick()
        for voter in 1...5 {
            let choices = voter <= 3 ? ["havrebris"] : ["sky", "havrebris"]
            _ = harness.engine.vote(
                campaign: "product-name", ballot: "name", voter: .token("v\(voter)"), vote: .choices(choices))
        }
        harness.stop()
        harness.at("2027-03-01T00:00Z")  // two weeks after the close (20:00 in Copenhagen), the server starts again
        #expect(
            try harness.engine.tick() == [
                "product-name/name: closed", "product-name/name: tallied", "product-name/name: published",
            ])
        #expect(try harness.engine.transitions().first { $0.state == "closed" }?.dueAt == 1_802_718_000_000)
        #expect(harness.publishedJSON("product-name", "name")?["winners"] as? [String] == ["Havrebris"])
    }
}
