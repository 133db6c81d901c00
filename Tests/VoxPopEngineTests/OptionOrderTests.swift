import Testing
import VoxPopEngine
import VoxPopTestSupport

/// Each voter sees a ballot's options in an order of their own, the same on every visit.
@Suite struct OptionOrderTests {
    @Test func votersGetOrdersOfTheirOwnThatStay() throws {
        let harness = try EngineHarness(campaignFiles: ["quick-poll.json"], at: "2027-05-01T10:00Z")
        let engine = harness.engine
        let ids = (1...8).map { "option-\($0)" }
        let ann = engine.shuffled(ids, campaign: "quick-poll", ballot: "colour", seed: Voter.open("ann").orderSeed)
        #expect(Set(ann) == Set(ids))
        #expect(
            engine.shuffled(ids, campaign: "quick-poll", ballot: "colour", seed: Voter.open("ann").orderSeed) == ann)
        let orders = Set(
            (0..<20).map { engine.shuffled(ids, campaign: "quick-poll", ballot: "colour", seed: "voter \($0)") })
        #expect(orders.count == 20, "twenty voters, twenty orders of eight options")
        let firsts = Set(
            (0..<40).map { engine.shuffled(ids, campaign: "quick-poll", ballot: "colour", seed: "v\($0)")[0] })
        #expect(firsts.count >= 6, "no option is always first: \(firsts)")
        #expect(engine.shuffled(ids, campaign: "quick-poll", ballot: "other", seed: "ann") != ann, "per ballot")
    }
}
