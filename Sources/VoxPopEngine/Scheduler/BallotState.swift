/// Where a ballot is in its life; each step is stored once and never taken back.
public enum BallotState: String, Sendable, Comparable, CaseIterable {
    case scheduled, open, closed, tallied, published

    public static func < (lhs: BallotState, rhs: BallotState) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// An operator request that does not fit the ballot's state, or a failure underneath.
public struct EngineError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable { case unknownBallot, conflict, failed }
    public var kind: Kind
    public var description: String

    init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}
