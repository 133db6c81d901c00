import Foundation
import Testing
import VoxPopCampaigns
import VoxPopEngine
import VoxPopTestSupport

/// A voter cannot flood a ballot, and invite codes are long, and forgiving of how they are typed.
@Suite struct FloodAndInviteTests {
    @Test func aVoterMaySendTwentyVotesInTenSecondsAndOthersAreNotHeldUp() throws {
        let harness = try EngineHarness(campaignFiles: ["quick-poll.json"], at: "2027-05-01T10:00:00Z")
        let engine = harness.engine
        try engine.tick()
        func vote(_ voter: String) -> Result<String, VoteRefusal> {
            engine.vote(campaign: "quick-poll", ballot: "colour", voter: .open(voter), vote: .choices(["red"]))
        }
        for _ in 0..<Engine.floodLimit.votes { #expect((try? vote("eager").get()) != nil) }
        #expect(vote("eager") == .failure(.tooManyVotes))
        #expect((try? vote("calm").get()) != nil, "another voter votes on")
        harness.at("2027-05-01T10:00:25Z")
        #expect((try? vote("eager").get()) != nil, "after the window the voter may change their mind again")
        #expect(try engine.voteCount(campaign: "quick-poll", ballot: "colour") == 2)
        #expect(try engine.transitions().count == 1)
    }

    @Test func shortCodesAreRefusedAndCodesMatchWhateverTheirCaseOrSpacing() throws {
        let harness = try EngineHarness(campaignFiles: ["candidate-hires.json"], at: "2027-03-02T12:00Z")
        let engine = harness.engine
        try engine.tick()
        #expect(throws: EngineError.self) {
            try engine.addInvites(campaign: "candidate-hires", codes: ["Q4ZT-8MNP-2XV7-HJK3", "K7-QX"])
        }
        #expect(try engine.addInvites(campaign: "candidate-hires", codes: ["Q4ZT-8MNP-2XV7-HJK3"]) == 1)
        #expect(
            try engine.addInvites(campaign: "candidate-hires", codes: ["q4zt8mnp2xv7hjk3"]) == 0,
            "the same code typed otherwise is not a new one")
        let typed = " q4zt 8mnp 2xv7 hjk3 "
        #expect(
            (try? engine.vote(
                campaign: "candidate-hires", ballot: "shortlist", voter: .invite(typed), vote: .choices(["amir-haddad"])
            ).get()) != nil)
        if case .failure(.alreadyVoted) = engine.vote(
            campaign: "candidate-hires", ballot: "shortlist", voter: .invite("Q4ZT-8MNP-2XV7-HJK3"),
            vote: .choices(["sofie-lunde"]))
        {
        } else {
            Issue.record("the code in its first spelling is the same voter")
        }
        #expect(
            engine.vote(
                campaign: "candidate-hires", ballot: "shortlist", voter: .invite("Q4ZT-8MNP-2XV7-HJK4"),
                vote: .choices(["amir-haddad"])) == .failure(.notInvited))
        // Crockford's look-alikes: O is 0, I and L are 1.
        #expect(try engine.addInvites(campaign: "candidate-hires", codes: ["0011-2233-4455-6677"]) == 1)
        #expect(
            (try? engine.vote(
                campaign: "candidate-hires", ballot: "shortlist", voter: .invite("OOIL-2233-4455-6677"),
                vote: .choices(["amir-haddad"])
            ).get()) != nil)
    }

    @Test func aFinalFedByASealedBallotWaitsForItsPublication() throws {
        let harness = try EngineHarness(campaignFiles: ["airline-summer.json"], at: "2027-01-12T12:00Z")
        harness.campaigns[0].ballots[0].results = .manual
        harness.campaigns[0].ballots[1].optionsFrom?.confirm = false  // opens on its own once published
        let engine = harness.engine
        try engine.tick()
        for (voter, place) in ["Rome", "Oslo", "Oslo", "Paris", "Paris", "Paris"].enumerated() {
            _ = engine.vote(
                campaign: "airline-summer", ballot: "nominations", voter: .token("fan-\(voter)"), vote: .writeIn(place))
        }
        harness.at("2027-01-18T12:00Z")
        #expect(
            try engine.tick() == ["airline-summer/nominations: closed", "airline-summer/nominations: tallied"])
        #expect(engine.state(campaign: "airline-summer", ballot: "final") == .scheduled)
        #expect(engine.options(campaign: "airline-summer", ballot: "final")?.isEmpty == true, "nothing is shown yet")
        try engine.publish(campaign: "airline-summer", ballot: "nominations")
        #expect(try engine.tick() == ["airline-summer/final: opened"])
        #expect(engine.options(campaign: "airline-summer", ballot: "final")?.map(\.label) == ["Oslo", "Paris", "Rome"])
    }
}
