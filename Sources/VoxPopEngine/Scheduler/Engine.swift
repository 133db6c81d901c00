import Foundation
import VoxPopCampaigns
import VoxPopCounting
import VoxPopFoundation
import VoxPopStore

/// Runs the campaigns: opens and closes ballots on time, takes votes, counts and publishes.
///
/// Every step of a ballot (`scheduled → open → closed → tallied → published`) is a stored
/// transition that happens once (`Store.transition`). The engine keeps no state the database does
/// not have, so a fresh engine on the same database after a crash or restart simply resumes:
/// `tick()` takes every step whose time has come, including those missed while it was down.
///
/// Threads: votes may come from any thread. The ballots' in-memory states live in `state`, a
/// `Locked` value held only for checks and queueing: nothing reaches them outside `withLock`.
/// `schedulerLock` serialises the steps themselves, which may count a million votes and must not
/// stall voting on other ballots; `ideaLock` serialises an idea forum's changes with the options
/// built from them.
public final class Engine: Sendable {
    struct Reference: Hashable, Sendable {
        var campaign: String
        var ballot: String
    }

    struct Runtime: Sendable {
        var id: Int64
        var state: BallotState
        var frozen: FrozenBallot?
        /// When the ballot was due to close, once it has closed.
        var closedAt: Date?
        /// The last count, kept between tallying and publishing (recomputed after a restart).
        var count: BallotCount?
        /// The public ideas of an idea forum, oldest first: options beside the frozen ones.
        var ideas: [Idea] = []
        /// The forum's own options as ideas, with the statuses, merges and replies operators gave.
        var fileIdeas: [Idea] = []
        /// Options that take no more points: declined ideas, and ideas merged into others.
        var closedOptions: Set<String> = []

        /// The rules votes are checked and counted under: the frozen ones, with the public ideas
        /// as further options.
        var voting: FrozenBallot? {
            guard var rules = frozen, !ideas.isEmpty else { return frozen }
            rules.options += ideas.map(\.option)
            return rules
        }
    }

    /// What the engine holds in memory, reachable only under `state`'s lock.
    struct State: Sendable {
        var campaigns: [String: Campaign] = [:]
        var order: [Reference] = []
        var ballots: [Reference: Runtime] = [:]
        /// Each invite campaign's codes, as keyed hashes.
        var invites: [String: Set<[UInt8]>] = [:]
        /// Recent votes per voter and ballot, to stop floods.
        var flood = VoteFlood()
        /// The running counts of open ballots with live results.
        var live: [Reference: LiveCount] = [:]
        /// On a shared database: live results counted from it, kept a second (other nodes' votes
        /// never pass through this node's writer, so there is no running count to keep).
        var sharedCounts: [Reference: LiveCount.Counted] = [:]

        /// When an open ballot is due to close; nil for never (or not yet known).
        func closeDue(_ reference: Reference) -> Date? {
            switch campaigns[reference.campaign]?.ballot(reference.ballot)?.closes {
            case nil: return nil
            case .at(let date): return date
            case .after(let other): return ballots[Reference(campaign: reference.campaign, ballot: other)]?.closedAt
            }
        }
    }

    let store: any VoteStore
    let clock: any Clock
    let publisher: Publisher
    let key: VoterKey
    let state: Locked<State>
    let schedulerLock = NSLock()
    let ideaLock = NSLock()
    /// Prints a line of the server's log (each operator action and scheduler step).
    let logLine: @Sendable (String) -> Void
    /// What to do when another node reloads its campaign files (`whenAnotherNodeReloads`).
    let reloadHook = Locked<(@Sendable () -> Void)?>(nil)
    /// Whether this node ran the scheduler at its last turn (`scheduledTick`).
    let leading = Locked(false)

    public init(
        campaigns: [Campaign], store: any VoteStore, clock: any Clock, publisher: Publisher, key: VoterKey,
        logLine: @escaping @Sendable (String) -> Void = { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
    ) throws {
        self.store = store
        self.logLine = logLine
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
        var initial = State()
        initial.invites = try store.validInvites()
        for campaign in campaigns.sorted(by: { $0.id < $1.id }) {
            try Self.load(campaign, from: store, closes: closes).apply(to: &initial)
        }
        state = Locked(initial)
        for (reference, runtime) in initial.ballots where runtime.state == .open {
            if let frozen = runtime.frozen { watchLive(reference, runtime.id, frozen) }
            try recordCloseDue(reference)
        }
        listenToOtherNodes()
    }

    /// Starts a running count for an open ballot that shows live results.
    func watchLive(_ reference: Reference, _ id: Int64, _ frozen: FrozenBallot) {
        guard frozen.results == ResultsVisibility.live.rawValue else { return }
        let live = LiveCount(method: frozen.countingMethod)
        state.withLock { $0.live[reference] = live }
        store.watch(ballotID: id, live)
    }

    /// Tells a ballot's running count that its options or decisions changed.
    func invalidateLive(_ reference: Reference) {
        state.withLock {
            $0.sharedCounts[reference] = nil
            return $0.live[reference]
        }?.invalidate()
    }

    /// Ends a ballot's running count (it closed).
    func unwatchLive(_ reference: Reference, _ id: Int64) {
        guard state.withLock({ $0.live.removeValue(forKey: reference) }) != nil else { return }
        store.watch(ballotID: id, nil)
    }

    /// A campaign with the stored records of its ballots, read from the store before it is taken
    /// in under the lock (so a reload never holds voters up while it reads).
    struct Loaded: Sendable {
        var campaign: Campaign
        var runtimes: [(Reference, Runtime)]

        /// Takes the campaign in; ballots the engine runs already keep their running state.
        func apply(to state: inout State) {
            state.campaigns[campaign.id] = campaign
            for (reference, runtime) in runtimes where state.ballots[reference] == nil {
                state.ballots[reference] = runtime
                state.order.append(reference)
            }
        }
    }

    static func load(_ campaign: Campaign, from store: any VoteStore, closes: [Reference: Date] = [:]) throws -> Loaded
    {
        var runtimes: [(Reference, Runtime)] = []
        for ballot in campaign.ballots {
            let reference = Reference(campaign: campaign.id, ballot: ballot.id)
            let record = try store.ballot(campaign: campaign.id, ballot: ballot.id)
            var runtime = Runtime(
                id: record.id, state: BallotState(rawValue: record.state) ?? .scheduled,
                frozen: record.definition.flatMap(FrozenBallot.decode), closedAt: closes[reference])
            if ballot.takesIdeas {
                let forum = try Self.forum(
                    record.id, options: runtime.frozen?.options ?? FrozenBallot.options(of: ballot), store: store)
                runtime.ideas = forum.ideas
                runtime.fileIdeas = forum.fileIdeas
                runtime.closedOptions = forum.closed
            }
            runtimes.append((reference, runtime))
        }
        return Loaded(campaign: campaign, runtimes: runtimes)
    }

    /// The runtime of a ballot, or nil for an unknown one.
    func runtimeOf(_ reference: Reference) -> Runtime? {
        state.withLock { $0.ballots[reference] }
    }

    /// The runtime of a ballot, or the error naming what is unknown: the campaign or the ballot.
    func known(_ reference: Reference) throws(EngineError) -> Runtime {
        let (campaign, runtime) = state.withLock { ($0.campaigns[reference.campaign], $0.ballots[reference]) }
        guard campaign != nil else { throw EngineError(.unknownCampaign, "no campaign \(reference.campaign)") }
        guard let runtime else {
            throw EngineError(.unknownBallot, "campaign \(reference.campaign) has no ballot \(reference.ballot)")
        }
        return runtime
    }

    /// The state of a ballot, or nil for an unknown one.
    public func state(campaign: String, ballot: String) -> BallotState? {
        runtimeOf(Reference(campaign: campaign, ballot: ballot))?.state
    }

    /// The options a ballot is voted on: frozen once open, else as the campaign file lists them.
    public func options(campaign: String, ballot: String) -> [FrozenBallot.Option]? {
        state.withLock {
            if let rules = $0.ballots[Reference(campaign: campaign, ballot: ballot)]?.voting { return rules.options }
            return $0.campaigns[campaign]?.ballot(ballot).map(FrozenBallot.options)
        }
    }

    /// Every transition so far, oldest first.
    public func transitions() throws -> [Store.Transition] { try store.transitions() }

    /// The stored tally JSON of a ballot once counted (before or after publication).
    public func tally(campaign: String, ballot: String) throws -> String? {
        guard let runtime = runtimeOf(Reference(campaign: campaign, ballot: ballot)), runtime.state >= .tallied else {
            return nil
        }
        return try store.tally(runtime.id)
    }
}
