import Foundation
import VoxPopCampaigns
import VoxPopCounting
import VoxPopFoundation

extension Engine {
    /// The count an operator reviews: for an open ballot the count now (`"preliminary": true`,
    /// with `countedAt`), else the stored tally once counted. When the ballot feeds another
    /// (`optionsFrom`), `shortlists` says where the cut-off falls and flags a tie at it before a
    /// lot decides it: `{"ballot", "top", "options", "tie", "tied"}`. Nil before it opens.
    public func operatorTally(campaign: String, ballot: String) throws -> String? {
        let reference = Reference(campaign: campaign, ballot: ballot)
        let runtime = try known(reference)
        guard runtime.state >= .open else { return nil }
        let count = try countNow(reference, runtime)
        var extra: [(key: String, json: String)] = []
        if runtime.state == .open { extra = [("preliminary", "true"), ("countedAt", JSONText.instant(clock.now)!)] }
        let fed = (self.campaign(campaign)?.ballots ?? []).compactMap { candidate -> (String, Int)? in
            guard let source = candidate.optionsFrom, source.ballot == ballot else { return nil }
            return (candidate.id, source.top)
        }
        if !fed.isEmpty {
            extra.append(("shortlists", JSONText.array(fed.map { Self.cutoff(count, for: $0.0, top: $0.1) })))
        }
        let stored = runtime.state >= .tallied ? try store.tally(runtime.id) : nil
        let json = try stored ?? publicationJSON(reference, count: count)
        return extra.isEmpty ? json : JSONText.merging(extra, into: json)
    }

    /// Where a fed ballot's top `top` cut a count, and whether a tie at the cut-off was decided
    /// by lot (a lot group with members on both sides).
    static func cutoff(_ count: BallotCount, for fed: String, top: Int) -> String {
        let tally = count.tally
        let inside = Set(tally.ranking.prefix(top))
        let tied =
            tally.lots.first { group in
                group.contains(where: inside.contains) && group.contains { !inside.contains($0) }
            } ?? []
        let names: ([Int]) -> String = { JSONText.array($0.map { JSONText.string(tally.candidates[$0]) }) }
        return JSONText.object([
            ("ballot", JSONText.string(fed)), ("top", "\(top)"),
            ("options", names(Array(tally.ranking.prefix(top)))),
            ("tie", tied.isEmpty ? "false" : "true"), ("tied", names(tied)),
        ])
    }
}
