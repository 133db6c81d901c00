import VoxPopFoundation

/// The one tie-breaking rule of every method, so anyone can repeat a count from published data.
///
/// When candidates are equal where a method needs an order (who is excluded, whose surplus goes
/// first, who wins), the candidate with more votes at the end of the most recent earlier round at
/// which they had unequal votes is ahead, as the Scottish Local Government Elections Order 2007
/// (rules 49(2) and 51(2)) does for STV. When they were equal at every round (always, for a
/// one-round method), a lot decides: candidates are ordered by the SHA-256 of the UTF-8 text
/// `SEED:NAME` in lowercase hex, smallest first, and the first is ahead. The seed is printed in
/// the tally; the lot order is fixed before any vote is counted.
public struct TieBreaker: Sendable {
    public let seed: String
    /// Each candidate's place in the lot: 0 is ahead of everyone.
    public let lotPosition: [Int]

    public init(candidates: [String], seed: String) {
        self.seed = seed
        let keys = candidates.map { SHA256.hex(SHA256.hash(Array("\(seed):\($0)".utf8))) }
        let order = candidates.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }
        var position = [Int](repeating: 0, count: candidates.count)
        for (place, candidate) in order.enumerated() { position[candidate] = place }
        lotPosition = position
    }

    /// Whether `a` is ahead of `b` by their votes now, then back through `history` (earliest
    /// round first), then by lot.
    func isAhead(_ a: Int, of b: Int, votes: [Int64], history: [[Int64]]) -> Bool {
        if votes[a] != votes[b] { return votes[a] > votes[b] }
        for round in history.reversed() where round[a] != round[b] { return round[a] > round[b] }
        return lotPosition[a] < lotPosition[b]
    }

    /// `candidates` from first to last by `votes`, ties broken by the rule above. Ties that only
    /// the lot broke are appended to `lots`, each group in lot order.
    func order(_ candidates: [Int], votes: [Int64], history: [[Int64]] = [], lots: inout [[Int]]) -> [Int] {
        let sorted = candidates.sorted { isAhead($0, of: $1, votes: votes, history: history) }
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count, equalEverywhere(sorted[start], sorted[end], votes: votes, history: history) {
                end += 1
            }
            if end - start > 1 { lots.append(Array(sorted[start..<end])) }
            start = end
        }
        return sorted
    }

    /// The candidate who comes last among `candidates` (the one to exclude).
    func last(of candidates: [Int], votes: [Int64], history: [[Int64]], lots: inout [[Int]]) -> Int {
        let lowest = candidates.map { votes[$0] }.min()!
        let tied = candidates.filter { votes[$0] == lowest }
        if tied.count == 1 { return tied[0] }
        return order(tied, votes: votes, history: history, lots: &lots).last!
    }

    private func equalEverywhere(_ a: Int, _ b: Int, votes: [Int64], history: [[Int64]]) -> Bool {
        votes[a] == votes[b] && history.allSatisfy { $0[a] == $0[b] }
    }
}
