import Foundation
import Testing
import VoxPopCounting

@testable import VoxPopCampaigns

/// Campaigns/campaign.schema.json gives editors completion and red squiggles; it must name exactly
/// the keys and words that `voxpop check` accepts, or marketers get squiggles for valid files.
@Suite struct SchemaTests {
    let schema: [String: Any]

    init() throws {
        let data = try Data(contentsOf: Fixtures.campaigns.appendingPathComponent("campaign.schema.json"))
        schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func properties(_ path: String...) -> Set<String> {
        var node: Any? = schema
        for key in path { node = (node as? [String: Any])?[key] }
        return Set(((node as? [String: Any])?["properties"] as? [String: Any])?.keys.map { $0 } ?? [])
    }

    func definition(_ name: String) -> [String: Any] {
        ((schema["$defs"] as? [String: Any])?[name] as? [String: Any]) ?? [:]
    }

    @Test func keysMatchTheDecoder() {
        #expect(properties() == Set(CampaignDecoder.campaignKeys))
        #expect(properties("$defs", "audience") == Set(CampaignDecoder.audienceKeys))
        #expect(properties("$defs", "ballot") == Set(CampaignDecoder.ballotKeys))
        #expect(properties("$defs", "option") == Set(CampaignDecoder.optionKeys))
        #expect(properties("$defs", "option", "properties", "media") == Set(CampaignDecoder.mediaKeys))
        #expect(properties("$defs", "ballot", "properties", "optionsFrom") == Set(CampaignDecoder.optionsFromKeys))
        #expect(properties("$defs", "ballot", "properties", "writeIns") == Set(CampaignDecoder.writeInKeys))
    }

    @Test func wordsMatchTheModel() {
        let ballot = definition("ballot")["properties"] as? [String: Any] ?? [:]
        func words(_ key: String) -> [String] { (ballot[key] as? [String: Any])?["enum"] as? [String] ?? [] }
        #expect(words("method") == CountingMethod.allCases.map(\.rawValue))
        #expect(words("revote") == RevotePolicy.allCases.map(\.rawValue))
        #expect(words("results") == ResultsVisibility.allCases.map(\.rawValue))
        let audience = definition("audience")["properties"] as? [String: Any] ?? [:]
        #expect((audience["identity"] as? [String: Any])?["enum"] as? [String] == ["token", "invite", "open"])
    }
}
