import Foundation
import Testing
import VoxPopCampaigns

/// Media named by path live in the media folder beside the campaign files: `voxpop check` finds a
/// missing one at its position, and refuses paths that would leave the folder.
@Suite struct MediaTests {
    @Test func aMissingMediaFileIsReportedWhereItIsNamed() {
        let directory = Fixtures.directory.appendingPathComponent("media-campaign").path
        let loaded = CampaignLoader.load(paths: [directory])
        #expect(
            loaded.problems.map(\.description) == [
                "\(directory)/poll.json:12:75: $.ballots[0].options[1].media.url: no file pictures/blue.svg in the media folder \(directory)/media"
            ])
    }

    @Test func pathsStayInsideTheMediaFolder() {
        for good in ["a.png", "toys-2027/drawing-001.svg", "A_b/c-d/e.f.webm"] {
            #expect(MediaPath(good) != nil, "\(good)")
        }
        for bad in [
            "", "../a.png", "a/../../b.png", "/etc/passwd", "a//b.png", ".hidden.png", "a/.git/config", "a\\b.png",
            "a b.png", "a%2e%2e/b", "ä.png", "a/", String(repeating: "a/", count: 9) + "b",
        ] {
            #expect(MediaPath(bad) == nil, "\(bad)")
        }
    }

    @Test func theExamplesNameOnlyFilesTheyShip() {
        let loaded = CampaignLoader.load(paths: [Fixtures.campaigns.path])
        #expect(loaded.problems.isEmpty, "\(loaded.problems)")
        let media = loaded.campaigns.flatMap { $0.campaign.ballots.flatMap { $0.options.compactMap(\.media) } }
        #expect(media.count == 106)
        #expect(media.filter { $0.kind == .video }.allSatisfy { $0.poster != nil && $0.captions.count == 2 })
    }
}
