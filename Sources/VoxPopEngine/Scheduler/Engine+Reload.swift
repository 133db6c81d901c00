import VoxPopCampaigns

extension Engine {
    /// Takes new campaign definitions (already checked by `voxpop check`'s rules) without
    /// disturbing running ballots: a campaign whose file would change an open (or finished)
    /// ballot's options, method or rules, or drop such a ballot, keeps its old definition, and the
    /// refusal says why. Schedules and texts may change; new ballots and campaigns are added.
    /// Returns one message per refused campaign.
    public func reload(_ updated: [Campaign], by operatorName: String = "operator", announced: Bool = true) throws
        -> [String]
    {
        // The stored records are read first, outside the lock; the changes are then judged and
        // made in one step under it, so a vote or a suggestion sees the old campaign or the new.
        let loaded = try updated.sorted(by: { $0.id < $1.id }).map { try Self.load($0, from: store) }
        let refused = state.withLock { state in
            var refusals: [String] = []
            for entry in loaded {
                let problems = Self.changes(to: entry.campaign, in: state)
                if problems.isEmpty {
                    entry.apply(to: &state)
                } else {
                    refusals.append(
                        "campaign \(entry.campaign.id): " + problems.sorted().joined(separator: "; ")
                            + ". The change is refused and the running ballots go on as they were.")
                }
            }
            return refusals
        }
        // A moved close instant of an open ballot: the database refuses votes by it (a shared
        // database; nothing for SQLite), so it must learn the new one, or it would go on refusing
        // by the old.
        let open = state.withLock { state in
            state.order.filter { reference in
                loaded.contains { $0.campaign.id == reference.campaign } && state.ballots[reference]?.state == .open
            }
        }
        for reference in open { try recordCloseDue(reference) }
        // The other nodes reload their own files (a shared database); not one that is itself
        // answering another's announcement.
        if announced { try store.announce(.reload) }
        try record(
            operatorName, "reload", nil, nil,
            "\(updated.count - refused.count) of \(updated.count) campaigns loaded"
                + (refused.isEmpty ? "" : "; refused: " + refused.joined(separator: " ")))
        return refused
    }

    /// What `campaign` would change of its ballots that are open or done, in words.
    private static func changes(to campaign: Campaign, in state: State) -> [String] {
        var problems: [String] = []
        for (reference, runtime) in state.ballots where reference.campaign == campaign.id && runtime.state >= .open {
            guard let frozen = runtime.frozen else { continue }
            guard let ballot = campaign.ballot(reference.ballot) else {
                problems.append("ballot \(reference.ballot) is \(runtime.state.rawValue) and cannot be removed")
                continue
            }
            let options = ballot.optionsFrom == nil ? FrozenBallot.options(of: ballot) : []
            let changed = FrozenBallot(ballot: ballot, campaign: campaign, options: options).differences(from: frozen)
            if !changed.isEmpty {
                problems.append(
                    "ballot \(reference.ballot) is \(runtime.state.rawValue); its \(changed.joined(separator: ", ")) cannot change"
                )
            }
        }
        return problems
    }
}
