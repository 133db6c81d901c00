/// Instant-runoff voting (IRV, the alternative vote): one winner by a majority of continuing votes.
///
/// Rule: each round counts every ballot for its highest-ranked continuing candidate. A candidate
/// with more than half of the votes still counting (ballots with a continuing candidate; exhausted
/// ballots do not count) wins. Otherwise the candidate with the fewest votes is excluded, one per
/// round, and their ballots move to their next continuing preference. The last candidate left wins.
///
/// Ties: the candidate excluded is the one with fewer votes at the most recent earlier round at
/// which the tied candidates had unequal votes, then the lot (`TieBreaker`).
///
/// Ranking (and so the shortlist): the winner, then the other candidates still in the count by
/// their final votes, then the excluded candidates in reverse order of exclusion.
enum InstantRunoff {
    static func count(_ box: BallotBox, options: CountOptions) -> Tally {
        let candidateCount = box.candidates.count
        let tieBreaker = TieBreaker(candidates: box.candidates, seed: options.seed)
        var continuing = [Bool](repeating: true, count: candidateCount)
        var piles = [[Int32]](repeating: [], count: candidateCount)
        var position = [Int32](repeating: 0, count: box.count)
        var votes = [Int64](repeating: 0, count: candidateCount)
        var exhausted: Int64 = 0
        for ballot in 0..<box.count {
            let start = box.starts[ballot]
            if start < box.starts[ballot + 1] {
                let choice = Int(box.choices[Int(start)])
                piles[choice].append(Int32(ballot))
                votes[choice] += box.weights[ballot]
                position[ballot] = start
            } else {
                exhausted += box.weights[ballot]
            }
        }

        var rounds = [
            TallyRound(action: .firstPreferences, votes: votes, nonTransferable: exhausted, inactive: exhausted)
        ]
        var history: [[Int64]] = []
        var lots: [[Int]] = []
        var excludedOrder: [Int] = []
        var winner = -1
        while true {
            let inCount = (0..<candidateCount).filter { continuing[$0] }
            let counting = inCount.reduce(Int64(0)) { $0 + votes[$1] }
            let leader = inCount.max { a, b in tieBreaker.isAhead(b, of: a, votes: votes, history: history) }!
            if inCount.count == 1 || votes[leader] * 2 > counting {
                winner = leader
                rounds[rounds.count - 1].elected = [leader]
                break
            }
            let loser = tieBreaker.last(of: inCount, votes: votes, history: history, lots: &lots)
            continuing[loser] = false
            excludedOrder.append(loser)
            history.append(votes)
            let before = votes
            for ballot in piles[loser] {
                let index = Int(ballot)
                let end = box.starts[index + 1]
                var next = position[index] + 1
                while next < end, !continuing[Int(box.choices[Int(next)])] { next += 1 }
                if next < end {
                    let choice = Int(box.choices[Int(next)])
                    piles[choice].append(ballot)
                    votes[choice] += box.weights[index]
                    position[index] = next
                } else {
                    exhausted += box.weights[index]
                }
            }
            piles[loser] = []
            votes[loser] = 0
            rounds.append(
                TallyRound(
                    action: .exclusion(loser), votes: votes, transfers: zip(votes, before).map { $0 - $1 },
                    nonTransferable: exhausted, inactive: exhausted, excluded: [loser]))
        }

        let others = (0..<candidateCount).filter { continuing[$0] && $0 != winner }
        let ranking =
            [winner] + tieBreaker.order(others, votes: votes, history: history, lots: &lots)
            + excludedOrder.reversed()
        return Tally(
            method: .irv, seats: 1, candidates: box.candidates, ballots: box.totalWeight, winners: [winner],
            ranking: ranking, shortlist: options.shortlist, rounds: rounds, seed: options.seed, lots: lots)
    }
}
