/// The single transferable vote by Meek's method, the documented alternative to the Scottish rules.
///
/// Rule (Hill, Wichmann & Woodall, "Algorithm 123: Single transferable vote by Meek's method",
/// The Computer Journal 30(3), 1987): each candidate has a keep value, 1 while hopeful, 0 once
/// excluded. Every ballot starts with value 1 and gives each ranked candidate, in order, its keep
/// value times what is left, passing the rest on; what no one keeps is excess. The quota is
/// (votes − excess) ÷ (seats + 1). Elected candidates' keep values are repeatedly scaled by
/// quota ÷ votes until the elected candidates' total surplus is below 0.00001 votes; then every
/// hopeful candidate at or over the quota is elected. If none is, the hopeful candidate with the
/// fewest votes is excluded and the count goes on. When the hopeful candidates are no more than
/// the vacancies, they are all elected.
///
/// Unlike the Scottish rules, surpluses reach later preferences of ballots that pass through
/// already elected candidates, and an exclusion reflows every ballot as if the excluded candidate
/// had never stood. Arithmetic is double precision; rounds report votes to five decimal places.
///
/// Ties: the excluded candidate is the one with fewer votes at the most recent earlier round at
/// which they differed, then the lot (`TieBreaker`).
enum MeekSTV {
    static let tolerance = 0.00001
    static let scale: Int64 = 100_000

    enum Standing { case hopeful, elected, excluded }

    static func count(_ box: BallotBox, options: CountOptions) -> Tally {
        let candidateCount = box.candidates.count
        let seats = options.seats
        let tieBreaker = TieBreaker(candidates: box.candidates, seed: options.seed)
        var standing = [Standing](repeating: .hopeful, count: candidateCount)
        var keep = [Double](repeating: 1, count: candidateCount)
        var elected: [Int] = []
        var excludedOrder: [Int] = []
        var rounds: [TallyRound] = []
        var history: [[Int64]] = []
        var lots: [[Int]] = []
        var quota = 0.0
        var votes = [Double](repeating: 0, count: candidateCount)
        var excess = 0.0

        func distribute() {
            votes = [Double](repeating: 0, count: candidateCount)
            excess = 0
            for ballot in 0..<box.count {
                let weight = Double(box.weights[ballot])
                var remaining = 1.0
                for choice in box.choices(of: ballot) {
                    let factor = keep[Int(choice)]
                    if factor == 0 { continue }
                    votes[Int(choice)] += weight * remaining * factor
                    remaining *= 1 - factor
                    if remaining <= 0 { break }
                }
                excess += weight * remaining
            }
            quota = (Double(box.totalWeight) - excess) / Double(seats + 1)
        }

        func scaled(_ values: [Double]) -> [Int64] { values.map { Int64(($0 * Double(scale)).rounded()) } }

        while true {
            // Converge the elected candidates' keep values on the quota.
            for _ in 0..<10_000 {
                distribute()
                let surplus = elected.reduce(0.0) { $0 + max(0, votes[$1] - quota) }
                if surplus < tolerance { break }
                for candidate in elected where votes[candidate] > 0 {
                    keep[candidate] = min(1, keep[candidate] * quota / votes[candidate])
                }
            }
            let current = scaled(votes)
            var round = TallyRound(action: rounds.isEmpty ? .firstPreferences : .iteration, votes: current)
            round.nonTransferable = Int64((excess * Double(scale)).rounded())
            // Blank ballots keep their whole value as excess, so they are in it already.
            round.inactive = round.nonTransferable
            let hopeful = (0..<candidateCount).filter { standing[$0] == .hopeful }
            var newlyElected = hopeful.filter { votes[$0] >= quota - tolerance }
            newlyElected = Array(
                tieBreaker.order(newlyElected, votes: current, history: history, lots: &lots)
                    .prefix(seats - elected.count))
            if newlyElected.isEmpty, hopeful.count <= seats - elected.count {
                newlyElected = tieBreaker.order(hopeful, votes: current, history: history, lots: &lots)
            }
            for candidate in newlyElected { standing[candidate] = .elected }
            elected += newlyElected
            round.elected = newlyElected
            if newlyElected.isEmpty, elected.count < seats, !hopeful.isEmpty {
                let lowest = tieBreaker.last(of: hopeful, votes: current, history: history, lots: &lots)
                standing[lowest] = .excluded
                keep[lowest] = 0
                excludedOrder.append(lowest)
                round.excluded = [lowest]
            }
            if let previous = history.last { round.transfers = zip(current, previous).map { $0 - $1 } }
            history.append(current)
            rounds.append(round)
            // More seats than candidates ends once nobody is left hopeful.
            if elected.count >= seats || !standing.contains(.hopeful) { break }
        }

        let remaining = (0..<candidateCount).filter { standing[$0] == .hopeful }
        let finalVotes = history.last ?? []
        let ranking =
            elected + tieBreaker.order(remaining, votes: finalVotes, history: history.dropLast(), lots: &lots)
            + excludedOrder.reversed()
        return Tally(
            method: .stv, rule: CountOptions.STVRule.meek.rawValue, seats: seats, candidates: box.candidates,
            ballots: box.totalWeight, winners: elected, ranking: ranking, shortlist: options.shortlist,
            rounds: rounds, scale: scale, quota: Int64((quota * Double(scale)).rounded()), seed: options.seed,
            lots: lots)
    }
}
