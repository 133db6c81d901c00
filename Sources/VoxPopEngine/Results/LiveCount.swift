import Foundation
import VoxPopCounting
import VoxPopFoundation
import VoxPopStore

/// An open ballot's count with live results, kept up to date as votes commit, so that a results
/// request neither syncs the writer nor reads a vote.
///
/// The writer tells it the counted votes when watching starts and then every vote as its
/// transaction commits (`CountedVotesWatcher`), on the writer's thread, in commit order: so the
/// running count never misses or repeats a vote. One-round methods keep what their tally needs
/// (`.grouped`: identical vote texts with their number, for plurality and approval, whose
/// distinct votes are few; `.sums`: each option's points, for score and cumulative, whose
/// distinct votes may be as many as the voters). Ranked methods keep the grouped texts and are
/// counted again at most every `rankedInterval`, off the caller's thread; an answer says when it
/// was counted.
final class LiveCount: CountedVotesWatcher, Sendable {
    enum Kind: Sendable {
        case grouped, sums, ranked
    }

    /// A count made, with what it counted and when.
    struct Counted: Sendable {
        var count: BallotCount
        var version: Int
        var at: Date
    }

    private struct State {
        var texts: [String: Int] = [:]
        var sums: [String: Int64] = [:]
        var ballots = 0
        /// Bumped at every change, so a count knows what it saw.
        var version = 0
        var started = false
        var failure: String?
        var counted: Counted?
        var recounting = false
        /// Options or decisions changed: the next request counts again, however recent the last.
        var outdated = false
    }

    let kind: Kind
    private let state = Locked(State())
    /// How old a one-round count may be before a request makes a new one.
    static let oneRoundInterval = 0.25
    /// How often a ranked count is made again while it is asked for.
    static let rankedInterval = 0.5

    init(method: CountingMethod) {
        switch method {
        case .plurality, .approval: kind = .grouped
        case .score, .cumulative: kind = .sums
        default: kind = .ranked
        }
    }

    func start(_ votes: [(text: String, weight: Int)]) {
        state.withLock { state in
            for (text, weight) in votes { Self.add(text, weight, to: &state, kind: kind) }
            state.started = true
            state.version += 1
        }
    }

    func committed(_ vote: String, replacing: String?) {
        state.withLock { state in
            if let replacing { Self.add(replacing, -1, to: &state, kind: kind) }
            Self.add(vote, 1, to: &state, kind: kind)
            state.version += 1
        }
    }

    /// Something beside the votes changed (a write-in decision, an idea made public): the next
    /// request counts again.
    func invalidate() {
        state.withLock {
            $0.version += 1
            $0.outdated = true
        }
    }

    func failed(_ why: String) {
        state.withLock { $0.failure = why }
    }

    /// Whether the writer has handed over the votes (watching started, and did not fail).
    var isReady: Bool { state.withLock { $0.started && $0.failure == nil } }

    private static func add(_ text: String, _ weight: Int, to state: inout State, kind: Kind) {
        state.ballots += weight
        switch kind {
        case .grouped, .ranked:
            let now = state.texts[text, default: 0] + weight
            state.texts[text] = now == 0 ? nil : now
        case .sums:
            guard case .points(let points)? = Vote(text: text) else { return }
            for (option, value) in points { state.sums[option, default: 0] += Int64(value) * Int64(weight) }
        }
    }

    /// The count now (or, for a ranked ballot, as of its last recount), made by `recount` from
    /// the votes kept when the last one is too old. Never touches the store itself.
    func current(
        now: Date,
        recount:
            @escaping @Sendable (_ texts: [(text: String, weight: Int)], _ sums: [String: Int64], _ ballots: Int) throws
            -> BallotCount
    ) throws -> Counted {
        let (snapshot, counted, stale) = state.withLock {
            state -> ((texts: [(String, Int)], sums: [String: Int64], ballots: Int, version: Int)?, Counted?, Bool) in
            let interval = kind == .ranked ? Self.rankedInterval : Self.oneRoundInterval
            let fresh =
                !state.outdated
                && (state.counted.map { $0.version == state.version || now.timeIntervalSince($0.at) < interval }
                    ?? false)
            if fresh { return (nil, state.counted, false) }
            if kind == .ranked, state.counted != nil, !state.outdated {
                // Answer with the last count; one recount at a time runs in the background.
                guard !state.recounting else { return (nil, state.counted, false) }
                state.recounting = true
                return (
                    (state.texts.map { ($0.key, $0.value) }, state.sums, state.ballots, state.version), state.counted,
                    true
                )
            }
            state.outdated = false
            return ((state.texts.map { ($0.key, $0.value) }, state.sums, state.ballots, state.version), nil, false)
        }
        guard let snapshot else { return counted! }
        if stale, let counted {
            DispatchQueue.global(qos: .utility).async { [self] in
                let made = try? recount(snapshot.texts, snapshot.sums, snapshot.ballots)
                state.withLock { state in
                    state.recounting = false
                    if let made { state.counted = Counted(count: made, version: snapshot.version, at: Date()) }
                }
            }
            return counted
        }
        let made = Counted(
            count: try recount(snapshot.texts, snapshot.sums, snapshot.ballots), version: snapshot.version, at: now)
        state.withLock { state in
            if state.counted.map({ $0.version < made.version }) ?? true { state.counted = made }
        }
        return made
    }
}
