import VoxPopCampaigns
import VoxPopFoundation

extension Engine {
    /// Withdraws options before publication (a candidate who left the process): the ballot is
    /// counted as if they had never stood (a ranking skips them, as RCTab excludes candidates),
    /// a counted ballot is counted again, and the published tally names them as withdrawn.
    /// `options` are option ids: the ballot's own, or a write-in group's or idea's id in its count.
    public func withdraw(
        campaign: String, ballot: String, options: [String], by operatorName: String = "operator"
    ) throws {
        let reference = Reference(campaign: campaign, ballot: ballot)
        let runtime = try known(reference)
        guard runtime.state < .published else {
            throw EngineError(.wrongState, "\(campaign)/\(ballot) is published; its count is final")
        }
        guard !options.isEmpty else { throw EngineError(.refused, "name at least one option to withdraw") }
        let standing = try standingOptions(reference, runtime)
        let already = Set(try store.withdrawals(runtime.id))
        if let unknown = options.first(where: { standing[$0] == nil && !already.contains($0) }) {
            throw EngineError(
                .refused,
                "\"\(unknown)\" is not an option of \(campaign)/\(ballot); its options are "
                    + standing.keys.sorted().prefix(20).joined(separator: ", "))
        }
        if standing.count - Set(options).union(already).count < 1 {
            throw EngineError(.refused, "withdrawing \(options.joined(separator: ", ")) would leave no option standing")
        }
        // Withdrawing again (a retried request, a second click) changes nothing, so the log and
        // the published page name each withdrawal once.
        var named = already
        let fresh = options.filter { named.insert($0).inserted }
        guard !fresh.isEmpty else { return }
        try store.withdraw(runtime.id, options: fresh, at: clock.now.milliseconds)
        try recountIfCounted(reference, runtime)
        invalidateLive(reference)
        try record(
            operatorName, "withdraw", campaign, ballot,
            fresh.map { "\(standing[$0] ?? $0) (\($0))" }.joined(separator: ", "))
    }

    /// The options a count of the ballot has (id → label): its own and, once voted, its
    /// write-in groups and ideas.
    private func standingOptions(_ reference: Reference, _ runtime: Runtime) throws -> [String: String] {
        var standing: [String: String] = [:]
        let own =
            runtime.voting?.options
            ?? self.campaign(reference.campaign)?.ballot(reference.ballot).map(FrozenBallot.options) ?? []
        for option in own { standing[option.id] = option.label }
        if runtime.state >= .open {
            let count = try countNow(reference, runtime)
            for (index, id) in count.optionIDs.enumerated() where standing[id] == nil {
                standing[id] = count.tally.candidates[index]
            }
        }
        return standing
    }

    /// The count of a ballot as it stands: the stored one once closed, else counted from the
    /// store now.
    func countNow(_ reference: Reference, _ runtime: Runtime) throws -> BallotCount {
        if runtime.state >= .closed { return try countBallot(reference) }
        guard let rules = runtime.voting else {
            throw EngineError(.wrongState, "\(reference.campaign)/\(reference.ballot) is not open yet")
        }
        store.sync()
        return try BallotCount.count(
            rules, votes: try store.countedVotes(runtime.id).votes, adjustments: try adjustments(runtime.id))
    }
}
