import Testing

@testable import VoxPopCounting

/// Ranked counts report their inactive ballots (blank, or with no continuing preference left)
/// every round, as RCTab does, so each round adds up to the ballots counted.
@Suite struct InactiveBallotTests {
    /// The random profiles of `PropertyTests`, each with two blank ballots added.
    static let profiles: [PropertyTests.Profile] = PropertyTests.all.prefix(1_000).map { profile in
        var profile = profile
        profile.ballots.append(([], 2))
        return profile
    }

    static func count(
        _ profile: PropertyTests.Profile, _ method: CountingMethod, seats: Int = 1,
        rule: CountOptions.STVRule = .scottish
    )
        -> Tally
    {
        var options = CountOptions(seats: seats)
        options.stvRule = rule
        return try! Counter.count(profile.box(), method: method, options: options)
    }

    static func total(_ profile: PropertyTests.Profile) -> Int64 { profile.ballots.reduce(0) { $0 + $1.weight } }

    @Test func instantRunoffRoundsAddUpToTheBallotsCounted() {
        var exhausted = 0
        for profile in Self.profiles {
            let tally = Self.count(profile, .irv)
            for round in tally.rounds {
                #expect(round.votes.reduce(0, +) + round.inactive == Self.total(profile), "\(profile.ballots)")
            }
            #expect(tally.rounds.first?.inactive == 2, "the blank ballots are inactive from the start")
            if let last = tally.rounds.last, last.inactive > 2 { exhausted += 1 }
        }
        #expect(exhausted > 300, "truncated ballots ran out of preferences in many counts: \(exhausted)")
    }

    @Test(arguments: [1, 2, 3])
    func scottishSTVStagesAddUpWithLossByFractions(seats: Int) {
        var lost = 0
        var exhausted = 0
        for profile in Self.profiles {
            let tally = Self.count(profile, .stv, seats: seats)
            for round in tally.rounds {
                #expect(
                    round.votes.reduce(0, +) + round.inactive + round.lossByFractions
                        == Self.total(profile) * tally.scale, "\(profile.ballots)")
                #expect(round.inactive == 2 * tally.scale + round.nonTransferable, "blank plus non-transferable")
            }
            if tally.rounds.contains(where: { $0.lossByFractions > 0 }) { lost += 1 }
            if tally.rounds.contains(where: { $0.nonTransferable > 0 }) { exhausted += 1 }
        }
        #expect(seats == 1 || lost > 100, "fractions were lost in many counts: \(lost)")
        #expect(exhausted > 100, "papers became non-transferable in many counts: \(exhausted)")
    }

    @Test func meekSTVRoundsAddUpToWithinRounding() {
        for profile in Self.profiles.prefix(300) {
            let tally = Self.count(profile, .stv, seats: 2, rule: .meek)
            for round in tally.rounds {
                let sum = round.votes.reduce(0, +) + round.inactive
                // Each figure is rounded to five decimals on its own.
                #expect(abs(sum - Self.total(profile) * tally.scale) <= Int64(profile.candidates.count + 1))
            }
        }
    }

    /// Two voters rank only C, one ballot is blank: once C is out, three ballots count for no one.
    @Test func instantRunoffCountsBlankAndExhaustedBallotsAsInactive() throws {
        let box = Profiles.ranked(["A", "B", "C"], [(4, ["A"]), (3, ["B", "A"]), (2, ["C"]), (1, [])])
        let tally = try Counter.count(box, method: .irv, options: CountOptions())
        #expect(tally.rounds.map(\.inactive) == [1, 3])
        #expect(tally.rounds.map { $0.votes.reduce(0, +) + $0.inactive } == [10, 10])
        #expect(tally.json().contains(#""nonTransferable":3,"inactive":3"#))
    }
}
