/// What a ballot's count takes besides its votes and frozen rules: the operators' decisions on
/// write-ins and their labels, options withdrawn before publication, and ideas merged into
/// others. The engine and the audit read them from the store alike, so a recount is the count.
struct CountAdjustments: Sendable {
    var decisions: [String: WriteInDecision] = [:]
    /// Display labels of write-in groups, by folded key.
    var labels: [String: String] = [:]
    /// Option ids (a file option's, a write-in group's, an idea's) counted as never having stood.
    var withdrawn: Set<String> = []
    /// Idea option ids counted as the idea they were merged into.
    var merges: [String: String] = [:]
}
