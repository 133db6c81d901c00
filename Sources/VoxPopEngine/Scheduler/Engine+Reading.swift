import Foundation
import VoxPopCampaigns
import VoxPopCounting
import VoxPopFoundation
import VoxPopStore

extension Engine {
    /// A ballot as the API shows it.
    public struct BallotView: Sendable {
        public var definition: Ballot
        public var state: BallotState
        /// The open instant, once known (a ballot opening after another learns it at that close).
        public var opens: Date?
        public var closes: Date?
        /// The options voted on: frozen once open, else the file's (none yet for a fed ballot).
        public var options: [FrozenBallot.Option]
        /// The public ideas among `options` (an idea forum), with their statuses.
        public var ideas: [Idea]
        public var results: String
    }

    /// The ids of the loaded campaigns, sorted.
    public var campaignIDs: [String] { state.withLock { $0.campaigns.keys.sorted() } }

    public func campaign(_ id: String) -> Campaign? { state.withLock { $0.campaigns[id] } }

    /// A campaign's ballots in file order, with their states and instants.
    public func ballotViews(campaign id: String) -> [BallotView]? {
        state.withLock { state in
            guard let campaign = state.campaigns[id] else { return nil }
            return campaign.ballots.map { ballot in
                let reference = Reference(campaign: id, ballot: ballot.id)
                let runtime = state.ballots[reference]
                let opens: Date? =
                    switch ballot.opens {
                    case .at(let date): date
                    case .after(let other): state.ballots[Reference(campaign: id, ballot: other)]?.closedAt
                    case nil: nil
                    }
                return BallotView(
                    definition: ballot, state: runtime?.state ?? .scheduled, opens: opens,
                    closes: runtime?.closedAt ?? state.closeDue(reference),
                    options: runtime?.voting?.options ?? FrozenBallot.options(of: ballot),
                    ideas: runtime?.ideas ?? [],
                    results: runtime?.frozen?.results ?? ballot.results.rawValue)
            }
        }
    }

    /// The number of ballots open now.
    public var openBallots: Int { state.withLock { $0.ballots.values.filter { $0.state == .open }.count } }

    /// The tally of an open ballot with live results, in the published JSON's shape with the
    /// instant it was counted (`countedAt`).
    public func liveTally(campaign: String, ballot: String) throws -> String? {
        let reference = Reference(campaign: campaign, ballot: ballot)
        guard let counted = try liveCount(reference) else { return nil }
        return try publicationJSON(reference, count: counted.count, countedAt: counted.at)
    }

    /// The results page of a ballot in `language` (nil: the campaign's first): the published
    /// HTML file in that language once published, its language links pointing at the results
    /// route; a page counted now for an open ballot with live results; else nil.
    public func resultsHTML(campaign: String, ballot: String, language: ResultsLanguage? = nil) throws -> String? {
        let reference = Reference(campaign: campaign, ballot: ballot)
        let language = language ?? ResultsLanguage.first(of: self.campaign(campaign))
        if runtimeOf(reference)?.state == .published {
            // `BALLOT.html` is in the first language the campaign had when it was published,
            // which a reload may since have changed: a language's own file first.
            let folder = publisher.directory.appendingPathComponent(campaign)
            let own = folder.appendingPathComponent("\(ballot).\(language.rawValue).html")
            let file =
                FileManager.default.fileExists(atPath: own.path) ? own : folder.appendingPathComponent("\(ballot).html")
            return PublicationHTML.linkingToRoute(try String(contentsOf: file, encoding: .utf8))
        }
        guard let counted = try liveCount(reference) else { return nil }
        let publication = try publication(reference, count: counted.count, json: "", live: true)
        return PublicationHTML.render(publication, in: language, links: .route)
    }

    /// An open ballot with live results, from its running count (`LiveCount`); counted from the
    /// store only if the running count could not start.
    private func liveCount(_ reference: Reference) throws -> LiveCount.Counted? {
        let (found, live) = state.withLock { ($0.ballots[reference], $0.live[reference]) }
        guard let runtime = found, runtime.state == .open, let rules = runtime.voting,
            rules.results == ResultsVisibility.live.rawValue
        else { return nil }
        let id = runtime.id
        let store = self.store
        guard let live, live.isReady else {
            store.sync()
            let count = try BallotCount.count(
                rules, votes: try store.countedVotes(id).votes, decisions: try store.writeInDecisions(id))
            return LiveCount.Counted(count: count, version: 0, at: clock.now)
        }
        return try live.current(now: clock.now) { texts, sums, ballots in
            guard live.kind == .sums else {
                return try BallotCount.count(rules, votes: texts, decisions: try store.writeInDecisions(id))
            }
            let tally = try Counter.count(
                scores: rules.options.map { sums[$0.id] ?? 0 }, candidates: rules.options.map(\.label),
                ballots: Int64(ballots), method: rules.countingMethod,
                options: CountOptions(
                    seats: 1, maxChoices: rules.maxChoices, shortlist: rules.shortlist, seed: rules.seed))
            return BallotCount(tally: tally, optionIDs: rules.options.map(\.id), votes: ballots)
        }
    }

    /// The committed votes that count now on a ballot, for the operator console.
    public func voteCount(campaign: String, ballot: String) throws -> Int? {
        guard let id = runtimeOf(Reference(campaign: campaign, ballot: ballot))?.id else { return nil }
        return try store.countVotes(id)
    }

    /// One group of write-ins that fold alike, with the spellings voters used.
    public struct WriteInGroup: Sendable {
        public var id: String
        public var spellings: [(text: String, count: Int)]
        public var count: Int
        public var decision: WriteInDecision?
    }

    /// The write-ins of a ballot, most written first, each with the operators' decision.
    public func writeIns(campaign: String, ballot: String) throws -> [WriteInGroup]? {
        guard let id = runtimeOf(Reference(campaign: campaign, ballot: ballot))?.id else { return nil }
        store.sync()
        let decisions = try store.writeInDecisions(id)
        var groups: [String: WriteInGroup] = [:]
        for (text, count) in try store.countedVotes(id).votes {
            guard let spelling = Vote.writeIn(inText: text) else { continue }
            let key = WriteInKey(spelling).description
            groups[key, default: WriteInGroup(id: key, spellings: [], count: 0, decision: decisions[key])]
                .spellings.append((spelling, count))
            groups[key]!.count += count
        }
        return groups.values.map { group in
            var group = group
            group.spellings.sort { $0.count > $1.count || ($0.count == $1.count && $0.text < $1.text) }
            return group
        }.sorted { $0.count > $1.count || ($0.count == $1.count && $0.id < $1.id) }
    }

    /// Records an operator's decision on a write-in; refused once the ballot is counted, since its
    /// tally would no longer match.
    public func decideWriteIn(campaign: String, ballot: String, id: String, action: String, into: String?) throws {
        let reference = Reference(campaign: campaign, ballot: ballot)
        let runtime = try known(reference)
        guard runtime.state < .tallied else {
            throw EngineError(.wrongState, "\(campaign)/\(ballot) is \(runtime.state.rawValue); its count is final")
        }
        let key = WriteInKey(id).description
        if action == "merge", WriteInKey(into ?? "").description == key {
            throw EngineError(.refused, "a write-in cannot be merged into itself")
        }
        try store.decide(runtime.id, key: key, .init(action: action, into: into))
        invalidateLive(reference)
    }
}
