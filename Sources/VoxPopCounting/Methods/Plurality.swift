/// Plurality ("first past the post"): one vote per voter; the most votes wins.
///
/// Rule: each ballot counts once for its first choice (a ranked ballot for its first preference);
/// a blank ballot counts for no one. Candidates are ranked by votes, so the shortlist of N is the
/// N most voted. Ties: by lot (`TieBreaker`), since there is no earlier round.
enum Plurality {
    static func count(_ box: BallotBox, options: CountOptions) -> Tally {
        var votes = [Int64](repeating: 0, count: box.candidates.count)
        for ballot in 0..<box.count where box.starts[ballot] < box.starts[ballot + 1] {
            votes[Int(box.choices[Int(box.starts[ballot])])] += box.weights[ballot]
        }
        return .oneRound(.plurality, box: box, scores: votes, options: options)
    }
}
