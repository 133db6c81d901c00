import VoxPopStore

extension VoteStore {
    /// A ballot's write-in decisions, by folded key, as the engine counts with them.
    func writeInDecisions(_ ballotID: Int64) throws -> [String: VoxPopEngine.WriteInDecision] {
        try decisions(ballotID).mapValues { VoxPopEngine.WriteInDecision(action: $0.action, into: $0.into) }
    }
}
