import Foundation
import Testing
import VoxPopCampaigns
import VoxPopTestSupport

@testable import VoxPopEngine

/// What a voter sends is checked before any arithmetic or storage: numbers by range, texts by
/// Unicode scalars and bytes, never by `Character`.
@Suite struct VoteRulesTests {
    /// A frozen ballot of an example campaign's file.
    func frozen(_ file: String, _ ballot: String, change: (inout Ballot) -> Void = { _ in }) throws -> FrozenBallot {
        let harness = try EngineHarness(campaignFiles: [file], at: "2027-01-01T00:00Z")
        var definition = try #require(harness.campaigns[0].ballot(ballot))
        change(&definition)
        return FrozenBallot(
            ballot: definition, campaign: harness.campaigns[0], options: FrozenBallot.options(of: definition))
    }

    @Test func pointsThatWouldOverflowAreRefusedNotSummed() throws {
        let forum = try frozen("idea-forum.json", "ideas")
        let huge = 4_611_686_018_427_387_904
        for points in [
            ["dark-mode": huge, "shared-lists": huge], ["dark-mode": Int.max, "shared-lists": 1],
            ["dark-mode": Int.max, "shared-lists": Int.max, "receipt-scan": Int.max],
        ] {
            #expect(throws: VoteRefusal.self) { try VoteRules.check(.points(points), against: forum) }
        }
        #expect(throws: VoteRefusal.invalidChoices("points cannot be negative")) {
            try VoteRules.check(.points(["dark-mode": Int.min, "shared-lists": 1]), against: forum)
        }
        #expect(
            (try? VoteRules.check(.points(["dark-mode": 6, "shared-lists": 4]), against: forum))
                == .points(["dark-mode": 6, "shared-lists": 4]))
        #expect(throws: VoteRefusal.invalidChoices("11 points is more than the budget of 10")) {
            try VoteRules.check(.points(["dark-mode": 6, "shared-lists": 5]), against: forum)
        }
    }

    @Test func ratingsAreRangeCheckedOnAScoreBallot() throws {
        let score = try frozen("idea-forum.json", "ideas") {
            $0.method = .score
            $0.budget = nil
            $0.maxScore = 5
            $0.writeIns = nil
        }
        #expect(throws: VoteRefusal.self) { try VoteRules.check(.points(["dark-mode": Int.max]), against: score) }
        #expect((try? VoteRules.check(.points(["dark-mode": 5]), against: score)) != nil)
    }

    @Test func writeInsAreMeasuredInScalarsAndBytes() throws {
        let nominations = try frozen("airline-summer.json", "nominations")  // maxLength 60
        let stacked = "W" + String(repeating: "\u{301}", count: 30_000)
        #expect(stacked.count == 1, "one Character, which a Character count would let through")
        #expect(throws: VoteRefusal.self) { try VoteRules.check(.writeIn(stacked), against: nominations) }
        let sixty = String(repeating: "å", count: 60)
        #expect((try? VoteRules.check(.writeIn(sixty), against: nominations)) == .writeIn(sixty))
        #expect(throws: VoteRefusal.self) { try VoteRules.check(.writeIn(sixty + "å"), against: nominations) }
        let flags = String(repeating: "🇸🇪", count: 31)  // 62 scalars, 31 Characters
        #expect(throws: VoteRefusal.self) { try VoteRules.check(.writeIn(flags), against: nominations) }
        #expect(throws: VoteRefusal.self) { try VoteRules.check(.writeIn("Oslo\u{0}"), against: nominations) }
        #expect(throws: VoteRefusal.self) { try VoteRules.check(.writeIn(" \u{200B} "), against: nominations) }
    }

    /// Direction controls turn the text around a write-in wherever it is shown (a right-to-left
    /// override made "olso" look like "oslo" and reversed the log line naming it); right-to-left
    /// letters and the plain marks are text like any other.
    @Test func writeInsCarryNoDirectionControls() throws {
        let nominations = try frozen("airline-summer.json", "nominations")
        for control in [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069] {
            let text = "\(Unicode.Scalar(control)!)olso"
            #expect(throws: VoteRefusal.self, "U+\(String(control, radix: 16))") {
                try VoteRules.check(.writeIn(text), against: nominations)
            }
        }
        for text in ["תל אביב", "دبي", "Oslo\u{200F}", "\u{200E}Oslo"] {
            #expect((try? VoteRules.check(.writeIn(text), against: nominations)) == .writeIn(text), "\(text)")
        }
    }

    /// A write-in that begins with a joiner or a combining mark glues it to the `:` of its stored
    /// text `w:...` when read by `Character`s: such votes were left out of the count.
    @Test func writeInsThatBeginWithAJoinerOrAMarkAreCounted() throws {
        let nominations = try frozen("airline-summer.json", "nominations")
        let count = try BallotCount.count(
            nominations, votes: [("w:\u{200D}Oslo", 2), ("w:\u{301}Oslo", 1), ("w:Rome", 2)])
        #expect(count.votes == 5)
        #expect(count.tally.winners.map { count.tally.candidates[$0] } == ["\u{200D}Oslo"])
        #expect(Vote(text: "w:\u{200D}Oslo") == .writeIn("\u{200D}Oslo"))
        #expect(Vote(text: "c:\u{301}red") == .choices(["\u{301}red"]))
    }

    @Test func aCountStandsAFloodOfDistinctWriteInsAndTamperedRows() throws {
        let nominations = try frozen("airline-summer.json", "nominations")
        // 70,000 places nobody else wrote, in a script without ASCII letters (all slug alike),
        // and one place most voters wrote.
        var votes: [(text: String, weight: Int)] = (0..<70_000).map { ("w:場所\($0)", 1) }
        votes.append(("w:Göteborg", 500))
        let started = ContinuousClock.now
        let count = try BallotCount.count(nominations, votes: votes)
        #expect(ContinuousClock.now - started < .seconds(60), "suffixing ids stays linear")
        #expect(count.tally.candidates.count == BallotCount.maximumOptions)
        #expect(count.votes == 70_500, "every voter is counted; the rarest write-ins as blank")
        #expect(count.tally.winners.map { count.tally.candidates[$0] } == ["Göteborg"])
        #expect(Set(count.optionIDs).count == count.optionIDs.count, "option ids stay distinct")

        let forum = try frozen("idea-forum.json", "ideas")
        let tampered = try BallotCount.count(
            forum,
            votes: [("p:dark-mode=99999999999", 1), ("p:dark-mode=3,shared-lists=7", 2), ("c:dark-mode,dark-mode", 1)])
        #expect(tampered.votes == 4)
    }
}
