import Foundation
import VoxPopCampaigns
import VoxPopCounting
import VoxPopFoundation

/// Checks a vote against its ballot's frozen rules before it is written.
enum VoteRules {
    /// `closed`: options that take no new choice or points (a declined idea, one merged away).
    static func check(_ vote: Vote, against ballot: FrozenBallot, closed: Set<String> = []) throws(VoteRefusal)
        -> Vote
    {
        let method = ballot.countingMethod
        let ids = Set(ballot.options.map(\.id))
        switch vote {
        case .writeIn(let raw):
            guard let maxLength = ballot.writeInMaxLength else {
                throw .invalidChoices("this ballot takes no write-ins")
            }
            // On an idea forum a new idea is suggested (`Engine.suggest`), not voted.
            guard !ballot.takesIdeas else {
                throw .invalidChoices("on this ballot, suggest a new idea at .../ideas; votes give points to ideas")
            }
            return .writeIn(try writeInText(raw, maxLength: maxLength, what: "write-in"))
        case .choices(let choices):
            guard !method.ballotShape.takesValues else {
                throw .invalidChoices("a \(method.rawValue) ballot takes points: {\"points\": {\"option-id\": n}}")
            }
            if let unknown = choices.first(where: { !ids.contains($0) }) { throw .unknownOption(unknown) }
            if let shut = choices.first(where: closed.contains) {
                throw .invalidChoices("\(shut) takes no more votes (declined, or merged into another idea)")
            }
            guard Set(choices).count == choices.count else { throw .invalidChoices("an option is chosen twice") }
            guard !choices.isEmpty else { throw .invalidChoices("choose at least one option") }
            if method == .plurality, choices.count != 1 {
                throw .invalidChoices("choose exactly one option")
            }
            if let maxChoices = ballot.maxChoices, choices.count > maxChoices {
                throw .invalidChoices("at most \(maxChoices) choices")
            }
            return vote
        case .points(let points):
            guard method.ballotShape.takesValues else {
                throw .invalidChoices("a \(method.rawValue) ballot takes choices: {\"choices\": [\"option-id\"]}")
            }
            if let unknown = points.keys.sorted().first(where: { !ids.contains($0) }) { throw .unknownOption(unknown) }
            if let shut = points.filter({ $0.value > 0 }).keys.sorted().first(where: closed.contains) {
                throw .invalidChoices("\(shut) takes no more points (declined, or merged into another idea)")
            }
            // Range first, arithmetic after: a voter's number may be anything an Int holds.
            guard points.values.allSatisfy({ $0 >= 0 }) else { throw .invalidChoices("points cannot be negative") }
            if let maxScore = ballot.maxScore,
                let over = points.sorted(by: { $0.key < $1.key }).first(where: { $0.value > maxScore })
            {
                throw .invalidChoices("\(over.key) is rated \(over.value); ratings run from 0 to \(maxScore)")
            }
            let limit = ballot.budget ?? ballot.maxScore ?? Self.largestValue
            if let over = points.values.first(where: { $0 > limit }) {
                throw .invalidChoices("\(over) points is more than the budget of \(limit)")
            }
            if let budget = ballot.budget {
                // Each value is at most the budget now, so this sum of at most a few thousand
                // such values cannot overflow.
                let spent = points.values.reduce(0, +)
                guard spent <= budget else {
                    throw .invalidChoices("\(spent) points is more than the budget of \(budget)")
                }
            }
            guard points.values.contains(where: { $0 > 0 }) else { throw .invalidChoices("give at least one point") }
            return .points(points.filter { $0.value > 0 })
        }
    }

    /// The largest value a vote may give an option when its ballot sets no smaller limit: every
    /// stored value then fits the 32 bits a count keeps per value.
    static let largestValue = 1_000_000

    /// A write-in or suggested idea as stored: trimmed, not empty, at most `maxLength` Unicode
    /// scalars (and four bytes a scalar), no control characters. Scalars, not `Character`s: one
    /// letter followed by thousands of combining marks is a single `Character`.
    static func writeInText(_ raw: String, maxLength: Int, what: String) throws(VoteRefusal) -> String {
        guard raw.utf8.count <= maxLength * 4 + 64 else {
            throw .invalidChoices("the \(what) is longer than \(maxLength) characters")
        }
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        let length = text.unicodeScalars.count
        guard length <= maxLength, text.utf8.count <= maxLength * 4 else {
            throw .invalidChoices("the \(what) is \(length) characters; at most \(maxLength)")
        }
        guard !WriteInKey(text).isEmpty else { throw .invalidChoices("the \(what) is empty") }
        guard PlainText.isPlain(text) else {
            throw .invalidChoices("the \(what) contains control characters or text-direction controls")
        }
        return text
    }
}
