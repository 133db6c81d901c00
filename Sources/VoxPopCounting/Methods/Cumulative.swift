/// Cumulative voting: each voter spreads a budget of points; the most points wins.
///
/// Rule: each ballot gives each candidate the points the voter put on it (0 or more, at most the
/// budget in all, which the ballot reader or the engine checks). Candidates are ranked by their
/// total points, so the shortlist of N is the N most supported ideas. Ties: by lot (`TieBreaker`).
enum Cumulative {
    static func count(_ box: BallotBox, options: CountOptions) -> Tally {
        .oneRound(.cumulative, box: box, scores: Score.valueSums(box), options: options)
    }
}
