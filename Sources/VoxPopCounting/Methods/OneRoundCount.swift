extension Tally {
    /// The tally of a method that scores each candidate once and ranks them by score.
    static func oneRound(
        _ method: CountingMethod, box: BallotBox, scores: [Int64], options: CountOptions
    ) -> Tally {
        oneRound(method, candidates: box.candidates, ballots: box.totalWeight, scores: scores, options: options)
    }

    /// The same from the scores alone, as a running count keeps them: one rule for both.
    static func oneRound(
        _ method: CountingMethod, candidates: [String], ballots: Int64, scores: [Int64], options: CountOptions
    ) -> Tally {
        let tieBreaker = TieBreaker(candidates: candidates, seed: options.seed)
        var lots: [[Int]] = []
        let ranking = tieBreaker.order(Array(candidates.indices), votes: scores, lots: &lots)
        let winners = Array(ranking.prefix(1))
        return Tally(
            method: method, seats: 1, candidates: candidates, ballots: ballots, winners: winners, ranking: ranking,
            shortlist: options.shortlist, rounds: [TallyRound(action: .count, votes: scores, elected: winners)],
            seed: options.seed, lots: lots)
    }
}
