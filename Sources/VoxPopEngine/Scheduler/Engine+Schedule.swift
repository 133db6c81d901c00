import Foundation
import VoxPopCampaigns
import VoxPopCounting
import VoxPopFoundation
import VoxPopStore

extension Engine {
    /// Takes every step whose time has come, in order, until none is left (or `limit` steps are
    /// taken: tests stop there to restart the engine between any two steps); returns what it did.
    @discardableResult
    public func tick(limit: Int = .max) throws -> [String] {
        schedulerLock.lock()
        defer { schedulerLock.unlock() }
        var done: [String] = []
        var progressed = true
        while progressed, done.count < limit {
            progressed = false
            for reference in state.withLock({ $0.order }) where done.count < limit {
                if let step = try step(reference) {
                    done.append("\(reference.campaign)/\(reference.ballot): \(step)")
                    progressed = true
                }
            }
        }
        return done
    }

    /// Closes an open ballot now, then counts (and publishes, unless manual) it as at this instant.
    public func closeNow(campaign: String, ballot: String, by operatorName: String = "operator") throws {
        schedulerLock.lock()
        do {
            let reference = Reference(campaign: campaign, ballot: ballot)
            let runtime = try known(reference)
            guard runtime.state == .open else {
                throw EngineError(.wrongState, "\(campaign)/\(ballot) is \(runtime.state.rawValue), not open")
            }
            try close(reference, due: clock.now)
            try record(operatorName, "close", campaign, ballot, "closed before its time")
            schedulerLock.unlock()
        } catch {
            schedulerLock.unlock()
            throw error
        }
        try tick()
    }

    /// Publishes a tallied ballot (one set to manual publication, after the operator's review).
    public func publish(campaign: String, ballot: String, by operatorName: String = "operator") throws {
        schedulerLock.lock()
        defer { schedulerLock.unlock() }
        let reference = Reference(campaign: campaign, ballot: ballot)
        let runtime = try known(reference)
        guard runtime.state == .tallied else {
            throw EngineError(.wrongState, "\(campaign)/\(ballot) is \(runtime.state.rawValue), not tallied")
        }
        try publishBallot(reference)
        try record(operatorName, "publish", campaign, ballot, "published after review")
    }

    /// One step for one ballot, if its time has come; the step's name, or nil.
    private func step(_ reference: Reference) throws -> String? {
        let (runtime, definition) = state.withLock {
            ($0.ballots[reference]!, $0.campaigns[reference.campaign]?.ballot(reference.ballot))
        }
        let now = clock.now
        switch runtime.state {
        case .scheduled:
            guard let definition, let due = openDue(definition, campaign: reference.campaign, now: now), due <= now
            else { return nil }
            let frozen = try freeze(definition, campaign: reference.campaign)
            try store.transition(
                runtime.id, to: BallotState.open.rawValue, dueAt: due.milliseconds, doneAt: now.milliseconds,
                definition: frozen.json, tally: nil)
            state.withLock {
                $0.ballots[reference]!.state = .open
                $0.ballots[reference]!.frozen = frozen
            }
            watchLive(reference, runtime.id, frozen)
            try recordCloseDue(reference)
            try record(Self.scheduler, "open", reference.campaign, reference.ballot, "opened on time")
            return "opened"
        case .open:
            guard let due = state.withLock({ $0.closeDue(reference) }), due <= now else { return nil }
            try close(reference, due: due)
            try record(Self.scheduler, "close", reference.campaign, reference.ballot, "closed on time")
            return "closed"
        case .closed:
            let votes = try tallyBallot(reference)
            try record(Self.scheduler, "count", reference.campaign, reference.ballot, "\(votes) votes counted")
            return "tallied"
        case .tallied:
            // A manual ballot waits for its operator; so does one whose count a final waits to
            // have reviewed (`optionsFrom.confirm`): opening the final publishes it.
            guard runtime.frozen?.results != ResultsVisibility.manual.rawValue, !awaitsConfirmation(reference)
            else { return nil }
            try publishBallot(reference)
            try record(Self.scheduler, "publish", reference.campaign, reference.ballot, "published on time")
            return "published"
        case .published:
            return nil
        }
    }

    /// When a ballot is due to open, if that can be known yet: at load for no `opens`; once its
    /// source is published for a fed ballot. Published, not just counted: the options a final
    /// lists show who was cut, which a source whose results are sealed until an operator
    /// publishes them must not reveal.
    private func openDue(_ ballot: Ballot, campaign: String, now: Date) -> Date? {
        if let source = ballot.optionsFrom {
            // `confirm`: only an operator opens it (`openNow`).
            guard !source.confirm,
                runtimeOf(Reference(campaign: campaign, ballot: source.ballot))?.state == .published
            else { return nil }
        }
        switch ballot.opens {
        case nil: return now
        case .at(let date): return date
        case .after(let other):
            return runtimeOf(Reference(campaign: campaign, ballot: other))?.closedAt
        }
    }

    /// The rules and options the ballot will run on; a fed ballot's options are its source's top N.
    func freeze(_ ballot: Ballot, campaign: String) throws -> FrozenBallot {
        let definition = state.withLock { $0.campaigns[campaign]! }
        guard let source = ballot.optionsFrom else {
            return FrozenBallot(ballot: ballot, campaign: definition, options: FrozenBallot.options(of: ballot))
        }
        let count = try countBallot(Reference(campaign: campaign, ballot: source.ballot))
        // In a neutral order, never by count: the page shows them in each voter's own order.
        let options = count.tally.ranking.prefix(source.top).map {
            FrozenBallot.Option(id: count.optionIDs[$0], label: count.tally.candidates[$0])
        }.sorted { ($0.label.lowercased(), $0.id) < ($1.label.lowercased(), $1.id) }
        return FrozenBallot(ballot: ballot, campaign: definition, options: options)
    }

    /// Refuses new votes at once, lets queued ones commit, then stores the close.
    private func close(_ reference: Reference, due: Date) throws {
        let id = state.withLock {
            $0.ballots[reference]!.state = .closed
            $0.ballots[reference]!.closedAt = due
            return $0.ballots[reference]!.id
        }
        store.sync()
        unwatchLive(reference, id)
        try store.transition(
            id, to: BallotState.closed.rawValue, dueAt: due.milliseconds, doneAt: clock.now.milliseconds,
            definition: nil, tally: nil)
        try recordClosesAfter(reference)
    }

    func countBallot(_ reference: Reference) throws -> BallotCount {
        let runtime = runtimeOf(reference)!
        if let count = runtime.count { return count }
        guard let frozen = runtime.voting else {
            throw EngineError(.failed, "\(reference.campaign)/\(reference.ballot) has no stored rules")
        }
        let count = try BallotCount.count(
            frozen, votes: try store.countedVotes(runtime.id).votes, adjustments: try adjustments(runtime.id))
        if runtime.state >= .closed { state.withLock { $0.ballots[reference]!.count = count } }
        return count
    }

    /// Counts and stores the tally; returns the votes counted.
    @discardableResult
    private func tallyBallot(_ reference: Reference) throws -> Int {
        let count = try countBallot(reference)
        let id = runtimeOf(reference)!.id
        let json = try publicationJSON(reference, count: count)
        try store.transition(
            id, to: BallotState.tallied.rawValue, dueAt: clock.now.milliseconds, doneAt: clock.now.milliseconds,
            definition: nil, tally: json)
        state.withLock { $0.ballots[reference]!.state = .tallied }
        return count.votes
    }

    func publicationJSON(_ reference: Reference, count: BallotCount, countedAt: Date? = nil) throws -> String {
        let id = runtimeOf(reference)!.id
        let digest = try store.chainHead(id, campaign: reference.campaign, ballot: reference.ballot)
        return Self.publicationJSON(
            count, campaign: reference.campaign, ballot: reference.ballot, digest: digest, countedAt: countedAt)
    }

    /// The published tally JSON of a count; the audit writes its recount with the same function.
    static func publicationJSON(
        _ count: BallotCount, campaign: String, ballot: String, digest: [UInt8], countedAt: Date? = nil
    ) -> String {
        var extra: [(key: String, json: String)] = [
            ("campaign", JSONText.string(campaign)), ("ballot", JSONText.string(ballot)),
            ("votes", "\(count.votes)"), ("auditDigest", JSONText.string(SHA256.hex(digest))),
        ]
        // A live count says when it was made: a ranked one may be up to a second old.
        if let countedAt { extra.append(("countedAt", JSONText.instant(countedAt)!)) }
        // Options withdrawn before publication, published with the count that left them out.
        if !count.withdrawn.isEmpty {
            extra.append(("withdrawn", JSONText.array(count.withdrawn.map(JSONText.string))))
        }
        return count.tally.json(extra: extra)
    }

    /// What a results page and the published files show of a counted ballot: its texts in every
    /// language the campaign file has, and how the outcome reads (a shortlist, or the top N of
    /// a ballot that feeds another, "go on to the final").
    func publication(_ reference: Reference, count: BallotCount, json: String, live: Bool = false) throws
        -> Publisher.Publication
    {
        let (id, campaign, frozen) = state.withLock {
            ($0.ballots[reference]!.id, $0.campaigns[reference.campaign], $0.ballots[reference]!.voting)
        }
        let digest = try store.chainHead(id, campaign: reference.campaign, ballot: reference.ballot)
        let definition = campaign?.ballot(reference.ballot)
        let fileLabels = Dictionary(
            (definition?.options ?? []).map { ($0.id, $0.label) }, uniquingKeysWith: { first, _ in first })
        let feeds = campaign?.ballots.compactMap {
            $0.optionsFrom?.ballot == reference.ballot ? $0.optionsFrom?.top : nil
        }
        // A published page lists what operators and the scheduler did to the ballot.
        let logged =
            live
            ? []
            : try operatorLog(
                limit: Publisher.shownActions + 1, campaign: reference.campaign, ballot: reference.ballot)
        let earlier =
            logged.count > Publisher.shownActions
            ? try store.logCount(campaign: reference.campaign, ballot: reference.ballot) - Publisher.shownActions : 0
        return Publisher.Publication(
            campaign: reference.campaign, ballot: reference.ballot,
            title: campaign?.title ?? LocalizedText(reference.campaign),
            question: definition?.question ?? LocalizedText(reference.ballot),
            labels: count.optionIDs.map { fileLabels[$0] }, goingOn: feeds?.first ?? frozen?.shortlist,
            feedsFinal: !(feeds ?? []).isEmpty, live: live,
            accent: campaign?.theme?.accent, firstLanguage: ResultsLanguage.first(of: campaign), tally: count.tally,
            json: json, votes: count.votes, auditDigest: SHA256.hex(digest), withdrawn: count.withdrawn,
            actions: logged.prefix(Publisher.shownActions).reversed(), earlierActions: earlier)
    }

    func publishBallot(_ reference: Reference) throws {
        let count = try countBallot(reference)
        let id = runtimeOf(reference)!.id
        let json = try store.tally(id) ?? publicationJSON(reference, count: count)
        // On a shared database only the scheduler's node writes files; it writes these at its
        // next turn (`writeMissingPublications`).
        if writesPublications { try publisher.publish(try publication(reference, count: count, json: json)) }
        try store.transition(
            id, to: BallotState.published.rawValue, dueAt: clock.now.milliseconds, doneAt: clock.now.milliseconds,
            definition: nil, tally: nil)
        state.withLock { $0.ballots[reference]!.state = .published }
    }
}
