/// Copeland's method: the candidate who wins the most one-on-one contests.
///
/// Rule: for every pair, the candidate more voters prefer (see `PairwiseMatrix`) wins the
/// contest; a candidate scores 1 for each contest won and 1/2 for each tied contest (Copeland's
/// original rule). Candidates are ranked by score; a Condorcet winner always wins.
///
/// Ties (equal scores, common with few voters): by lot (`TieBreaker`).
enum Copeland {
    static func count(_ box: BallotBox, options: CountOptions) -> Tally {
        let matrix = PairwiseMatrix(box)
        let size = matrix.size
        // Scores are doubled (2 per win, 1 per tie) to stay whole numbers.
        let doubled = (0..<size).map { a in
            (0..<size).reduce(Int64(0)) { score, b in
                guard a != b else { return score }
                return score + (matrix[a, b] > matrix[b, a] ? 2 : matrix[a, b] == matrix[b, a] ? 1 : 0)
            }
        }
        var tally = Tally.oneRound(.copeland, box: box, scores: doubled, options: options)
        tally.pairwise = matrix.rows
        tally.copelandDoubledScores = doubled
        return tally
    }
}
