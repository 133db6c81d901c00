import Foundation
import VoxPopFoundation

/// A count as the console reads it from `Engine.operatorTally`'s JSON (the published tally's
/// shape, docs/api.md): the figures kept as the text they are printed as, so STV's five decimals
/// show exactly as published.
struct ConsoleTally {
    struct Round {
        var number: Int
        /// `count`, `first-preferences`, `exclusion`, `surplus`, `iteration`.
        var action: String
        var candidate: String?
        var votes: [String: String]
        var transfers: [String: String]?
        var nonTransferable: String?
        var elected: [String]
        var excluded: [String]
    }

    /// Where a fed ballot's top `top` cut this count, and a tie at the cut-off.
    struct Shortlist {
        var ballot: String
        var top: Int
        var options: [String]
        var tie: Bool
        var tied: [String]
    }

    var method = ""
    var seats = 1
    var votes = 0
    var winners: [String] = []
    var ranking: [String] = []
    var shortlist: [String]?
    var quota: String?
    var seed = ""
    var decidedByLot: [[String]] = []
    var rounds: [Round] = []
    var withdrawn: [String] = []
    var preliminary = false
    var countedAt: String?
    var shortlists: [Shortlist] = []

    init(json: String) throws {
        let root = try JSONReader.parse(Array(json.utf8))
        let top = Self.members(root)
        method = Self.string(top["method"]) ?? ""
        seats = Self.integer(top["seats"]) ?? 1
        votes = Self.integer(top["votes"]) ?? Self.integer(top["ballots"]) ?? 0
        winners = Self.strings(top["winners"])
        ranking = Self.strings(top["ranking"])
        shortlist = top["shortlist"].map { Self.strings($0) }
        quota = top["quota"].flatMap(Self.figure)
        let tieBreak = top["tieBreak"].map(Self.members) ?? [:]
        seed = Self.string(tieBreak["seed"]) ?? ""
        decidedByLot = Self.array(tieBreak["decidedByLot"]).map(Self.strings)
        withdrawn = Self.strings(top["withdrawn"])
        if case .bool(let flag)? = top["preliminary"]?.value { preliminary = flag }
        countedAt = Self.string(top["countedAt"])
        rounds = Self.array(top["rounds"]).enumerated().map { index, node in
            let round = Self.members(node)
            return Round(
                number: Self.integer(round["round"]) ?? index + 1, action: Self.string(round["action"]) ?? "",
                candidate: Self.string(round["candidate"]), votes: Self.figures(round["votes"]),
                transfers: round["transfers"].map { Self.figures($0) },
                nonTransferable: round["nonTransferable"].flatMap(Self.figure),
                elected: Self.strings(round["elected"]), excluded: Self.strings(round["excluded"]))
        }
        shortlists = Self.array(top["shortlists"]).map { node in
            let cut = Self.members(node)
            return Shortlist(
                ballot: Self.string(cut["ballot"]) ?? "", top: Self.integer(cut["top"]) ?? 0,
                options: Self.strings(cut["options"]),
                tie: { if case .bool(true)? = cut["tie"]?.value { true } else { false } }(),
                tied: Self.strings(cut["tied"]))
        }
    }

    /// A candidate's votes at the end of the last round they stood in: before the round that
    /// excluded them, else the last round.
    func standingVotes(_ candidate: String) -> String? {
        if let out = rounds.firstIndex(where: { $0.excluded.contains(candidate) }), out > 0 {
            return rounds[out - 1].votes[candidate]
        }
        return lastVotes(candidate)
    }

    /// A candidate's votes in the last round that lists them, as printed.
    func lastVotes(_ candidate: String) -> String? {
        rounds.last { $0.votes[candidate] != nil }?.votes[candidate]
    }

    private static func members(_ node: JSONNode) -> [String: JSONNode] {
        guard case .object(let members) = node.value else { return [:] }
        return Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    private static func array(_ node: JSONNode?) -> [JSONNode] {
        guard case .array(let items)? = node?.value else { return [] }
        return items
    }

    private static func string(_ node: JSONNode?) -> String? {
        guard case .string(let text)? = node?.value else { return nil }
        return text
    }

    private static func integer(_ node: JSONNode?) -> Int? {
        guard case .number(let value, _)? = node?.value, value.magnitude < 1e15 else { return nil }
        return Int(value)
    }

    private static func strings(_ node: JSONNode?) -> [String] { array(node).compactMap { string($0) } }

    /// A vote figure: whole votes as integers, STV's fractions with their five places.
    private static func figure(_ node: JSONNode) -> String? {
        guard case .number(let value, let isInteger) = node.value else { return nil }
        if isInteger, value.magnitude < 1e15 { return String(Int(value)) }
        return String(format: "%.5f", value)
    }

    private static func figures(_ node: JSONNode?) -> [String: String] {
        guard let node, case .object(let members) = node.value else { return [:] }
        var out: [String: String] = [:]
        for member in members { out[member.key] = figure(member.value) }
        return out
    }
}
