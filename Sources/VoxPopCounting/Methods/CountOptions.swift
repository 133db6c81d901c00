/// What a count needs besides the ballots.
public struct CountOptions: Sendable {
    /// Winners to elect (stv); 1 for every other method.
    public var seats = 1
    /// Approval: each ballot approves at most its first `maxChoices` choices.
    public var maxChoices: Int?
    /// How many of the top candidates to list as the shortlist.
    public var shortlist: Int?
    /// The seed of the tie-breaking lot (see `TieBreaker`).
    public var seed = "voxpop"
    /// Which STV rules count an `stv` ballot.
    public var stvRule = STVRule.scottish

    public enum STVRule: String, Sendable, CaseIterable {
        /// The Scottish Local Government Elections Order 2007: `ScottishSTV`.
        case scottish
        /// Meek's method: `MeekSTV`.
        case meek
    }

    public init(seats: Int = 1, maxChoices: Int? = nil, shortlist: Int? = nil, seed: String = "voxpop") {
        self.seats = seats
        self.maxChoices = maxChoices
        self.shortlist = shortlist
        self.seed = seed
    }
}

/// A count that cannot be made as asked.
public struct CountError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
}
