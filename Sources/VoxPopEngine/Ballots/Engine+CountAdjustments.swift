import VoxPopStore

extension Engine {
    /// What a ballot's count takes besides its votes, as stored: the audit reads the same.
    func adjustments(_ ballotID: Int64) throws -> CountAdjustments {
        try Self.adjustments(ballotID, store: store)
    }

    static func adjustments(_ ballotID: Int64, store: any VoteStore) throws -> CountAdjustments {
        CountAdjustments(
            decisions: try store.writeInDecisions(ballotID), labels: try store.writeInLabels(ballotID),
            withdrawn: Set(try store.withdrawals(ballotID)),
            merges: try store.ideaNotes(ballotID).compactMapValues(\.mergedInto))
    }
}
