import Foundation
import VoxPopCampaigns
import VoxPopCounting

/// A ballot's rules and options as they stood when it opened, stored with it.
///
/// An open ballot runs on these, whatever later happens to its campaign file: a reload that
/// would change them is refused (`Engine.reload`). The options of a ballot fed by another
/// (`optionsFrom`) are known only here, taken from the source ballot's tally when it opened.
public struct FrozenBallot: Codable, Sendable, Equatable {
    public struct Option: Codable, Sendable, Equatable {
        public var id: String
        public var label: String
    }

    public struct Alias: Codable, Sendable, Equatable {
        public var from: String
        public var to: String
    }

    public var method: String
    public var seats: Int
    public var maxChoices: Int?
    public var budget: Int?
    public var maxScore: Int?
    public var shortlist: Int?
    public var revote: String
    public var results: String
    /// The longest write-in, when write-ins are allowed.
    public var writeInMaxLength: Int?
    /// The campaign's write-in aliases (`from` spelling counted as `to`), fixed at opening too.
    public var writeInAliases: [Alias]?
    /// `writeIns.moderation: "before"` on a ballot of choices: a write-in counts only once an
    /// operator approved it (or merged it, or the campaign's aliases name it). Nil for "after".
    public var writeInsAwaitApproval: Bool?
    public var options: [Option]
    public var seed: String

    public var countingMethod: CountingMethod { CountingMethod(rawValue: method)! }

    init(ballot: Ballot, campaign: Campaign, options: [Option]) {
        method = ballot.method.rawValue
        seats = ballot.seats
        maxChoices = ballot.maxChoices
        budget = ballot.budget
        maxScore = ballot.method == .score ? (ballot.maxScore ?? 5) : nil
        shortlist = ballot.shortlist
        revote = ballot.revote.rawValue
        results = ballot.results.rawValue
        writeInMaxLength = ballot.writeIns?.maxLength
        let aliases = ballot.writeIns?.aliases ?? []
        writeInAliases = aliases.isEmpty ? nil : aliases.map { Alias(from: $0.from, to: $0.to) }
        // On a points ballot "before" holds back suggested ideas instead (`Idea`).
        writeInsAwaitApproval =
            ballot.writeIns?.moderation == .before && !ballot.method.ballotShape.takesValues ? true : nil
        self.options = options
        seed = campaign.tieBreakSeed
    }

    /// The fixed options of a ballot, with labels in the campaign's first language.
    static func options(of ballot: Ballot) -> [Option] {
        ballot.options.map { Option(id: $0.id, label: $0.label.text()) }
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }

    static func decode(_ json: String) -> FrozenBallot? {
        try? JSONDecoder().decode(FrozenBallot.self, from: Data(json.utf8))
    }

    /// What changed between these rules and `other`, in words, ignoring the options when only
    /// `other` has none (a fed ballot's campaign file lists no options).
    func differences(from other: FrozenBallot) -> [String] {
        var changed: [String] = []
        if method != other.method { changed.append("method \(other.method) → \(method)") }
        if options != other.options && !options.isEmpty { changed.append("options") }
        if seats != other.seats { changed.append("seats") }
        if maxChoices != other.maxChoices { changed.append("maxChoices") }
        if budget != other.budget { changed.append("budget") }
        if maxScore != other.maxScore { changed.append("maxScore") }
        if shortlist != other.shortlist { changed.append("shortlist") }
        if revote != other.revote { changed.append("revote") }
        if results != other.results { changed.append("results") }
        if writeInMaxLength != other.writeInMaxLength || writeInAliases != other.writeInAliases
            || writeInsAwaitApproval != other.writeInsAwaitApproval
        {
            changed.append("writeIns")
        }
        if seed != other.seed { changed.append("tieBreakSeed") }
        return changed
    }
}

extension FrozenBallot {
    /// `Ballot.takesIdeas`, for the rules frozen at opening.
    var takesIdeas: Bool { writeInMaxLength != nil && countingMethod.ballotShape.takesValues }
}
