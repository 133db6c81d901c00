import Foundation
import Testing
import VoxPopCampaigns
import VoxPopEngine
import VoxPopFoundation
import VoxPopStore
import VoxPopTestSupport

/// Exactly-once under the races a viral campaign brings: one voter on many connections at once,
/// votes in the last milliseconds before a close and right after it, and a reload mid-vote.
@Suite struct RaceTests {
    @Test func votesUpToTheCloseCountAndVotesFromItAreRefused() throws {
        let harness = try EngineHarness(campaignFiles: ["candidate-hires.json"], at: "2027-03-02T12:00Z")
        let close = EngineHarness.instant("2027-03-10T12:00Z")
        harness.campaigns[0].ballots[0].closes = .at(close)
        try harness.engine.tick()
        let engine = harness.engine
        let clock = harness.clock

        // The last millisecond is still open; the close instant itself is not.
        harness.clock.set(close.addingTimeInterval(-0.001))
        let last = engine.vote(
            campaign: "candidate-hires", ballot: "shortlist", voter: .token("last"), vote: .choices(["amir-haddad"]))
        #expect((try? last.get()) != nil)
        harness.clock.set(close)
        #expect(
            engine.vote(
                campaign: "candidate-hires", ballot: "shortlist", voter: .token("late"), vote: .choices(["amir-haddad"])
            )
                == .failure(.ballotNotOpen))
        harness.clock.set(close.addingTimeInterval(-0.001))

        // Voters race the scheduler with hundreds of votes in flight (queued for the writer, not yet
        // committed) when the close comes: whatever was accepted before it must be in the count.
        let accepted = Locked<Int>(1)
        let closed = Locked<Bool>(false)
        let wrongRefusals = Locked<[VoteRefusal]>([])
        let answered = DispatchGroup()
        concurrently(5) { racer in
            if racer == 0 {
                Thread.sleep(forTimeInterval: 0.05)
                clock.set(close)
                _ = try! engine.tick()
                return
            }
            let inFlight = DispatchSemaphore(value: 256)
            var index = 0
            while !closed.withLock({ $0 }) {
                inFlight.wait()
                answered.enter()
                engine.cast(
                    campaign: "candidate-hires", ballot: "shortlist", voter: .token("racer-\(racer)-\(index)"),
                    vote: .choices(["sofie-lunde"])
                ) { result in
                    switch result {
                    case .success: accepted.withLock { $0 += 1 }
                    case .failure(.ballotNotOpen): closed.withLock { $0 = true }
                    case .failure(let refusal): wrongRefusals.withLock { $0.append(refusal) }
                    }
                    inFlight.signal()
                    answered.leave()
                }
                index += 1
            }
        }
        answered.wait()
        #expect(wrongRefusals.withLock { $0 }.isEmpty)
        #expect(engine.state(campaign: "candidate-hires", ballot: "shortlist") == .tallied)
        let votes = accepted.withLock { $0 }
        #expect(votes > 1, "the racers voted before the close")
        let tally = try #require(try engine.tally(campaign: "candidate-hires", ballot: "shortlist"))
        #expect(tally.contains(#""votes":\#(votes)"#), "accepted \(votes): \(tally)")
        try expectAuditClean(harness, campaign: "candidate-hires")
    }

    /// The race above, made certain: a vote accepted before the close is still in the writer's
    /// queue when the close runs. The writer is held inside the answer to an earlier vote (with
    /// `synchronous=NORMAL` it answers on its own thread), so the close must wait for it.
    @Test func aVoteStillQueuedWhenTheCloseComesIsCounted() throws {
        let harness = try EngineHarness(campaignFiles: ["candidate-hires.json"], at: "2027-03-02T12:00Z")
        harness.synchronous = .normal
        let close = EngineHarness.instant("2027-03-10T12:00Z")
        harness.campaigns[0].ballots[0].closes = .at(close)
        let engine = harness.engine
        try engine.tick()
        harness.clock.set(close.addingTimeInterval(-0.001))

        let holding = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let answers = Locked<[String: Bool]>([:])
        let answered = DispatchGroup()
        for voter in ["first", "queued"] {
            answered.enter()
            engine.cast(
                campaign: "candidate-hires", ballot: "shortlist", voter: .token(voter), vote: .choices(["sofie-lunde"])
            ) { result in
                answers.withLock { $0[voter] = (try? result.get()) != nil }
                if voter == "first" {
                    holding.signal()
                    release.wait()
                }
                answered.leave()
            }
            if voter == "first" { holding.wait() }  // the writer is now held, after its first commit
        }

        harness.clock.set(close)
        let closing = DispatchGroup()
        DispatchQueue.global().async(group: closing) { _ = try? engine.tick() }
        #expect(closing.wait(timeout: .now() + 0.3) == .timedOut, "the close waits for the queued vote")
        release.signal()
        closing.wait()
        answered.wait()

        #expect(answers.withLock { $0 } == ["first": true, "queued": true])
        #expect(engine.state(campaign: "candidate-hires", ballot: "shortlist") == .tallied)
        let tally = try #require(try engine.tally(campaign: "candidate-hires", ballot: "shortlist"))
        #expect(tally.contains(#""votes":2"#), "\(tally)")
        try expectAuditClean(harness, campaign: "candidate-hires")
    }

    @Test func aReloadInTheMiddleOfVotingLosesNoVote() throws {
        let harness = try EngineHarness(campaignFiles: ["quick-poll.json"], at: "2027-05-01T10:00Z")
        try harness.engine.tick()
        let engine = harness.engine
        var changedTitle = harness.campaigns[0]
        changedTitle.title = LocalizedText("Which colour next, again?")
        var changedOptions = harness.campaigns[0]
        changedOptions.ballots[0].options.removeLast()
        let (retitled, refused) = (changedTitle, changedOptions)

        let accepted = Locked<Int>(0)
        let failures = Locked<[String]>([])
        let voting = Locked<Bool>(true)
        concurrently(5) { racer in
            if racer == 0 {
                for round in 0..<60 {
                    do {
                        let refusals = try engine.reload([round % 2 == 0 ? retitled : refused])
                        if (round % 2 == 0) != refusals.isEmpty {
                            failures.withLock { $0.append("round \(round): \(refusals)") }
                        }
                    } catch {
                        failures.withLock { $0.append("round \(round): \(error)") }
                    }
                    Thread.sleep(forTimeInterval: 0.002)
                }
                voting.withLock { $0 = false }
                return
            }
            var index = 0
            while voting.withLock({ $0 }) {
                let result = engine.vote(
                    campaign: "quick-poll", ballot: "colour", voter: .token("racer-\(racer)-\(index)"),
                    vote: .choices(["yellow"]))
                if case .failure(let refusal) = result {
                    failures.withLock { $0.append("vote refused: \(refusal)") }
                } else {
                    accepted.withLock { $0 += 1 }
                }
                index += 1
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        try engine.closeNow(campaign: "quick-poll", ballot: "colour")
        let votes = accepted.withLock { $0 }
        #expect(votes > 0)
        let tally = try #require(try engine.tally(campaign: "quick-poll", ballot: "colour"))
        #expect(tally.contains(#""votes":\#(votes)"#), "accepted \(votes): \(tally)")
        #expect(harness.publishedJSON("quick-poll", "colour")?["votes"] as? Int == votes)
        try expectAuditClean(harness, campaign: "quick-poll")
    }

    /// `voxpop audit`'s check on the harness's database: chains verified, tallies recounted.
    private func expectAuditClean(_ harness: EngineHarness, campaign: String) throws {
        harness.stop()
        let store = try VoteStores.open(harness.databasePath, key: nil)
        defer { store.close() }
        let report = try Audit.run(store: store, campaign: campaign)
        #expect(report.problems == 0, "\(report.lines)")
    }
}
