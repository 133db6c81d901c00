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
        /// An idea forum's public ideas (its own options included), with their statuses, merges and
        /// replies.
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
                    ideas: (runtime?.fileIdeas ?? []) + (runtime?.ideas ?? []),
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
        if runtimeOf(reference)?.state == .published, store.isShared {
            // Every node answers from the database; the files are the scheduler node's.
            let count = try countBallot(reference)
            let json = try store.tally(runtimeOf(reference)!.id) ?? publicationJSON(reference, count: count)
            return PublicationHTML.render(
                try publication(reference, count: count, json: json), in: language, links: .route)
        }
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
        if store.isShared {
            if let kept = state.withLock({ $0.sharedCounts[reference] }), clock.now.timeIntervalSince(kept.at) < 1 {
                return kept
            }
            let count = try BallotCount.count(
                rules, votes: try store.countedVotes(id).votes, adjustments: try Self.adjustments(id, store: store))
            let counted = LiveCount.Counted(count: count, version: 0, at: clock.now)
            state.withLock { $0.sharedCounts[reference] = counted }
            return counted
        }
        guard let live, live.isReady else {
            store.sync()
            let count = try BallotCount.count(
                rules, votes: try store.countedVotes(id).votes, adjustments: try Self.adjustments(id, store: store))
            return LiveCount.Counted(count: count, version: 0, at: clock.now)
        }
        return try live.current(now: clock.now) { texts, sums, ballots in
            let adjustments = try Self.adjustments(id, store: store)
            guard live.kind == .sums else {
                return try BallotCount.count(rules, votes: texts, adjustments: adjustments)
            }
            return try BallotCount.count(rules, sums: sums, ballots: ballots, adjustments: adjustments)
        }
    }

    /// The committed votes that count now on a ballot, for the operator console.
    public func voteCount(campaign: String, ballot: String) throws -> Int? {
        guard let id = runtimeOf(Reference(campaign: campaign, ballot: ballot))?.id else { return nil }
        return try store.countVotes(id)
    }
}
