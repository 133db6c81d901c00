import VoxPopCampaigns

extension Engine {
    /// Takes new campaign definitions (already checked by `voxpop check`'s rules) without
    /// disturbing running ballots: a campaign whose file would change an open (or finished)
    /// ballot's options, method or rules, or drop such a ballot, keeps its old definition, and the
    /// refusal says why. Schedules and texts may change; new ballots and campaigns are added.
    /// Returns one message per refused campaign.
    public func reload(_ updated: [Campaign]) throws -> [String] {
        var refusals: [String] = []
        try stateLock.withLock {
            for campaign in updated.sorted(by: { $0.id < $1.id }) {
                var problems: [String] = []
                for (reference, runtime) in ballots where reference.campaign == campaign.id && runtime.state >= .open {
                    guard let frozen = runtime.frozen else { continue }
                    guard let ballot = campaign.ballot(reference.ballot) else {
                        problems.append("ballot \(reference.ballot) is \(runtime.state.rawValue) and cannot be removed")
                        continue
                    }
                    let options = ballot.optionsFrom == nil ? FrozenBallot.options(of: ballot) : []
                    let changed = FrozenBallot(ballot: ballot, campaign: campaign, options: options).differences(
                        from: frozen)
                    if !changed.isEmpty {
                        problems.append(
                            "ballot \(reference.ballot) is \(runtime.state.rawValue); its \(changed.joined(separator: ", ")) cannot change"
                        )
                    }
                }
                if problems.isEmpty {
                    try add(campaign)
                } else {
                    refusals.append(
                        "campaign \(campaign.id): " + problems.sorted().joined(separator: "; ")
                            + ". The change is refused and the running ballots go on as they were.")
                }
            }
        }
        return refusals
    }
}
