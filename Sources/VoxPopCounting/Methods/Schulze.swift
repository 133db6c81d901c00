/// The Schulze method (beatpath): the Condorcet winner if there is one, else the strongest paths decide.
///
/// Rule: from the pairwise counts d(a, b), a link a→b has strength d(a, b) when d(a, b) > d(b, a)
/// (winning votes), else 0. The strength of a path is its weakest link; p(a, b) is the strength
/// of the strongest path from a to b (widest paths, Floyd–Warshall). a ranks above b when
/// p(a, b) > p(b, a); this order is transitive (Schulze 2011, "A new monotonic, clone-independent,
/// reversal symmetric, and Condorcet-consistent single-winner election method", section 4).
/// Candidates are ranked by how many others they rank above.
///
/// Ties (p(a, b) = p(b, a), so several potential winners): by lot (`TieBreaker`).
///
/// Example: the 45-voter example of Schulze's paper and Wikipedia ranks E > A > C > B > D.
enum Schulze {
    static func count(_ box: BallotBox, options: CountOptions) -> Tally {
        let matrix = PairwiseMatrix(box)
        let size = matrix.size
        var paths = [[Int64]](repeating: [Int64](repeating: 0, count: size), count: size)
        for a in 0..<size {
            for b in 0..<size where a != b && matrix[a, b] > matrix[b, a] { paths[a][b] = matrix[a, b] }
        }
        for via in 0..<size {
            for a in 0..<size where a != via {
                for b in 0..<size where b != via && b != a {
                    paths[a][b] = max(paths[a][b], min(paths[a][via], paths[via][b]))
                }
            }
        }
        let beaten = (0..<size).map { a in Int64((0..<size).filter { paths[a][$0] > paths[$0][a] }.count) }
        let tieBreaker = TieBreaker(candidates: box.candidates, seed: options.seed)
        var lots: [[Int]] = []
        let ranking = tieBreaker.order(Array(0..<size), votes: beaten, lots: &lots)
        var tally = Tally(
            method: .schulze, seats: 1, candidates: box.candidates, ballots: box.totalWeight,
            winners: Array(ranking.prefix(1)), ranking: ranking, shortlist: options.shortlist,
            rounds: [TallyRound(action: .count, votes: beaten, elected: Array(ranking.prefix(1)))],
            seed: options.seed, lots: lots)
        tally.pairwise = matrix.rows
        tally.strongestPaths = paths
        return tally
    }
}
