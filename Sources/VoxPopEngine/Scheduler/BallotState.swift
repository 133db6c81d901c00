/// Where a ballot is in its life; each step is stored once and never taken back.
public enum BallotState: String, Sendable, Comparable, CaseIterable {
    case scheduled, open, closed, tallied, published

    public static func < (lhs: BallotState, rhs: BallotState) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
