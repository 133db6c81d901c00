import Foundation
import Testing
import VoxPopCampaigns
import VoxPopEngine
import VoxPopFoundation
import VoxPopTestSupport

/// Suggestions, votes and reloads from many threads at once. ThreadSanitizer runs this suite
/// (tools/sanitizers.sh): a reload once replaced the campaigns while a suggestion read them and
/// checked the close without the lock.
@Suite struct ReloadRaceTests {
    @Test func suggestionsAndVotesBesideReloadsKeepEveryIdeaAndVote() throws {
        let harness = try EngineHarness(campaignFiles: ["idea-forum.json", "quick-poll.json"], at: "2027-05-01T10:00Z")
        harness.campaigns[0].ballots[0].writeIns?.moderation = .after
        let engine = harness.engine
        try engine.tick()
        var renamed = harness.campaigns
        renamed[0].title = LocalizedText("Ideas, renamed")
        let versions = [harness.campaigns, renamed]
        let refusals = Locked<[String]>([])
        let accepted = Locked(0)
        concurrently(6) { worker in
            for round in 0..<20 {
                switch worker {
                case 0:
                    let refused = (try? engine.reload(versions[round % 2])) ?? ["the reload threw"]
                    refusals.withLock { $0 += refused }
                case 1, 2:
                    _ = engine.suggest(
                        campaign: "idea-forum", ballot: "ideas", voter: .token("s\(worker)-\(round / 5)"),
                        text: "Idea \(worker) \(round)")
                default:
                    let outcome = engine.vote(
                        campaign: "quick-poll", ballot: "colour", voter: .open("v\(worker)-\(round)"),
                        vote: .choices(["red"]))
                    if (try? outcome.get()) != nil { accepted.withLock { $0 += 1 } }
                }
            }
        }
        #expect(refusals.withLock { $0 }.isEmpty, "a title change is no change to a running ballot")
        let ideas = try #require(try engine.ideas(campaign: "idea-forum", ballot: "ideas", all: true))
        #expect(ideas.filter { $0.suggestedAt != nil }.count == 40, "every suggestion was stored once")
        let options = try #require(engine.options(campaign: "idea-forum", ballot: "ideas")).map(\.id)
        #expect(options.count == 5 + 40)
        #expect(Set(options).count == options.count, "no idea listed twice")
        #expect(accepted.withLock { $0 } == 60)
        #expect(try engine.voteCount(campaign: "quick-poll", ballot: "colour") == 60)
    }
}
