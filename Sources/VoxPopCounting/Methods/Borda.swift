/// The Borda count: points by rank; the most points wins.
///
/// Rule: with n candidates, a ballot gives n-1 points to its first preference, n-2 to its second,
/// and so on down to 0 for the last; candidates a truncated ballot leaves unranked get 0 points
/// (the ranked ones still get n-1, n-2, ... as if the ballot were complete). Candidates are ranked
/// by points. Ties: by lot (`TieBreaker`).
///
/// Example: the Tennessee capital election (Wikipedia, "Borda count") gives Memphis 126,
/// Nashville 194, Chattanooga 173 and Knoxville 107 points per 100 voters.
enum Borda {
    static func count(_ box: BallotBox, options: CountOptions) -> Tally {
        let top = Int64(box.candidates.count - 1)
        var points = [Int64](repeating: 0, count: box.candidates.count)
        for ballot in 0..<box.count {
            let weight = box.weights[ballot]
            for (rank, choice) in box.choices(of: ballot).enumerated() {
                points[Int(choice)] += weight * (top - Int64(rank))
            }
        }
        return .oneRound(.borda, box: box, scores: points, options: options)
    }
}
