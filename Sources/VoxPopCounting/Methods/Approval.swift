/// Approval voting: each voter approves any number of candidates; the most approvals wins.
///
/// Rule: each ballot gives one vote to each candidate it lists, up to `maxChoices` of them (a
/// ranked ballot approves its first `maxChoices` preferences; without `maxChoices`, all it
/// lists). Candidates are ranked by approvals. Ties: by lot (`TieBreaker`).
enum Approval {
    static func count(_ box: BallotBox, options: CountOptions) -> Tally {
        var votes = [Int64](repeating: 0, count: box.candidates.count)
        let limit = options.maxChoices ?? Int.max
        for ballot in 0..<box.count {
            let weight = box.weights[ballot]
            for choice in box.choices(of: ballot).prefix(limit) { votes[Int(choice)] += weight }
        }
        return .oneRound(.approval, box: box, scores: votes, options: options)
    }
}
