import Foundation
import Testing
import VoxPopCampaigns
import VoxPopEngine
import VoxPopFoundation
import VoxPopStore
import VoxPopTestSupport

/// Live results come from a running count kept as votes commit: the same tally as a recount of
/// the store, for every kind of count, without syncing the writer or reading the votes.
@Suite struct LiveCountTests {
    /// The tally of `json` without the members that say when and how it was made.
    func tallyPart(_ json: String) throws -> [String: String] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        var result: [String: String] = [:]
        for key in ["winners", "ranking", "rounds", "votes", "ballots", "shortlist"] {
            if let value = object[key] {
                result[key] = String(
                    decoding: try JSONSerialization.data(withJSONObject: [value], options: .sortedKeys), as: UTF8.self)
            }
        }
        return result
    }

    /// Votes and revotes of many voters, then: the live tally equals the one counted at the close.
    func expectLiveEqualsRecount(
        _ files: [String], _ campaign: String, _ ballot: String, change: (inout Campaign) -> Void = { _ in },
        votes: (Int) -> Vote
    ) throws {
        let harness = try EngineHarness(campaignFiles: files, at: "2027-05-01T10:00Z")
        change(&harness.campaigns[0])
        harness.campaigns[0].ballots[0].opens = nil
        harness.campaigns[0].ballots[0].closes = nil
        harness.campaigns[0].ballots[0].results = .live
        harness.campaigns[0].ballots[0].revote = .replace
        let engine = harness.engine
        try engine.tick()
        let answered = DispatchGroup()
        for index in 0..<600 {
            answered.enter()
            // 200 voters, three votes each: every vote after the first replaces one.
            engine.cast(campaign: campaign, ballot: ballot, voter: .token("v\(index % 200)"), vote: votes(index)) {
                if case .failure(let refusal) = $0 { Issue.record("\(refusal)") }
                answered.leave()
            }
            if index % 100 == 99 {
                answered.wait()
                harness.at("2027-05-01T10:0\(index / 100 + 1):00Z")  // past the flood window
            }
        }
        answered.wait()
        let live = try #require(try engine.liveTally(campaign: campaign, ballot: ballot))
        #expect(live.contains("\"countedAt\":"))
        try engine.closeNow(campaign: campaign, ballot: ballot)
        let closed = try #require(try engine.tally(campaign: campaign, ballot: ballot))
        #expect(try tallyPart(live) == tallyPart(closed), "\(campaign): \(live) against \(closed)")
        #expect(try tallyPart(live)["votes"] == "[200]")
    }

    @Test func pluralityAndApprovalKeepIdenticalVotesGrouped() throws {
        let colours = ["red", "blue", "green", "yellow"]
        try expectLiveEqualsRecount(["quick-poll.json"], "quick-poll", "colour") { .choices([colours[$0 * 7 % 4]]) }
        let names = ["havrebris", "morgenmark", "oatly-good", "nordhavre", "sky", "kornblomst"]
        try expectLiveEqualsRecount(["product-name.json"], "product-name", "name") {
            .choices(Array(Set([names[$0 % 6], names[$0 * 5 % 6]])))
        }
    }

    @Test func pointsKeepEachOptionsSum() throws {
        let ideas = ["dark-mode", "offline-lists", "shared-lists", "receipt-scan", "price-alerts"]
        try expectLiveEqualsRecount(["idea-forum.json"], "idea-forum", "ideas") {
            .points([ideas[$0 % 5]: 1 + $0 % 4, ideas[($0 + 2) % 5]: $0 % 6 + 1])
        }
    }

    @Test func rankedBallotsAreCountedAgainFromTheKeptVotes() throws {
        try expectLiveEqualsRecount(["drawings-to-toys.json"], "drawings-to-toys", "toys") { index in
            .choices((0..<5).map { step in String(format: "drawing-%03d", 1 + (index + step * 13) % 30) })
        }
    }

    @Test func liveResultsDoNotWaitForTheWriter() throws {
        let harness = try EngineHarness(campaignFiles: ["quick-poll.json"], at: "2027-05-01T10:00Z")
        harness.synchronous = .normal  // the writer answers on its own thread, so a test can hold it
        let engine = harness.engine
        try engine.tick()
        #expect(
            (try? engine.vote(campaign: "quick-poll", ballot: "colour", voter: .open("a"), vote: .choices(["red"]))
                .get()) != nil)
        let holding = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        engine.cast(campaign: "quick-poll", ballot: "colour", voter: .open("b"), vote: .choices(["blue"])) { _ in
            holding.signal()
            release.wait()
        }
        holding.wait()  // the writer is held inside its answer to b's vote
        let queued = DispatchGroup()
        queued.enter()
        engine.cast(campaign: "quick-poll", ballot: "colour", voter: .open("c"), vote: .choices(["blue"])) { _ in
            queued.leave()
        }
        let asked = DispatchGroup()
        let answer = Locked<String?>(nil)
        DispatchQueue.global().async(group: asked) {
            answer.withLock { $0 = try? engine.liveTally(campaign: "quick-poll", ballot: "colour") }
        }
        #expect(asked.wait(timeout: .now() + 5) == .success, "the results did not wait for the held writer")
        let json = try #require(answer.withLock { $0 })
        #expect(json.contains(#""votes":2"#), "both committed votes, not the queued one: \(json)")
        release.signal()
        queued.wait()
    }

    @Test func aWriteInDecisionShowsInTheNextLiveCount() throws {
        let harness = try EngineHarness(campaignFiles: ["airline-summer.json"], at: "2027-01-12T12:00Z")
        harness.campaigns[0].ballots[0].results = .live
        let engine = harness.engine
        try engine.tick()
        for (voter, place) in ["Gothenburg", "Göteborg", "Oslo", "Oslo"].enumerated() {
            _ = engine.vote(
                campaign: "airline-summer", ballot: "nominations", voter: .token("f\(voter)"), vote: .writeIn(place))
        }
        let before = try #require(try engine.liveTally(campaign: "airline-summer", ballot: "nominations"))
        #expect(try tallyPart(before)["winners"] == #"[["Oslo"]]"#)
        try engine.decideWriteIn(
            campaign: "airline-summer", ballot: "nominations", id: "gothenburg", action: "merge", into: "Göteborg")
        try engine.decideWriteIn(
            campaign: "airline-summer", ballot: "nominations", id: "oslo", action: "reject", into: nil)
        let after = try #require(try engine.liveTally(campaign: "airline-summer", ballot: "nominations"))
        #expect(try tallyPart(after)["winners"] == #"[["Göteborg"]]"#, "\(after)")
    }
}
