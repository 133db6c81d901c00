import Foundation
import Testing
import VoxPopCampaigns
import VoxPopEngine
import VoxPopTestSupport

/// Publishing writes the results page once per language beside the JSON and CSV, whose names
/// and members stay as outside scripts know them.
@Suite struct PublishedResultsTests {
    @Test func aBallotThatFeedsAFinalSaysWhoGoesOnInEveryLanguagesFile() throws {
        let harness = try EngineHarness(campaignFiles: ["airline-summer.json"], at: "2027-01-12T12:00Z")
        harness.campaigns[0].ballots[0].shortlist = nil  // only the final's optionsFrom (top 10) says who goes on
        let engine = harness.engine
        try engine.tick()
        for (voter, place) in ["Oslo", "Rome", "Oslo", "Paris", "Nice", "Rome", "Oslo"].enumerated() {
            let vote = engine.vote(
                campaign: "airline-summer", ballot: "nominations", voter: .token("fan-\(voter)"), vote: .writeIn(place))
            #expect((try? vote.get()) != nil)
        }
        harness.at("2027-01-18T08:00Z")  // 09:00 in Stockholm: the nominations close and are counted
        try engine.tick()
        try engine.openNow(campaign: "airline-summer", ballot: "final")  // which publishes them

        let swedish = try #require(harness.published("airline-summer", "nominations", "html"))
        #expect(swedish.contains(#"<html lang="sv""#), "the campaign's first language")
        #expect(swedish.contains(#"<h2>Går vidare till finalen</h2><ol class="w"><li>Oslo</li><li>Rome</li>"#))
        #expect(swedish.contains(#"<a href="nominations.en.html" hreflang="en" lang="en">English</a>"#))
        let english = try #require(harness.published("airline-summer", "nominations", "en.html"))
        #expect(english.contains(#"<html lang="en""#) && english.contains("<h2>Going on to the final</h2>"))
        #expect(english.contains("7 people have voted."))
        #expect(harness.published("airline-summer", "nominations", "nb.html")?.contains("Går videre") == true)
        #expect(harness.published("airline-summer", "nominations", "da.html")?.contains("Går videre") == true)
        #expect(harness.published("airline-summer", "nominations", "sv.html") == nil, "Swedish is BALLOT.html")
        #expect(
            try engine.resultsHTML(campaign: "airline-summer", ballot: "nominations", language: .da)?
                .contains(#"<a href="?lang=sv" hreflang="sv" lang="sv">Svenska</a>"#) == true)

        let json = try #require(harness.publishedJSON("airline-summer", "nominations"))
        #expect(
            Set(json.keys) == [
                "campaign", "ballot", "votes", "auditDigest", "method", "seats", "winners", "ranking", "ballots",
                "tieBreak", "rounds",
            ])
        #expect(json["winners"] as? [String] == ["Oslo"] && json["votes"] as? Int == 7)
        // The nominations' top ten go on to the final: the spreadsheet says which, not only the first.
        let csv = try #require(harness.published("airline-summer", "nominations", "csv"))
        #expect(csv.hasPrefix("rank,option,elected,shortlisted,round 1"))
        let rows = csv.split(separator: "\r\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        #expect(!rows.isEmpty)
        for row in rows { #expect(row[3] == (Int(row[0])! <= 10 ? "yes" : "no"), "\(row)") }
        #expect(rows.filter { $0[2] == "yes" }.count == 1, "elected stays the winner")
    }
}
