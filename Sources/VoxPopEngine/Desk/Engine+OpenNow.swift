import Foundation
import VoxPopCampaigns
import VoxPopFoundation

extension Engine {
    /// Whether a counted ballot feeds a ballot that waits for an operator to open it
    /// (`optionsFrom.confirm`): its count may still change (merged write-ins), so it is not
    /// published on its own.
    func awaitsConfirmation(_ reference: Reference) -> Bool {
        state.withLock { state in
            guard let campaign = state.campaigns[reference.campaign] else { return false }
            return campaign.ballots.contains { fed in
                guard let source = fed.optionsFrom, source.ballot == reference.ballot, source.confirm else {
                    return false
                }
                return state.ballots[Reference(campaign: reference.campaign, ballot: fed.id)]?.state == .scheduled
            }
        }
    }

    /// Opens a scheduled ballot now: early, or a final waiting for its operator
    /// (`optionsFrom.confirm`). A fed ballot needs its source counted; opening it publishes the
    /// source's count first (the final's options show who was cut), with the write-in merges made
    /// so far.
    public func openNow(campaign: String, ballot: String, by operatorName: String = "operator") throws {
        schedulerLock.lock()
        defer { schedulerLock.unlock() }
        let reference = Reference(campaign: campaign, ballot: ballot)
        let runtime = try known(reference)
        guard runtime.state == .scheduled, let definition = self.campaign(campaign)?.ballot(ballot) else {
            throw EngineError(.wrongState, "\(campaign)/\(ballot) is \(runtime.state.rawValue), not scheduled")
        }
        if let source = definition.optionsFrom {
            let sourceReference = Reference(campaign: campaign, ballot: source.ballot)
            let sourceState = runtimeOf(sourceReference)?.state ?? .scheduled
            guard sourceState >= .tallied else {
                throw EngineError(
                    .wrongState,
                    "\(campaign)/\(ballot) takes its options from \(source.ballot), which is \(sourceState.rawValue): close it first"
                )
            }
        }
        // The options first: a final that could not open leaves its source unpublished. Only a
        // fed ballot can come out short; one that takes write-ins or ideas may open with none.
        let frozen = try freeze(definition, campaign: campaign)
        guard definition.optionsFrom == nil || definition.writeIns != nil || frozen.options.count >= 2 else {
            throw EngineError(
                .refused,
                "\(campaign)/\(ballot) would open with \(frozen.options.count) option\(frozen.options.count == 1 ? "" : "s"); a vote needs at least 2 (check the count of \(definition.optionsFrom?.ballot ?? ballot))"
            )
        }
        if let source = definition.optionsFrom,
            runtimeOf(Reference(campaign: campaign, ballot: source.ballot))?.state == .tallied
        {
            try publishBallot(Reference(campaign: campaign, ballot: source.ballot))
            try record(operatorName, "publish", campaign, source.ballot, "published to open \(ballot)")
        }
        let now = clock.now
        try store.transition(
            runtime.id, to: BallotState.open.rawValue, dueAt: now.milliseconds, doneAt: now.milliseconds,
            definition: frozen.json, tally: nil)
        state.withLock {
            $0.ballots[reference]!.state = .open
            $0.ballots[reference]!.frozen = frozen
        }
        watchLive(reference, runtime.id, frozen)
        try recordCloseDue(reference)
        try record(
            operatorName, "open", campaign, ballot,
            "opened by hand with \(frozen.options.count) options" + (frozen.options.isEmpty ? "" : ": ")
                + frozen.options.prefix(20).map(\.label).joined(separator: ", "))
    }
}
