import Foundation
import VoxPopCampaigns

/// A campaign's ballots and when they open and close, in the campaign's time zone, for a terminal.
enum ScheduleListing {
    static func lines(for campaign: Campaign, file: String) -> [String] {
        let zone = TimeZone(identifier: campaign.timeZone) ?? .gmt
        var lines = ["\(campaign.id) (\(file)): \(campaign.title.text()) — audience: \(campaign.audience.identityName)"]
        for ballot in campaign.ballots {
            let opens = describe(ballot.opens, zone: zone) ?? "when loaded"
            let closes = describe(ballot.closes, zone: zone) ?? "never (stays open)"
            lines.append("  \(ballot.id) [\(ballot.method.rawValue)] opens \(opens), closes \(closes)")
        }
        return lines
    }

    private static func describe(_ time: ScheduleTime?, zone: TimeZone) -> String? {
        switch time {
        case nil: return nil
        case .after(let other): return "when \(other) closes"
        case .at(let date):
            var style = Date.ISO8601FormatStyle(timeZone: zone)
            style = style.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .colon)
            return date.formatted(style) + " " + zone.identifier
        }
    }
}
