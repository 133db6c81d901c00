import Foundation
import Testing
import VoxPopCampaigns

/// Each file in Fixtures/broken is a mistake a marketer could make; the `.expected` file beside it
/// holds the exact lines `voxpop check` must print for it, in order.
@Suite struct BrokenCampaignTests {
    @Test func theCorpusCoversEnoughMistakes() {
        #expect(Fixtures.brokenNames.count >= 30)
    }

    @Test(arguments: Fixtures.brokenNames)
    func reportsExactlyTheExpectedProblems(name: String) throws {
        let file = "\(name).json"
        let bytes = try Array(Data(contentsOf: Fixtures.broken.appendingPathComponent(file)))
        let expected = try String(
            contentsOf: Fixtures.broken.appendingPathComponent("\(name).expected"), encoding: .utf8
        )
        .split(separator: "\n").map(String.init)

        let (campaign, problems) = CampaignLoader.decode(bytes, file: file)

        #expect(campaign == nil, "a file with problems yields no campaign")
        #expect(!expected.isEmpty)
        #expect(problems.map(\.description) == expected)
    }

    @Test func aFileWithSeveralProblemsReportsAllOfThem() throws {
        let bytes = try Array(Data(contentsOf: Fixtures.broken.appendingPathComponent("many-problems.json")))
        let problems = CampaignLoader.decode(bytes, file: "many-problems.json").problems
        #expect(
            problems.map(\.path) == [
                "$.ballots[0].writeIns.maxLength", "$.ballots[0].clozes", "$.ballots[1].method", "$.ballots[1].revote",
                "$.ballots[1].results",
            ])
        #expect(problems == problems.sorted(), "problems come in file order")
    }

    @Test func campaignIDsMustBeUniqueAcrossADirectory() {
        let directory = Fixtures.directory.appendingPathComponent("duplicate-campaign-ids").path
        let loaded = CampaignLoader.load(paths: [directory])

        #expect(loaded.fileCount == 2, "the *.schema.json file is not a campaign")
        #expect(loaded.campaigns.map(\.campaign.id) == ["quick-poll"])
        #expect(
            loaded.problems.map(\.description) == [
                "\(directory)/b-second.json:3:9: $.id: campaign id \"quick-poll\" is also used by \(directory)/a-first.json:3:9; each campaign needs its own id"
            ])
    }

    @Test func aMissingPathIsAProblemNotACrash() {
        let loaded = CampaignLoader.load(paths: ["/nonexistent/campaigns"])
        #expect(loaded.problems.map(\.description) == ["/nonexistent/campaigns:1:1: $: no such file or directory"])
    }
}
