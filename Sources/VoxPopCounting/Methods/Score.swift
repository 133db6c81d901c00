/// Score (range) voting: each voter rates candidates; the highest total wins.
///
/// Rule: each ballot rates candidates from 0 to the ballot's maximum score; a candidate the voter
/// leaves unrated gets 0 from that ballot. Candidates are ranked by the sum of their ratings.
/// Ties: by lot (`TieBreaker`).
enum Score {
    static func count(_ box: BallotBox, options: CountOptions) -> Tally {
        .oneRound(.score, box: box, scores: valueSums(box), options: options)
    }

    /// Each candidate's weighted sum of the values ballots give it.
    static func valueSums(_ box: BallotBox) -> [Int64] {
        var sums = [Int64](repeating: 0, count: box.candidates.count)
        for ballot in 0..<box.count {
            let weight = box.weights[ballot]
            for (choice, value) in zip(box.choices(of: ballot), box.values(of: ballot)) {
                sums[Int(choice)] += weight * Int64(value)
            }
        }
        return sums
    }
}
