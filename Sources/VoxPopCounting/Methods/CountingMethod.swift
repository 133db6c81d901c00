/// The counting methods, by the names campaign files and scripts use (fixed: docs/counting.md).
///
/// A campaign file names one of these per ballot (`"method": "schulze"`); `voxpop tally --method`
/// takes the same names. The raw values are part of the public contract: never rename them.
public enum CountingMethod: String, CaseIterable, Sendable, Hashable {
    case plurality
    case approval
    case borda
    case score
    case cumulative
    case irv
    case stv
    case schulze
    case rankedPairs = "ranked-pairs"
    case copeland

    /// What a voter hands in for this method.
    public enum BallotShape: Sendable, Hashable {
        /// Exactly one option.
        case single
        /// Any number of options, unordered, up to `maxChoices`.
        case approval
        /// Options in preference order, possibly truncated.
        case ranking
        /// A rating from 0 to `maxScore` for each option the voter rates.
        case ratings
        /// Points spread over options, at most `budget` in all.
        case points

        /// A value per option (ratings or points), not a choice of options.
        public var takesValues: Bool { self == .ratings || self == .points }
    }

    public var ballotShape: BallotShape {
        switch self {
        case .plurality: .single
        case .approval: .approval
        case .score: .ratings
        case .cumulative: .points
        case .borda, .irv, .stv, .schulze, .rankedPairs, .copeland: .ranking
        }
    }

    /// Whether the method elects several winners by itself (`seats`); every other method
    /// still yields a ranked shortlist of its top N.
    public var takesSeats: Bool { self == .stv }

    /// Common other names for a method, so an error can say "did you mean".
    public static let aliases: [String: CountingMethod] = [
        "fptp": .plurality, "first-past-the-post": .plurality, "majority": .plurality,
        "instant-runoff": .irv, "rcv": .irv, "ranked-choice": .irv, "alternative-vote": .irv, "av": .irv,
        "single-transferable-vote": .stv, "meek": .stv,
        "tideman": .rankedPairs, "rankedpairs": .rankedPairs, "ranked_pairs": .rankedPairs,
        "condorcet": .schulze, "beatpath": .schulze,
        "range": .score, "star": .score,
        "dot-voting": .cumulative, "budget": .cumulative,
    ]
}
