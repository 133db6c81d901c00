import Foundation
import VoxPopCampaigns
import VoxPopFoundation
import VoxPopStore

/// Several nodes on one shared database (`VoteStore.isShared`): each keeps the ballots' states in
/// memory as one node does, and takes in what the others change as they announce it; one of them
/// at a time runs the scheduler; the database has the last word on every vote.
extension Engine {
    /// Starts taking in the other nodes' changes (a shared store only).
    func listenToOtherNodes() {
        guard store.isShared else { return }
        store.observeChanges { [weak self] change in self?.takeIn(change) }
    }

    /// Takes in a change another node made: reads the ballot's campaign, the invites, or
    /// everything again from the database; a reload of the campaign files goes to the hook the
    /// web layer set (`whenAnotherNodeReloads`).
    func takeIn(_ change: StoreChange) {
        do {
            switch change {
            case .ballot(let id):
                let campaign = state.withLock { state in state.ballots.first { $0.value.id == id }?.key.campaign }
                if let campaign { try refresh(campaigns: [campaign]) }
            case .invites(let campaign):
                let valid = try store.validInvites()[campaign] ?? []
                state.withLock { $0.invites[campaign] = valid }
            case .reload:
                reloadHook.withLock { $0 }?()
            case .everything:
                try refresh(campaigns: campaignIDs)
                let valid = try store.validInvites()
                state.withLock { $0.invites = valid }
            }
        } catch {
            logLine("voxpop: a change from another node could not be read (\(error)); it is read again at the next one")
        }
    }

    /// Runs `body` when another node reloads its campaign files, so this one reloads its own.
    public func whenAnotherNodeReloads(_ body: @escaping @Sendable () -> Void) {
        reloadHook.withLock { $0 = body }
    }

    /// Reads the campaigns' ballots again from the database: states, rules, closes and ideas; a
    /// count kept in memory is dropped.
    func refresh(campaigns ids: [String]) throws {
        let closes = Dictionary(
            try store.transitions().filter { $0.state == BallotState.closed.rawValue }.map {
                (
                    Reference(campaign: $0.campaign, ballot: $0.ballot),
                    Date(timeIntervalSince1970: Double($0.dueAt) / 1000)
                )
            }, uniquingKeysWith: { first, _ in first })
        for id in ids {
            guard let campaign = self.campaign(id) else { continue }
            let loaded = try Self.load(campaign, from: store, closes: closes)
            state.withLock { state in
                for (reference, fresh) in loaded.runtimes {
                    guard var runtime = state.ballots[reference] else { continue }
                    runtime.state = fresh.state
                    runtime.frozen = fresh.frozen ?? runtime.frozen
                    runtime.closedAt = fresh.closedAt ?? runtime.closedAt
                    runtime.ideas = fresh.ideas
                    runtime.fileIdeas = fresh.fileIdeas
                    runtime.closedOptions = fresh.closedOptions
                    runtime.count = nil
                    state.ballots[reference] = runtime
                    state.sharedCounts[reference] = nil
                }
            }
        }
    }

    /// The scheduler's turn: `tick` on the node that holds the scheduler lease (every node, for a
    /// store one process holds). A node that has just taken the lease over reads everything
    /// again first, so it catches up from the database and not from what it last heard.
    @discardableResult
    public func scheduledTick() throws -> [String] {
        guard store.holdsSchedulerLease() else {
            // Said once, so the logs show which node ran the scheduler when (its connection to the
            // database broke, say, and another node took the lease).
            if leading.withLock({ was in
                defer { was = false }
                return was
            }) {
                logLine("voxpop: this node no longer runs the scheduler")
            }
            return []
        }
        if store.isShared {
            if !leading.withLock({ was in
                defer { was = true }
                return was
            }) {
                logLine("voxpop: this node runs the scheduler")
                takeIn(.everything)
            }
            try writeMissingPublications()
        }
        return try tick()
    }

    /// Whether this node writes publication files: always alone; on a shared database, the
    /// scheduler's node only (the others answer results from the database).
    var writesPublications: Bool { store.holdsSchedulerLease() }

    /// The scheduler's node writes the files of every published ballot that has none here (one
    /// published by an operator on another node, or before this node took over).
    func writeMissingPublications() throws {
        let published = state.withLock { state in state.order.filter { state.ballots[$0]?.state == .published } }
        for reference in published {
            let json = publisher.directory.appendingPathComponent("\(reference.campaign)/\(reference.ballot).json")
            guard !FileManager.default.fileExists(atPath: json.path) else { continue }
            let count = try countBallot(reference)
            let id = runtimeOf(reference)!.id
            try publisher.publish(
                try publication(
                    reference, count: count, json: try store.tally(id) ?? publicationJSON(reference, count: count)))
        }
    }

    /// Tells the database when an open ballot closes, once that is known, so it refuses later
    /// votes by its own clock (a shared store; nothing for SQLite).
    func recordCloseDue(_ reference: Reference) throws {
        guard store.isShared else { return }
        let (id, due) = state.withLock { ($0.ballots[reference]?.id, $0.closeDue(reference)) }
        guard let id else { return }
        try store.setCloseDue(id, at: due?.milliseconds)
    }

    /// The ballots whose close waits for `reference`'s (`closes: {"after": ...}`), now known.
    func recordClosesAfter(_ reference: Reference) throws {
        guard store.isShared else { return }
        let waiting = state.withLock { state in
            state.campaigns[reference.campaign]?.ballots.compactMap { ballot -> Reference? in
                guard case .after(let other)? = ballot.closes, other == reference.ballot else { return nil }
                return Reference(campaign: reference.campaign, ballot: ballot.id)
            } ?? []
        }
        for other in waiting { try recordCloseDue(other) }
    }
}
