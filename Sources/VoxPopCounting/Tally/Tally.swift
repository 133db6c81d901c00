/// The result of a count: the winners, the full order of candidates, and every round, so anyone
/// can follow and repeat it.
public struct Tally: Sendable {
    public var method: CountingMethod
    /// For `stv`, the rule used (`scottish` or `meek`).
    public var rule: String?
    public var seats: Int
    public var candidates: [String]
    /// Voters counted (blank and exhausted ballots included).
    public var ballots: Int64
    /// Candidate indexes, in the order elected.
    public var winners: [Int]
    /// Every candidate, best first; the shortlist is its head.
    public var ranking: [Int]
    /// How many of the ranking's head were asked for as the shortlist, if any.
    public var shortlist: Int?
    public var rounds: [TallyRound]
    /// Every vote figure is in units of 1/`scale`: 1 for whole votes, 100,000 for STV's five decimals.
    public var scale: Int64 = 1
    /// The STV quota, in units of 1/`scale`.
    public var quota: Int64?
    /// The seed the lots were drawn from, and each tie that only a lot could break.
    public var seed: String
    public var lots: [[Int]] = []
    /// For the Condorcet methods: `pairwise[a][b]` voters prefer a to b.
    public var pairwise: [[Int64]]?
    /// Schulze: the strength of the strongest path from a to b.
    public var strongestPaths: [[Int64]]?
    /// Ranked pairs: the majorities locked in, in the order they were considered and locked.
    public var lockedPairs: [[Int]]?
    /// Copeland: wins plus half the pairwise ties, doubled so they stay whole numbers.
    public var copelandDoubledScores: [Int64]?
}

/// One round of a count (one stage in STV's terms).
public struct TallyRound: Sendable {
    public enum Action: Sendable, Equatable {
        /// A one-round method's count.
        case count
        /// First preferences (the first stage of IRV and STV).
        case firstPreferences
        /// A surplus of the candidate transferred (STV).
        case surplus(Int)
        /// The candidate excluded and their ballots transferred (IRV, STV).
        case exclusion(Int)
        /// Meek's method: keep values adjusted until the surpluses are within tolerance.
        case iteration
    }

    public var action: Action
    /// Each candidate's votes at the end of the round, in units of 1/`Tally.scale`.
    public var votes: [Int64]
    /// Each candidate's change during the round; nil for a first round.
    public var transfers: [Int64]?
    /// Votes that went to no one because the ballot had no further preference, so far.
    public var nonTransferable: Int64 = 0
    /// Votes lost to rounding down transfer values (STV), so far.
    public var lossByFractions: Int64 = 0
    /// Ballots counting for no candidate at the end of the round (RCTab's inactive ballots):
    /// blank ones and those with no continuing preference left, in units of 1/`Tally.scale`. A
    /// ranked count's rounds each add up: votes + inactive + lossByFractions = ballots × scale.
    public var inactive: Int64 = 0
    /// Candidates who reached the quota or won in this round, in order.
    public var elected: [Int] = []
    /// Candidates excluded in this round.
    public var excluded: [Int] = []
}

extension Tally {
    /// The count of a ballot that has no options (a nomination nobody wrote in): no winners, no
    /// rounds, but the voters still on record.
    public static func empty(method: CountingMethod, seats: Int, ballots: Int64, shortlist: Int?, seed: String) -> Tally
    {
        Tally(
            method: method, seats: seats, candidates: [], ballots: ballots, winners: [], ranking: [],
            shortlist: shortlist, rounds: [], seed: seed)
    }
}
