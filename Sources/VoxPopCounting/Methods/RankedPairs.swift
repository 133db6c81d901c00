/// Ranked pairs (Tideman): lock in the strongest majorities first, skipping any that would close a cycle.
///
/// Rule: every pair with d(a, b) > d(b, a) is a majority a over b. Majorities are taken from the
/// largest winning vote d(a, b) down; equal ones by the smaller opposition d(b, a) first, then by
/// the lot (`TieBreaker`) position of the winner and then of the loser. Each is locked in unless it
/// would create a cycle with those already locked. The ranking is the order of the locked graph:
/// a candidate comes before everyone it has a locked path to; candidates the graph leaves
/// unordered (pairwise ties) are ordered by lot.
///
/// Example: in the Tennessee capital election (Wikipedia, "Ranked pairs") the order is
/// Nashville > Chattanooga > Knoxville > Memphis.
enum RankedPairs {
    static func count(_ box: BallotBox, options: CountOptions) -> Tally {
        let matrix = PairwiseMatrix(box)
        let size = matrix.size
        let tieBreaker = TieBreaker(candidates: box.candidates, seed: options.seed)
        var majorities: [(winner: Int, loser: Int)] = []
        for a in 0..<size {
            for b in 0..<size where matrix[a, b] > matrix[b, a] { majorities.append((a, b)) }
        }
        majorities.sort { x, y in
            if matrix[x.winner, x.loser] != matrix[y.winner, y.loser] {
                return matrix[x.winner, x.loser] > matrix[y.winner, y.loser]
            }
            if matrix[x.loser, x.winner] != matrix[y.loser, y.winner] {
                return matrix[x.loser, x.winner] < matrix[y.loser, y.winner]
            }
            let lot = tieBreaker.lotPosition
            return (lot[x.winner], lot[x.loser]) < (lot[y.winner], lot[y.loser])
        }
        var locked = [[Bool]](repeating: [Bool](repeating: false, count: size), count: size)
        var lockedPairs: [[Int]] = []
        for (winner, loser) in majorities where !reaches(from: loser, to: winner, in: locked) {
            locked[winner][loser] = true
            lockedPairs.append([winner, loser])
        }

        // Kahn's order of the locked graph, taking the lot's favourite among candidates with no
        // locked predecessor left.
        var incoming = (0..<size).map { b in (0..<size).filter { locked[$0][b] }.count }
        var placed = [Bool](repeating: false, count: size)
        var ranking: [Int] = []
        var lots: [[Int]] = []
        while ranking.count < size {
            let free = (0..<size).filter { !placed[$0] && incoming[$0] == 0 }
            let next = free.min { tieBreaker.lotPosition[$0] < tieBreaker.lotPosition[$1] }!
            if free.count > 1 { lots.append(free.sorted { tieBreaker.lotPosition[$0] < tieBreaker.lotPosition[$1] }) }
            placed[next] = true
            ranking.append(next)
            for b in 0..<size where locked[next][b] { incoming[b] -= 1 }
        }
        let wins = (0..<size).map { a in Int64((0..<size).filter { locked[a][$0] }.count) }
        var tally = Tally(
            method: .rankedPairs, seats: 1, candidates: box.candidates, ballots: box.totalWeight,
            winners: [ranking[0]], ranking: ranking, shortlist: options.shortlist,
            rounds: [TallyRound(action: .count, votes: wins, elected: [ranking[0]])],
            seed: options.seed, lots: lots)
        tally.pairwise = matrix.rows
        tally.lockedPairs = lockedPairs
        return tally
    }

    private static func reaches(from start: Int, to target: Int, in locked: [[Bool]]) -> Bool {
        var seen = [Bool](repeating: false, count: locked.count)
        var stack = [start]
        while let node = stack.popLast() {
            if node == target { return true }
            if seen[node] { continue }
            seen[node] = true
            for next in locked.indices where locked[node][next] && !seen[next] { stack.append(next) }
        }
        return false
    }
}
