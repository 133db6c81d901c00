import Foundation
import VoxPopCampaigns
import VoxPopCounting
import VoxPopEngine
import VoxPopFoundation

/// A vote from a page's form that cannot be taken, with what the voter must change, in words the
/// page picks by case (never by comparing text) and options named by their labels.
struct FormRefusal: Error, Sendable, Equatable {
    enum Issue: Sendable, Equatable {
        case pickOne, pickOrWrite, pickOnlyOne
        /// Nothing written on a ballot of write-ins only.
        case writeFirst
        case tooManyChoices(chosen: Int, most: Int)
        case rankFirst
        case rankNumber(String)
        case sharedRank(String, String, rank: Int)
        case tooManyRanked(ranked: Int, most: Int)
        case pointsNumber(String)
        case ratingRange(String, top: Int)
        case overspent(spent: Int, budget: Int)
        case givePoints
        /// An option that is not (or no longer) on the ballot; its label when the page knows it.
        case optionGone(String?)
        /// An idea that takes no more points (declined, or merged into another), by label.
        case ideaShut(String)
        case writeInLong(Int)
        case writeInPlain(Int)
    }

    var issue: Issue

    init(_ issue: Issue) { self.issue = issue }

    /// The problem the API would answer, for the metrics and the status.
    var problem: Problem {
        if case .optionGone = issue { return Problem(.unknownOption, "the vote names an option not on the ballot") }
        return Problem(.invalidChoices, "the vote breaks the ballot's rules: \(issue)")
    }

    func message(_ language: PageLanguage) -> String {
        switch issue {
        case .pickOne: language(.pickOne)
        case .writeFirst: language(.writeFirst)
        case .pickOrWrite: language(.pickOrWrite)
        case .pickOnlyOne: language(.pickOnlyOne)
        case .tooManyChoices(let chosen, let most): language.fill(.tooManyChoices, "\(chosen)", "\(most)")
        case .rankFirst: language(.rankFirst)
        case .rankNumber(let label): language.fill(.rankNumber, label)
        case .sharedRank(let first, let second, let rank): language.fill(.sharedRank, first, second, "\(rank)")
        case .tooManyRanked(let ranked, let most): language.fill(.tooManyRanked, "\(ranked)", "\(most)")
        case .pointsNumber(let label): language.fill(.pointsNumber, label)
        case .ratingRange(let label, let top): language.fill(.ratingRange, label, "\(top)")
        case .overspent(let spent, let budget): language.fill(.overspent, "\(spent)", "\(budget)")
        case .givePoints: language(.givePoints)
        case .optionGone(let label?): language.fill(.optionGoneNamed, label)
        case .optionGone(nil): language(.optionGone)
        case .ideaShut(let label): language.fill(.ideaShut, label)
        case .writeInLong(let most): language.fill(.writeInLong, "\(most)")
        case .writeInPlain(let most): language.fill(.writeInPlain, "\(most)")
        }
    }
}

/// Turns a voting form into a vote, by the ballot's shape, and checks it against the ballot's
/// rules as the engine will, so that a refusal can name the options by label in the page's
/// language. The engine checks again; what it refuses that this did not is said in general words.
struct FormVote {
    var ballot: Ballot
    /// The options voted on now (frozen, with the public ideas of an idea forum).
    var options: [FrozenBallot.Option]
    var language: PageLanguage
    /// An idea forum's ideas that take no more points (declined, merged away).
    var closed: Set<String> = []

    /// An option's label in the page's language; nil for an id that is no option.
    func label(_ id: String) -> String? {
        if let option = ballot.options.first(where: { $0.id == id }) { return language.text(option.label) }
        return options.first { $0.id == id }?.label
    }

    /// The label of an option the form names; a name that is no option is refused in general
    /// words, never quoted: a field's name is whatever the sender (or another site) put there.
    private func named(_ id: String) throws(FormRefusal) -> String {
        guard let label = label(id) else { throw FormRefusal(.optionGone(nil)) }
        return label
    }

    func vote(from form: FormData) throws(FormRefusal) -> Vote {
        let vote = try read(form)
        try check(vote)
        return vote
    }

    private func read(_ form: FormData) throws(FormRefusal) -> Vote {
        let shape = ballot.method.ballotShape
        let writeIn = form.first("writeIn")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        switch shape {
        case .single, .approval:
            let choices = form.values("choice").filter { !$0.isEmpty }
            if !choices.isEmpty, !writeIn.isEmpty { throw FormRefusal(.pickOrWrite) }
            if !writeIn.isEmpty, ballot.writeIns != nil { return .writeIn(writeIn) }
            guard !choices.isEmpty else {
                throw FormRefusal(options.isEmpty && ballot.writeIns != nil ? .writeFirst : .pickOne)
            }
            return .choices(choices)
        case .ranking:
            var ranked: [(rank: Int, id: String)] = []
            for field in form.fields where field.name.hasPrefix("rank-") {
                let id = String(field.name.dropFirst(5))
                let text = field.value.trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { continue }
                let name = try named(id)
                guard let rank = Int(text), rank > 0 else { throw FormRefusal(.rankNumber(name)) }
                ranked.append((rank, id))
            }
            guard !ranked.isEmpty else { throw FormRefusal(.rankFirst) }
            // Stable: the ranks given, in their order; gaps (1, 3) are allowed.
            ranked.sort { $0.rank < $1.rank }
            for (first, second) in zip(ranked, ranked.dropFirst()) where first.rank == second.rank {
                throw FormRefusal(.sharedRank(try named(first.id), try named(second.id), rank: first.rank))
            }
            return .choices(ranked.map(\.id))
        case .ratings, .points:
            let prefix = shape == .ratings ? "score-" : "points-"
            var points: [String: Int] = [:]
            for field in form.fields where field.name.hasPrefix(prefix) {
                let id = String(field.name.dropFirst(prefix.count))
                let text = field.value.trimmingCharacters(in: .whitespaces)
                guard let value = text.isEmpty ? 0 : Int(text), value >= 0 else {
                    throw FormRefusal(.pointsNumber(try named(id)))
                }
                points[id] = value
            }
            return .points(points)
        }
    }

    /// The ballot's rules (`VoteRules` in the engine), refused with the option's label.
    private func check(_ vote: Vote) throws(FormRefusal) {
        let ids = Set(options.map(\.id))
        switch vote {
        case .writeIn(let text):
            let most = ballot.writeIns?.maxLength ?? WriteInPolicy.defaultMaxLength
            guard text.unicodeScalars.count <= most else { throw FormRefusal(.writeInLong(most)) }
            guard PlainText.isPlain(text) else {
                throw FormRefusal(.writeInPlain(most))
            }
        case .choices(let choices):
            if let gone = choices.first(where: { !ids.contains($0) }) { throw FormRefusal(.optionGone(label(gone))) }
            let ranking = ballot.method.ballotShape == .ranking
            if ballot.method == .plurality, choices.count != 1 { throw FormRefusal(.pickOnlyOne) }
            if let most = ballot.maxChoices, choices.count > most {
                throw FormRefusal(
                    ranking
                        ? .tooManyRanked(ranked: choices.count, most: most)
                        : .tooManyChoices(chosen: choices.count, most: most))
            }
        case .points(let points):
            let given = points.filter { $0.value > 0 }
            if let gone = given.keys.sorted().first(where: { !ids.contains($0) }) {
                throw FormRefusal(.optionGone(label(gone)))
            }
            if let shut = given.keys.sorted().first(where: closed.contains) {
                throw FormRefusal(.ideaShut(try named(shut)))
            }
            if let top = ballot.maxScore ?? (ballot.method == .score ? 5 : nil),
                let over = given.sorted(by: { $0.key < $1.key }).first(where: { $0.value > top })
            {
                throw FormRefusal(.ratingRange(try named(over.key), top: top))
            }
            if let budget = ballot.budget {
                // Saturating: any whole number may be typed, and the sum must not trap.
                let spent = given.values.reduce(0) { $0 > Int.max - $1 ? Int.max : $0 + $1 }
                if spent > budget { throw FormRefusal(.overspent(spent: spent, budget: budget)) }
            }
            guard !given.isEmpty else { throw FormRefusal(.givePoints) }
        }
    }
}
