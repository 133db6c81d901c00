import Foundation
import Testing
import VoxPopFoundation
import VoxPopStore
import VoxPopTestSupport

@testable import VoxPopCampaigns
@testable import VoxPopEngine

/// The operator's desk in the engine: what each decision does to the count, and that the count
/// the audit repeats is the count published.
@Suite struct DeskTests {
    /// The ranking of a tally JSON, by label.
    func ranking(_ json: String?) throws -> [String] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data((json ?? "").utf8)) as? [String: Any])
        return object["ranking"] as? [String] ?? []
    }

    func object(_ json: String?) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data((json ?? "").utf8)) as? [String: Any])
    }

    /// Nominations with `places` written in, one voter each.
    func nominations(_ places: [String], change: (inout Campaign) -> Void = { _ in }) throws -> EngineHarness {
        let harness = try EngineHarness(campaignFiles: ["airline-summer.json"], at: "2027-01-12T12:00Z")
        change(&harness.campaigns[0])
        try harness.engine.tick()
        for (voter, place) in places.enumerated() {
            let outcome = harness.engine.vote(
                campaign: "airline-summer", ballot: "nominations", voter: .token("fan-\(voter)"), vote: .writeIn(place))
            #expect((try? outcome.get()) != nil, "\(place)")
        }
        return harness
    }

    @Test func suggestionsFoldNordicGermanSaintsAndOneSlipButNotShortNeighbours() {
        let groups = [
            "kobenhavn", "københavn", "koebenhavn", "tromso", "tromsø", "alesund", "ålesund", "aalesund", "munchen",
            "muenchen", "strasse", "straße", "st petersburg", "saint petersburg", "barcelona", "barcleona",
            "barcelonaa", "bali", "bari", "rome", "roma", "reykjavik", "reykjavk",
        ].map { WriteInSuggestions.Group(key: $0, count: 1) }
        let clusters = WriteInSuggestions.clusters(groups, optionKeys: []).map(Set.init)
        for expected: Set<String> in [
            ["kobenhavn", "københavn", "koebenhavn"], ["tromso", "tromsø"], ["alesund", "ålesund", "aalesund"],
            ["munchen", "muenchen"], ["strasse", "straße"], ["st petersburg", "saint petersburg"],
            ["barcelona", "barcleona", "barcelonaa"], ["reykjavik", "reykjavk"],
        ] {
            #expect(clusters.contains(expected), "\(expected) in \(clusters)")
        }
        let together = clusters.first { $0.contains("bali") }
        #expect(together == nil, "four letters one apart are different places: \(clusters)")
        #expect(clusters.first { $0.contains("rome") } == nil)
    }

    /// A group's spellings tie: the review shows the label the count (and so the public) uses,
    /// whichever came first.
    @Test func theReviewNamesAGroupAsTheCountDoes() throws {
        for spellings in [["Göteborg", "GÖTEBORG"], ["GÖTEBORG", "Göteborg"], ["goteborg", "Göteborg", "Göteborg"]] {
            let harness = try nominations(spellings)
            let review = try harness.engine.writeInReview(campaign: "airline-summer", ballot: "nominations")
            let live = try object(harness.engine.operatorTally(campaign: "airline-summer", ballot: "nominations"))
            let counted = (live["ranking"] as? [String])?.first
            #expect(
                review.groups.first?.label == counted,
                "\(spellings): \(review.groups.first?.label ?? "") and \(counted ?? "")")
        }
    }

    @Test func aSuggestionNamesTheGroupsToMergeApartFromItsTarget() throws {
        let harness = try nominations(["Tromsø", "Tromsø", "Tromso", "Tromsoe"])
        let review = try harness.engine.writeInReview(campaign: "airline-summer", ballot: "nominations")
        let suggestion = try #require(review.suggestions.first)
        #expect(suggestion.into == "tromsø" && suggestion.ids == ["tromso", "tromsoe"])
        try harness.engine.decideWriteIns(
            campaign: "airline-summer", ballot: "nominations", ids: suggestion.ids, action: "merge",
            into: suggestion.into)
        let after = try harness.engine.writeInReview(campaign: "airline-summer", ballot: "nominations")
        #expect(after.groups.first?.total == 4 && after.suggestions.isEmpty)
    }

    @Test func aliasesApplyAsVotesArriveAndMergesMoveWholeGroups() throws {
        let harness = try nominations(
            [
                "Göteborg", "Göteborg", "Gothenburg", "gothenburg", "NYC", "New York", "Big Apple", "Madrid", "madrid",
                "Paris",
            ])
        let engine = harness.engine
        var review = try engine.writeInReview(campaign: "airline-summer", ballot: "nominations")
        let gothenburg = try #require(review.groups.first { $0.id == "gothenburg" })
        #expect(gothenburg.alias == "Göteborg" && gothenburg.mergedInto == "goteborg" && gothenburg.total == 0)
        #expect(review.groups.first { $0.id == "goteborg" }?.total == 4, "the campaign's alias, applied at once")
        #expect(
            try ranking(engine.operatorTally(campaign: "airline-summer", ballot: "nominations")).first == "Göteborg")

        // A merge into something that is neither a group nor an option changes nothing.
        #expect(throws: EngineError.self) {
            try engine.decideWriteIns(
                campaign: "airline-summer", ballot: "nominations", ids: ["big apple"], action: "merge",
                into: "Middle Earth")
        }
        #expect(try engine.writeInReview(campaign: "airline-summer", ballot: "nominations").groups.count == 7)

        try engine.decideWriteIns(
            campaign: "airline-summer", ballot: "nominations", ids: ["big apple"], action: "merge", into: "NEW YORK",
            by: "ana")
        try engine.labelWriteIn(
            campaign: "airline-summer", ballot: "nominations", id: "madrid", label: "Madrid, Spain", by: "ana")
        review = try engine.writeInReview(campaign: "airline-summer", ballot: "nominations", search: "york")
        #expect(
            review.groups.map(\.id) == ["new york", "big apple", "nyc"], "search finds what was merged into a match")
        #expect(review.groups[0].total == 3, "NYC by alias, Big Apple by merge, New York itself")
        let tally = try object(engine.operatorTally(campaign: "airline-summer", ballot: "nominations"))
        #expect(tally["preliminary"] as? Bool == true)
        #expect((tally["ranking"] as? [String])?.prefix(3) == ["Göteborg", "New York", "Madrid, Spain"])
        #expect(!((tally["ranking"] as? [String]) ?? []).contains("Big Apple"))
        let log = try engine.operatorLog().map { "\($0.actor) \($0.action)" }
        #expect(log.prefix(2) == ["ana label", "ana merge"], "newest first: \(log)")
    }

    @Test func aTieAtTheCutOffIsFlaggedAndAMergeAfterTheCloseBreaksItBeforeTheFinalOpens() throws {
        // Ten places with 3 votes or more, and two at 2: the tenth place is a tie of three.
        var places: [String] = []
        for (index, place) in ["Oslo", "Rome", "Paris", "Nice", "Bergen", "Malmö", "Lisbon", "Porto", "Vienna"]
            .enumerated()
        {
            places += Array(repeating: place, count: 12 - index)
        }
        places += ["Tallinn", "Tallinn", "Riga", "Riga", "Vilnius", "Vilnius", "Rigga"]
        let harness = try nominations(places)
        let engine = harness.engine
        var cutoff = try #require(
            (try object(engine.operatorTally(campaign: "airline-summer", ballot: "nominations"))["shortlists"]
                as? [[String: Any]])?.first)
        #expect(cutoff["ballot"] as? String == "final" && cutoff["top"] as? Int == 10)
        #expect(cutoff["tie"] as? Bool == true)
        #expect(Set(cutoff["tied"] as? [String] ?? []) == ["Tallinn", "Riga", "Vilnius"])

        harness.at("2027-01-18T12:00Z")
        try engine.tick()
        #expect(engine.state(campaign: "airline-summer", ballot: "nominations") == .tallied)
        #expect(engine.state(campaign: "airline-summer", ballot: "final") == .scheduled, "waits for its operator")
        // The review window: a typo merged after the close counts, and the tie is gone.
        try engine.decideWriteIns(
            campaign: "airline-summer", ballot: "nominations", ids: ["rigga"], action: "merge", into: "riga", by: "ana")
        cutoff = try #require(
            (try object(engine.operatorTally(campaign: "airline-summer", ballot: "nominations"))["shortlists"]
                as? [[String: Any]])?.first)
        #expect(cutoff["tie"] as? Bool == false)
        #expect((cutoff["options"] as? [String])?.last == "Riga")
        try engine.openNow(campaign: "airline-summer", ballot: "final", by: "ana")
        #expect(engine.state(campaign: "airline-summer", ballot: "nominations") == .published)
        let options = try #require(engine.options(campaign: "airline-summer", ballot: "final")).map(\.label)
        #expect(options.contains("Riga") && !options.contains("Tallinn") && options.count == 10)
        let published = try #require(harness.publishedJSON("airline-summer", "nominations"))
        #expect((published["shortlist"] as? [String])?.last == "Riga", "the published count has the late merge")
        #expect(throws: EngineError.self) {
            try engine.decideWriteIns(
                campaign: "airline-summer", ballot: "nominations", ids: ["tallinn"], action: "reject", into: nil)
        }
        harness.stop()
        let report = try Audit.run(database: harness.databasePath, campaign: "airline-summer")
        #expect(report.problems == 0, "\(report.lines)")
    }

    @Test func aMergeThatWouldMakeALoopIsRefused() throws {
        let harness = try nominations(["Oslo", "Bergen", "Trondheim", "Trondheim"])
        let engine = harness.engine
        try engine.decideWriteIns(
            campaign: "airline-summer", ballot: "nominations", ids: ["oslo"], action: "merge", into: "bergen")
        try engine.decideWriteIns(
            campaign: "airline-summer", ballot: "nominations", ids: ["bergen"], action: "merge", into: "trondheim")
        #expect(throws: EngineError.self, "trondheim's votes would go round to itself") {
            try engine.decideWriteIns(
                campaign: "airline-summer", ballot: "nominations", ids: ["trondheim"], action: "merge", into: "oslo")
        }
        let review = try engine.writeInReview(campaign: "airline-summer", ballot: "nominations")
        #expect(review.groups.first { $0.id == "trondheim" }?.total == 4, "every vote reaches Trondheim")
        #expect(
            try ranking(engine.operatorTally(campaign: "airline-summer", ballot: "nominations")).first == "Trondheim")
    }

    @Test func writeInsWaitingForApprovalCountOnlyOnceTakenIn() throws {
        let harness = try nominations(["Oslo", "Oslo", "Bergen", "Gothenburg", "Spam spam", "Rome"]) {
            $0.ballots[0].writeIns?.moderation = .before
        }
        let engine = harness.engine
        func counted() throws -> [String] {
            try ranking(engine.operatorTally(campaign: "airline-summer", ballot: "nominations"))
        }
        #expect(try counted() == ["Göteborg"], "only what the campaign's aliases take in counts before any decision")
        try engine.decideWriteIns(
            campaign: "airline-summer", ballot: "nominations", ids: ["oslo"], action: "approve", into: nil)
        try engine.decideWriteIns(
            campaign: "airline-summer", ballot: "nominations", ids: ["rome"], action: "merge", into: "oslo")
        try engine.decideWriteIns(
            campaign: "airline-summer", ballot: "nominations", ids: ["spam spam"], action: "reject", into: nil)
        let tally = try object(engine.operatorTally(campaign: "airline-summer", ballot: "nominations"))
        #expect(tally["ranking"] as? [String] == ["Oslo", "Göteborg"], "Bergen waits; spam is out")
        #expect(tally["votes"] as? Int == 4)
        harness.at("2027-01-18T12:00Z")
        try engine.tick()
        harness.stop()
        #expect(try Audit.run(database: harness.databasePath, campaign: "airline-summer").problems == 0)
    }

    /// A ballot of write-ins only has no options before its votes, and may still open early:
    /// "Open now" on the airline's nominations was refused as "would open with 0 options".
    @Test func aBallotOfWriteInsOpensEarlyWithNoOptions() throws {
        let harness = try EngineHarness(campaignFiles: ["airline-summer.json"], at: "2027-01-10T12:00Z")
        let engine = harness.engine
        try engine.tick()
        #expect(engine.state(campaign: "airline-summer", ballot: "nominations") == .scheduled)
        try engine.openNow(campaign: "airline-summer", ballot: "nominations", by: "ana")
        #expect(engine.state(campaign: "airline-summer", ballot: "nominations") == .open)
        _ = try engine.vote(
            campaign: "airline-summer", ballot: "nominations", voter: .token("v1"), vote: .writeIn("Oslo")
        ).get()
        #expect(try ranking(engine.operatorTally(campaign: "airline-summer", ballot: "nominations")) == ["Oslo"])
    }

    @Test func aFinalCannotOpenWithFewerThanTwoOptions() throws {
        let harness = try nominations(["Oslo", "oslo"])
        harness.at("2027-01-18T12:00Z")
        try harness.engine.tick()
        #expect(throws: EngineError.self) { try harness.engine.openNow(campaign: "airline-summer", ballot: "final") }
        #expect(harness.engine.state(campaign: "airline-summer", ballot: "nominations") == .tallied, "not published")
        #expect(harness.engine.state(campaign: "airline-summer", ballot: "final") == .scheduled)
    }

    @Test func aWithdrawnCandidateIsSkippedByEveryRankingAndPublishedAsWithdrawn() throws {
        let harness = try EngineHarness(campaignFiles: ["airline-summer.json"], at: "2027-01-12T12:00Z")
        harness.campaigns[0].ballots[1].optionsFrom = nil
        harness.campaigns[0].ballots[1].opens = nil
        harness.campaigns[0].ballots[1].options = ["a", "b", "c"].map {
            BallotOption(id: $0, label: LocalizedText($0.uppercased()))
        }
        let engine = harness.engine
        try engine.tick()
        // B is everyone's second choice; A leads on first choices. Without A, B wins outright.
        let rankings =
            Array(repeating: ["a", "b"], count: 4) + Array(repeating: ["c", "b"], count: 3)
            + Array(repeating: ["b", "a"], count: 2)
        for (voter, ranking) in rankings.enumerated() {
            _ = try engine.vote(
                campaign: "airline-summer", ballot: "final", voter: .token("v\(voter)"), vote: .choices(ranking)
            ).get()
        }
        try engine.withdraw(campaign: "airline-summer", ballot: "final", options: ["a"], by: "ana")
        // A retried withdrawal, or one naming the option twice, is done once and logged once.
        try engine.withdraw(campaign: "airline-summer", ballot: "final", options: ["a", "a"], by: "ana")
        let withdrawals = try engine.operatorLog(campaign: "airline-summer", ballot: "final").filter {
            $0.action == "withdraw"
        }
        #expect(withdrawals.map(\.detail) == ["A (a)"])
        #expect(throws: EngineError.self) {
            try engine.withdraw(campaign: "airline-summer", ballot: "final", options: ["zed"])
        }
        try engine.closeNow(campaign: "airline-summer", ballot: "final")
        let published = try #require(harness.publishedJSON("airline-summer", "final"))
        #expect(published["withdrawn"] as? [String] == ["A"])
        #expect(published["winners"] as? [String] == ["B"])
        let firstRound = try #require((published["rounds"] as? [[String: Any]])?.first?["votes"] as? [String: Any])
        #expect(firstRound["B"] as? Int == 6, "A's four voters count for their next choice, B: \(firstRound)")
        #expect(firstRound["A"] == nil)
        // The published page says so, and lists what was done to the ballot.
        let page = try #require(harness.published("airline-summer", "final", "en.html"))
        #expect(page.contains("Withdrawn before the count, and counted as if they had never stood: A."))
        #expect(page.contains("ana: withdraw · A (a)"), "the operator's action, by name")
        #expect(page.contains("operator: close · closed before its time"))
        harness.stop()
        #expect(try Audit.run(database: harness.databasePath, campaign: "airline-summer").problems == 0)
    }

    /// A reply answers the instant it stored, as every later reading shows it, however much time
    /// passes while it is stored (the clock here moves a millisecond at each reading).
    @Test func aReplyAnswersTheInstantItStored() throws {
        let harness = try EngineHarness(campaignFiles: ["idea-forum.json"], at: "2027-05-01T10:00Z")
        let store = try VoteStores.open(harness.databasePath, key: harness.key)
        defer { store.close() }
        let engine = try Engine(
            campaigns: harness.campaigns, store: store, clock: SteppingClock(harness.clock.now),
            publisher: Publisher(directory: harness.publishDirectory), key: harness.key, logLine: { _ in })
        try engine.tick()
        let reply = try engine.replyToIdea(campaign: "idea-forum", ballot: "ideas", id: "dark-mode", text: "In May.")
        let stored = try #require(
            try engine.ideas(campaign: "idea-forum", ballot: "ideas", all: true)?.first { $0.id == "dark-mode" })
        #expect(reply.repliedAt != nil)
        #expect(reply.repliedAt == stored.repliedAt)
    }

    @Test func forumIdeasDeclineMergeWithinTheBudgetAndTakeReplies() throws {
        let harness = try EngineHarness(campaignFiles: ["idea-forum.json"], at: "2027-05-01T10:00Z")
        let engine = harness.engine
        try engine.tick()
        _ = try engine.vote(
            campaign: "idea-forum", ballot: "ideas", voter: .token("m1"),
            vote: .points(["dark-mode": 6, "offline-lists": 4])
        ).get()
        _ = try engine.setIdeaStatus(campaign: "idea-forum", ballot: "ideas", id: "receipt-scan", status: .declined)
        #expect(
            engine.vote(
                campaign: "idea-forum", ballot: "ideas", voter: .token("m2"), vote: .points(["receipt-scan": 1])
            )
            .failureReason != nil, "a declined idea takes no more points")
        _ = try engine.mergeIdea(campaign: "idea-forum", ballot: "ideas", id: "offline-lists", into: "dark-mode")
        let reply = try engine.replyToIdea(
            campaign: "idea-forum", ballot: "ideas", id: "dark-mode", text: "Coming in May.", by: "ana")
        #expect(reply.reply == "Coming in May.")
        let ideas = try #require(try engine.ideas(campaign: "idea-forum", ballot: "ideas", all: false))
        #expect(ideas.first { $0.id == "offline-lists" }?.mergedInto == "dark-mode")
        #expect(ideas.first { $0.id == "receipt-scan" }?.status == .declined)
        #expect(ideas.first { $0.id == "dark-mode" }?.reply == "Coming in May.")
        let live = try object(engine.liveTally(campaign: "idea-forum", ballot: "ideas"))
        let votes = try #require((live["rounds"] as? [[String: Any]])?.first?["votes"] as? [String: Any])
        #expect(votes["Dark mode"] as? Int == 10, "the merged idea's points count for its target: \(votes)")
        #expect(votes.values.compactMap { $0 as? Int }.reduce(0, +) == 10, "within the voter's budget")
        #expect(throws: EngineError.self) {
            try engine.setIdeaStatus(campaign: "idea-forum", ballot: "ideas", id: "dark-mode", status: .pending)
        }
        // A merged idea stands no more: with no points of its own it would fill the top 5 by lot.
        let merged = "Shopping lists that work offline"
        #expect(votes[merged] == nil && (live["ranking"] as? [String])?.contains(merged) == false)
        #expect((live["shortlist"] as? [String])?.contains(merged) == false)
        try engine.closeNow(campaign: "idea-forum", ballot: "ideas")
        let counted = try object(try #require(try engine.tally(campaign: "idea-forum", ballot: "ideas")))
        #expect((counted["ranking"] as? [String])?.contains(merged) == false, "nor in the count from the votes")
        #expect((counted["ranking"] as? [String])?.first == "Dark mode")
    }

    @Test func mintedInvitesVoteOnceAreCountedAndRevokedUnusedOnly() throws {
        let harness = try EngineHarness(campaignFiles: ["candidate-hires.json"], at: "2027-03-02T12:00Z")
        let engine = harness.engine
        try engine.tick()
        let codes = try engine.mintInvites(campaign: "candidate-hires", count: 30, by: "ana")
        #expect(Set(codes).count == 30)
        // 26 Crockford letters: 130 bits; the alphabet has no I, L, O or U.
        #expect(codes.allSatisfy { $0.filter { $0 != "-" }.count == 26 })
        #expect(codes.allSatisfy { $0.allSatisfy { "0123456789ABCDEFGHJKMNPQRSTVWXYZ-".contains($0) } })
        for code in codes.prefix(20) {
            // Read aloud and typed back in lower case with spaces: still the code.
            let typed = code.lowercased().replacingOccurrences(of: "-", with: " ")
            _ = try engine.vote(
                campaign: "candidate-hires", ballot: "shortlist", voter: .invite(typed), vote: .choices(["amir-haddad"])
            ).get()
        }
        #expect(try engine.inviteCounts(campaign: "candidate-hires") == (30, 20, 0))
        let outcomes = try engine.revokeInvites(
            campaign: "candidate-hires", codes: [codes[0], codes[25], "NOT-A-CODE"], by: "ana")
        #expect(outcomes.map(\.outcome) == [.used, .revoked, .unknown])
        #expect(
            engine.vote(
                campaign: "candidate-hires", ballot: "shortlist", voter: .invite(codes[25]),
                vote: .choices(["amir-haddad"])
            ).failureReason != nil)
        #expect(try engine.inviteCounts(campaign: "candidate-hires") == (30, 20, 1))
        harness.restart()
        #expect(
            harness.engine.vote(
                campaign: "candidate-hires", ballot: "shortlist", voter: .invite(codes[25]),
                vote: .choices(["amir-haddad"])
            ).failureReason != nil, "revoked across a restart")
        #expect(
            (try? harness.engine.vote(
                campaign: "candidate-hires", ballot: "shortlist", voter: .invite(codes[26]),
                vote: .choices(["amir-haddad"])
            ).get()) != nil)
    }
}

extension Result {
    /// The refusal, or nil for a success.
    var failureReason: Failure? {
        if case .failure(let failure) = self { failure } else { nil }
    }
}

/// A clock that moves a millisecond each time it is read, as a real one does between readings.
final class SteppingClock: Clock, Sendable {
    // Locked, not Synchronization's Mutex, whose futex ThreadSanitizer does not see.
    private let readings: Locked<Date>

    init(_ start: Date) { readings = Locked(start) }

    var now: Date {
        readings.withLock { current in
            defer { current += 0.001 }
            return current
        }
    }
}
