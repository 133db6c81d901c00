import Foundation
import VoxPopCampaigns
import VoxPopCounting
import VoxPopStore

/// Runs the campaigns: opens and closes ballots on time, takes votes, counts and publishes.
///
/// Every step of a ballot (`scheduled → open → closed → tallied → published`) is a stored
/// transition that happens once (`Store.transition`). The engine keeps no state the database does
/// not have, so a fresh engine on the same database after a crash or restart simply resumes:
/// `tick()` takes every step whose time has come, including those missed while it was down.
///
/// Threads: votes may come from any thread; `stateLock` guards the ballots' in-memory states and
/// is held only for checks and queueing. `schedulerLock` serialises the steps themselves, which
/// may count a million votes and must not stall voting on other ballots.
public final class Engine: @unchecked Sendable {
    // @unchecked: `campaigns`, `order` and `ballots` are guarded by `stateLock`; steps by `schedulerLock`.
    struct Reference: Hashable {
        var campaign: String
        var ballot: String
    }

    struct Runtime {
        var id: Int64
        var state: BallotState
        var frozen: FrozenBallot?
        /// When the ballot was due to close, once it has closed.
        var closedAt: Date?
        /// The last count, kept between tallying and publishing (recomputed after a restart).
        var count: BallotCount?
        /// The public ideas of an idea forum, oldest first: options beside the frozen ones.
        var ideas: [Idea] = []

        /// The rules votes are checked and counted under: the frozen ones, with the public ideas
        /// as further options.
        var voting: FrozenBallot? {
            guard var rules = frozen, !ideas.isEmpty else { return frozen }
            rules.options += ideas.map(\.option)
            return rules
        }
    }

    let store: Store
    let clock: any Clock
    let publisher: Publisher
    let key: VoterKey
    let stateLock = NSLock()
    let schedulerLock = NSLock()
    /// Serialises changes to an idea forum's ideas with the options built from them.
    let ideaLock = NSLock()
    var campaigns: [String: Campaign] = [:]
    var order: [Reference] = []
    var ballots: [Reference: Runtime] = [:]

    public init(campaigns: [Campaign], store: Store, clock: any Clock, publisher: Publisher, key: VoterKey) throws {
        self.store = store
        self.clock = clock
        self.publisher = publisher
        self.key = key
        let closes = Dictionary(
            try store.transitions().filter { $0.state == BallotState.closed.rawValue }.map {
                (
                    Reference(campaign: $0.campaign, ballot: $0.ballot),
                    Date(timeIntervalSince1970: Double($0.dueAt) / 1000)
                )
            }, uniquingKeysWith: { first, _ in first })
        for campaign in campaigns.sorted(by: { $0.id < $1.id }) {
            try add(campaign, closes: closes)
        }
    }

    func add(_ campaign: Campaign, closes: [Reference: Date] = [:]) throws {
        campaigns[campaign.id] = campaign
        for ballot in campaign.ballots {
            let reference = Reference(campaign: campaign.id, ballot: ballot.id)
            if ballots[reference] != nil { continue }
            let record = try store.ballot(campaign: campaign.id, ballot: ballot.id)
            ballots[reference] = Runtime(
                id: record.id, state: BallotState(rawValue: record.state) ?? .scheduled,
                frozen: record.definition.flatMap(FrozenBallot.decode), closedAt: closes[reference],
                ideas: ballot.writeIns == nil ? [] : try store.ideas(record.id).map(Idea.init).filter(\.status.isPublic)
            )
            order.append(reference)
        }
    }

    /// The state of a ballot, or nil for an unknown one.
    public func state(campaign: String, ballot: String) -> BallotState? {
        stateLock.withLock { ballots[Reference(campaign: campaign, ballot: ballot)]?.state }
    }

    /// The options a ballot is voted on: frozen once open, else as the campaign file lists them.
    public func options(campaign: String, ballot: String) -> [FrozenBallot.Option]? {
        stateLock.withLock {
            let reference = Reference(campaign: campaign, ballot: ballot)
            if let rules = ballots[reference]?.voting { return rules.options }
            return campaigns[campaign]?.ballot(ballot).map(FrozenBallot.options)
        }
    }

    /// Every transition so far, oldest first.
    public func transitions() throws -> [Store.Transition] { try store.transitions() }

    /// The stored tally JSON of a ballot once counted (before or after publication).
    public func tally(campaign: String, ballot: String) throws -> String? {
        guard let runtime = stateLock.withLock({ ballots[Reference(campaign: campaign, ballot: ballot)] }) else {
            return nil
        }
        return try store.ballot(campaign: campaign, ballot: ballot).tally.flatMap {
            runtime.state >= .tallied ? $0 : nil
        }
    }
}
