/// The single transferable vote by the Scottish rules: several winners, proportionally.
///
/// Rule: the Scottish Local Government Elections Order 2007 (SSI 2007/42), schedule 1, rules 45
/// to 52, applied to the letter:
/// - Quota (rule 46): the valid ballots divided by seats + 1, fractions dropped, plus one (Droop).
///   A ballot with no preference at all is not valid and not counted in the quota.
/// - A candidate whose votes equal or exceed the quota at the end of a stage is deemed elected
///   (rule 47); several at once are taken in order of votes.
/// - Surpluses (rule 48, the weighted inclusive Gregory method): all ballot papers of the elected
///   candidate go on to their next available preference, each at the transfer value
///   surplus × (the paper's value when received) ÷ (the candidate's total votes), calculated to
///   five decimal places with any remainder ignored; a paper with no next available preference
///   is non-transferable. One surplus per stage, the largest first (rule 49).
/// - When no surplus is left to transfer, the candidate with the fewest votes is excluded and all
///   their papers go on at the value at which they were received (rule 50), one candidate per stage.
/// - When the continuing candidates are no more than the vacancies, they are all deemed elected
///   and nothing more is transferred (rule 52).
///
/// Votes are exact fixed-point numbers in units of 0.00001. The losses from ignoring remainders
/// are reported as `lossByFractions`, so every stage still adds up.
///
/// Ties: equal surpluses, and equal lowest candidates, are decided by the votes at the end of the
/// most recent preceding stage at which they were unequal (rules 49(2), 51(2)), then by the lot
/// (`TieBreaker`) where the rules say "by lot".
///
/// Ranking (and so the shortlist): the elected in order of election, then the candidates never
/// excluded by their final votes, then the excluded in reverse order of exclusion.
enum ScottishSTV {
    static let unit: Int64 = 100_000

    /// One ballot group's paper, held by a candidate at a value.
    struct Paper {
        var ballot: Int32
        /// Index into the ballot box's choices of the preference it sits at.
        var position: Int32
        /// Value per voter in units of 0.00001: 100,000 for a first preference.
        var value: Int64
    }

    enum Standing { case continuing, elected, excluded }

    static func count(_ box: BallotBox, options: CountOptions) -> Tally {
        let candidateCount = box.candidates.count
        let seats = options.seats
        let tieBreaker = TieBreaker(candidates: box.candidates, seed: options.seed)
        var standing = [Standing](repeating: .continuing, count: candidateCount)
        var piles = [[Paper]](repeating: [], count: candidateCount)
        var votes = [Int64](repeating: 0, count: candidateCount)
        var validBallots: Int64 = 0
        for ballot in 0..<box.count {
            let start = box.starts[ballot]
            guard start < box.starts[ballot + 1] else { continue }
            let choice = Int(box.choices[Int(start)])
            piles[choice].append(Paper(ballot: Int32(ballot), position: start, value: unit))
            votes[choice] += box.weights[ballot] * unit
            validBallots += box.weights[ballot]
        }
        let quota = (validBallots / Int64(seats + 1) + 1) * unit
        let blank = (box.totalWeight - validBallots) * unit

        var rounds: [TallyRound] = []
        var history: [[Int64]] = []
        var lots: [[Int]] = []
        var elected: [Int] = []
        var pendingSurplus: Set<Int> = []
        var excludedOrder: [Int] = []
        var nonTransferable: Int64 = 0
        var loss: Int64 = 0

        /// Rules 47 and 52 at the end of a stage: who is deemed elected now.
        func electAtEndOfStage() -> [Int] {
            let continuing = (0..<candidateCount).filter { standing[$0] == .continuing }
            var reached = continuing.filter { votes[$0] >= quota }
            reached = tieBreaker.order(reached, votes: votes, history: history, lots: &lots)
            reached = Array(reached.prefix(seats - elected.count))
            for candidate in reached {
                standing[candidate] = .elected
                if votes[candidate] > quota { pendingSurplus.insert(candidate) }
            }
            var now = reached
            let stillContinuing = continuing.filter { standing[$0] == .continuing }
            if !stillContinuing.isEmpty, stillContinuing.count <= seats - elected.count - reached.count {
                let rest = tieBreaker.order(stillContinuing, votes: votes, history: history, lots: &lots)
                for candidate in rest { standing[candidate] = .elected }
                now += rest
            }
            elected += now
            return now
        }

        /// Moves `papers` to their next available preference, each at the value `valueOf` gives.
        func transfer(_ papers: [Paper], valueOf: (Paper) -> Int64) -> Int64 {
            var moved: Int64 = 0
            for paper in papers {
                let ballot = Int(paper.ballot)
                let weight = box.weights[ballot]
                let value = valueOf(paper)
                let end = box.starts[ballot + 1]
                var next = paper.position + 1
                while next < end, standing[Int(box.choices[Int(next)])] != .continuing { next += 1 }
                if next < end {
                    let choice = Int(box.choices[Int(next)])
                    piles[choice].append(Paper(ballot: paper.ballot, position: next, value: value))
                    votes[choice] += weight * value
                } else {
                    nonTransferable += weight * value
                }
                moved += weight * value
            }
            return moved
        }

        var first = TallyRound(action: .firstPreferences, votes: votes, inactive: blank)
        first.elected = electAtEndOfStage()
        rounds.append(first)

        // More seats than candidates (say a withdrawal left too few) ends with every candidate elected.
        while elected.count < seats, !pendingSurplus.isEmpty || standing.contains(.continuing) {
            history.append(votes)
            let before = votes
            var round: TallyRound
            if !pendingSurplus.isEmpty {
                // Rule 49: the largest surplus first; equal surpluses by the earlier stages, then lot.
                let from = tieBreaker.order(
                    Array(pendingSurplus), votes: votes, history: history.dropLast(), lots: &lots)[0]
                pendingSurplus.remove(from)
                let total = votes[from]
                let surplus = total - quota
                let papers = piles[from]
                piles[from] = []
                let moved = transfer(papers) { paper in surplus * paper.value / total }
                votes[from] = quota
                loss += surplus - moved
                round = TallyRound(action: .surplus(from), votes: votes)
            } else {
                let continuing = (0..<candidateCount).filter { standing[$0] == .continuing }
                let lowest = tieBreaker.last(
                    of: continuing, votes: votes, history: Array(history.dropLast()), lots: &lots)
                standing[lowest] = .excluded
                excludedOrder.append(lowest)
                let papers = piles[lowest]
                piles[lowest] = []
                _ = transfer(papers) { $0.value }
                votes[lowest] = 0
                round = TallyRound(action: .exclusion(lowest), votes: votes, excluded: [lowest])
            }
            round.transfers = zip(votes, before).map { $0 - $1 }
            round.nonTransferable = nonTransferable
            round.inactive = blank + nonTransferable
            round.lossByFractions = loss
            round.elected = electAtEndOfStage()
            rounds.append(round)
        }

        let remaining = (0..<candidateCount).filter { standing[$0] == .continuing }
        let ranking =
            elected + tieBreaker.order(remaining, votes: votes, history: history, lots: &lots)
            + excludedOrder.reversed()
        return Tally(
            method: .stv, rule: CountOptions.STVRule.scottish.rawValue, seats: seats, candidates: box.candidates,
            ballots: box.totalWeight, winners: elected, ranking: ranking, shortlist: options.shortlist,
            rounds: rounds, scale: unit, quota: quota, seed: options.seed, lots: lots)
    }
}
