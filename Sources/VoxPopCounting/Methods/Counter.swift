/// Counts a ballot box with a method: the one entry point of the counting module.
public enum Counter {
    public static func count(_ box: BallotBox, method: CountingMethod, options: CountOptions) throws(CountError)
        -> Tally
    {
        guard !box.candidates.isEmpty else { throw CountError(description: "there are no candidates to count") }
        if options.seats != 1, method != .stv {
            throw CountError(
                description: "\(method.rawValue) elects one winner; use stv for \(options.seats) seats, or a shortlist")
        }
        if options.seats < 1 { throw CountError(description: "seats must be at least 1") }
        if let maxChoices = options.maxChoices, maxChoices < 1 {
            throw CountError(description: "max choices must be at least 1")
        }
        if box.hasValues != [.score, .cumulative].contains(method) {
            throw CountError(
                description: box.hasValues
                    ? "\(method.rawValue) needs rankings or choices, but these ballots carry ratings or points"
                    : "\(method.rawValue) needs ratings or points on each ballot (a CSV ballot file)")
        }
        var tally: Tally
        switch method {
        case .plurality: tally = Plurality.count(box, options: options)
        case .approval: tally = Approval.count(box, options: options)
        case .borda: tally = Borda.count(box, options: options)
        case .score: tally = Score.count(box, options: options)
        case .cumulative: tally = Cumulative.count(box, options: options)
        case .irv: tally = InstantRunoff.count(box, options: options)
        case .stv:
            switch options.stvRule {
            case .scottish: tally = ScottishSTV.count(box, options: options)
            case .meek: tally = MeekSTV.count(box, options: options)
            }
        case .schulze: tally = Schulze.count(box, options: options)
        case .rankedPairs: tally = RankedPairs.count(box, options: options)
        case .copeland: tally = Copeland.count(box, options: options)
        }
        return tally
    }

    /// The tally of a one-round method (plurality, approval, score, cumulative, borda) from each
    /// candidate's score already summed, as a running count keeps them: the same ranking,
    /// shortlist and lots as counting the ballots would give.
    public static func count(
        scores: [Int64], candidates: [String], ballots: Int64, method: CountingMethod, options: CountOptions
    ) throws(CountError) -> Tally {
        guard !candidates.isEmpty else { throw CountError(description: "there are no candidates to count") }
        guard [.plurality, .approval, .score, .cumulative, .borda].contains(method) else {
            throw CountError(description: "\(method.rawValue) takes more than one round; count its ballots")
        }
        guard scores.count == candidates.count else {
            throw CountError(description: "\(scores.count) scores for \(candidates.count) candidates")
        }
        return .oneRound(method, candidates: candidates, ballots: ballots, scores: scores, options: options)
    }
}
