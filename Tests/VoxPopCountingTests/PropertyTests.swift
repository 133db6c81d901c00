import Testing

@testable import VoxPopCounting

/// Properties every count must keep, over thousands of random profiles (seeded, so a failure
/// repeats).
@Suite struct PropertyTests {
    /// SplitMix64: small, seedable, and good enough to spread test profiles.
    struct Random: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    }

    struct Profile {
        var candidates: [String]
        var ballots: [(ranking: [UInt16], weight: Int64)]

        func box(grouped: Bool = true) -> BallotBox {
            var box = BallotBox(candidates: candidates, hasValues: false, groupsIdentical: grouped)
            for ballot in ballots { box.add(ballot.ranking, weight: ballot.weight) }
            return box
        }
    }

    /// Random rankings, truncated at random, with a few popular orders so that majorities and
    /// Condorcet winners happen often.
    static func profiles(count: Int, seed: UInt64) -> [Profile] {
        var random = Random(state: seed)
        return (0..<count).map { _ in
            let size = 3 + random.below(5)
            let candidates = (0..<size).map { "C\($0)" }
            let favourites = (0..<3).map { _ in (0..<size).map(UInt16.init).shuffled(using: &random) }
            let ballots = (0..<(5 + random.below(40))).map { _ -> ([UInt16], Int64) in
                var ranking =
                    random.below(3) == 0
                    ? (0..<size).map(UInt16.init).shuffled(using: &random) : favourites[random.below(3)]
                ranking = Array(ranking.prefix(1 + random.below(size)))
                return (ranking, Int64(1 + random.below(3)))
            }
            return Profile(candidates: candidates, ballots: ballots)
        }
    }

    static let all = profiles(count: 2_000, seed: 2026)
    static let methods: [CountingMethod] = [
        .plurality, .approval, .borda, .irv, .stv, .schulze, .rankedPairs, .copeland,
    ]

    func count(_ box: BallotBox, _ method: CountingMethod, seats: Int = 1) -> Tally {
        try! Counter.count(box, method: method, options: CountOptions(seats: seats))
    }

    @Test func aCondorcetWinnerWinsSchulzeRankedPairsAndCopeland() {
        var found = 0
        for profile in Self.all {
            let box = profile.box()
            let matrix = PairwiseMatrix(box)
            let size = profile.candidates.count
            guard
                let winner = (0..<size).first(where: { a in
                    (0..<size).allSatisfy { $0 == a || matrix[a, $0] > matrix[$0, a] }
                })
            else { continue }
            found += 1
            for method in [CountingMethod.schulze, .rankedPairs, .copeland] {
                #expect(count(box, method).winners == [winner], "\(method) \(profile.ballots)")
            }
        }
        #expect(found > 500, "the profiles must often have a Condorcet winner for this to mean anything")
    }

    @Test func aMajorityOfFirstPreferencesWinsPluralityAndIRV() {
        var found = 0
        for profile in Self.all {
            let box = profile.box()
            var first = [Int64](repeating: 0, count: profile.candidates.count)
            for ballot in profile.ballots { first[Int(ballot.ranking[0])] += ballot.weight }
            guard let winner = first.indices.first(where: { first[$0] * 2 > box.totalWeight }) else { continue }
            found += 1
            #expect(count(box, .plurality).winners == [winner])
            #expect(count(box, .irv).winners == [winner])
        }
        #expect(found > 300)
    }

    @Test func theOrderOfBallotsNeverChangesAResult() {
        var random = Random(state: 7)
        for profile in Self.all.prefix(500) {
            var shuffled = profile
            shuffled.ballots.shuffle(using: &random)
            for method in Self.methods {
                #expect(count(profile.box(), method).json() == count(shuffled.box(), method).json(), "\(method)")
            }
        }
    }

    @Test func aBallotOfWeightThreeCountsAsThreeBallots() {
        for profile in Self.all.prefix(500) {
            var split = profile
            split.ballots = profile.ballots.flatMap { ballot in
                Array(repeating: (ballot.ranking, Int64(1)), count: Int(ballot.weight))
            }
            for method in Self.methods {
                let weighted = count(profile.box(grouped: false), method)
                let separate = count(split.box(grouped: false), method)
                #expect(weighted.json() == separate.json(), "\(method)")
            }
        }
    }

    @Test(arguments: CountOptions.STVRule.allCases)
    func stvElectsExactlySeatsWhenEnoughStand(rule: CountOptions.STVRule) {
        for (index, profile) in Self.all.prefix(1_000).enumerated() {
            let seats = 1 + index % profile.candidates.count
            var options = CountOptions(seats: seats)
            options.stvRule = rule
            let tally = try! Counter.count(profile.box(), method: .stv, options: options)
            #expect(tally.winners.count == seats)
            #expect(Set(tally.winners).count == seats)
            #expect(tally.ranking.sorted() == Array(profile.candidates.indices))
        }
    }

    /// Found by tools/fuzz (blt): with more seats than candidates both rules ran out of
    /// candidates to exclude and crashed; every candidate is elected instead.
    @Test(arguments: CountOptions.STVRule.allCases)
    func stvWithMoreSeatsThanCandidatesElectsThemAll(rule: CountOptions.STVRule) {
        for profile in Self.all.prefix(300) {
            var options = CountOptions(seats: profile.candidates.count + 2)
            options.stvRule = rule
            let tally = try! Counter.count(profile.box(), method: .stv, options: options)
            #expect(Set(tally.winners) == Set(profile.candidates.indices))
        }
    }

    @Test func scottishStagesAddUp() {
        // Every stage: votes + non-transferable + loss by fractions = the valid ballots.
        for (index, profile) in Self.all.prefix(1_000).enumerated() {
            let tally = count(profile.box(), .stv, seats: 1 + index % 3)
            let valid = profile.ballots.reduce(Int64(0)) { $0 + $1.weight } * tally.scale
            for round in tally.rounds {
                #expect(round.votes.reduce(0, +) + round.nonTransferable + round.lossByFractions == valid)
            }
        }
    }
}
