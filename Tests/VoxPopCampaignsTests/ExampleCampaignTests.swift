import Foundation
import Testing
import VoxPopCampaigns
import VoxPopCounting

/// The campaigns shipped in Campaigns/ are the ones VoxPop is built to serve (README).
@Suite struct ExampleCampaignTests {
    let campaigns: [String: Campaign]

    init() throws {
        let loaded = CampaignLoader.load(paths: [Fixtures.campaigns.path])
        #expect(loaded.problems.isEmpty, "\(loaded.problems.map(\.description))")
        campaigns = Dictionary(uniqueKeysWithValues: loaded.campaigns.map { ($0.campaign.id, $0.campaign) })
    }

    @Test func allExamplesLoad() {
        #expect(
            campaigns.keys.sorted() == [
                "airline-summer", "candidate-hires", "drawings-to-toys", "idea-forum", "product-name", "quick-poll",
            ])
    }

    @Test func airlineNominationsFeedARankedFinal() throws {
        let campaign = try #require(campaigns["airline-summer"])
        #expect(campaign.audience == .token(secretEnv: "AIRLINE_VOTER_SECRET"))
        let nominations = try #require(campaign.ballot("nominations"))
        #expect(nominations.writeIns != nil && nominations.options.isEmpty)
        let final = try #require(campaign.ballot("final"))
        #expect(final.optionsFrom == OptionsSource(ballot: "nominations", top: 10, confirm: true))
        #expect(final.opens == .after(ballot: "nominations"))
        #expect(final.method.ballotShape == .ranking)
        // 09:00 in Stockholm in January is 08:00 UTC.
        #expect(nominations.opens == .at(Date(timeIntervalSince1970: 1_799_654_400)))
        #expect(nominations.closes == .at(Date(timeIntervalSince1970: 1_799_654_400 + 7 * 86_400)))
        #expect(campaign.title.text(preferring: ["en"]) == "You decide where the summer plane flies")
    }

    @Test func productNameIsAnApprovalVoteOverFourToEightNames() throws {
        let ballot = try #require(campaigns["product-name"]?.ballots.first)
        #expect([.plurality, .approval].contains(ballot.method))
        #expect((4...8).contains(ballot.options.count))
    }

    @Test func candidateHiresAreInvitedVotersWithAManualShortlistOfThree() throws {
        let campaign = try #require(campaigns["candidate-hires"])
        #expect(campaign.audience == .invite)
        let ballot = try #require(campaign.ballots.first)
        #expect(ballot.shortlist == 3)
        #expect(ballot.results == .manual)
        #expect(ballot.options.allSatisfy { $0.media?.kind == .video })
        if case .at(let opens) = ballot.opens, case .at(let closes) = ballot.closes {
            #expect(closes.timeIntervalSince(opens) == 14 * 86_400)
        } else {
            Issue.record("the hires ballot runs between two fixed instants")
        }
    }

    @Test func drawingsElectTenOfAboutAHundredWithPictures() throws {
        let ballot = try #require(campaigns["drawings-to-toys"]?.ballots.first)
        #expect(ballot.method == .stv)
        #expect(ballot.seats == 10)
        #expect(ballot.options.count == 100)
        #expect(ballot.options.allSatisfy { $0.media?.kind == .image && $0.media?.alt != nil })
        #expect(campaigns["drawings-to-toys"]?.tieBreakSeed == "toys-2027, set 2027-03-01")
    }

    @Test func ideaForumIsAlwaysOpenWithABudgetAndModeratedWriteIns() throws {
        let ballot = try #require(campaigns["idea-forum"]?.ballots.first)
        #expect(ballot.method == .cumulative)
        #expect(ballot.budget == 10)
        #expect(ballot.closes == nil)
        #expect(ballot.writeIns?.moderation == .before)
        #expect(ballot.results == .live)
    }

    @Test func quickPollIsOpenToAnyoneAtOnce() throws {
        let campaign = try #require(campaigns["quick-poll"])
        #expect(campaign.audience == .open)
        #expect(campaign.tieBreakSeed == "quick-poll", "the seed defaults to the campaign id")
        let ballot = try #require(campaign.ballots.first)
        #expect(ballot.opens == nil && ballot.closes == nil)
    }
}
