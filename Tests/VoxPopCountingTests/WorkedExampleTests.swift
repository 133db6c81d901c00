import Testing

@testable import VoxPopCounting

/// Published worked examples, each named with its source.
@Suite struct WorkedExampleTests {
    func count(_ box: BallotBox, _ method: CountingMethod, _ options: CountOptions = CountOptions()) throws -> Tally {
        try Counter.count(box, method: method, options: options)
    }

    @Test func tennesseePluralityElectsMemphis() throws {
        let tally = try count(Profiles.tennessee, .plurality)
        #expect(Profiles.names(tally, tally.winners) == ["Memphis"])
        #expect(tally.rounds[0].votes == [42, 26, 15, 17])
    }

    @Test func tennesseeInstantRunoffElectsKnoxville() throws {
        // Wikipedia, "Instant-runoff voting": Chattanooga out first, then Nashville; Knoxville wins 58 to 42.
        let tally = try count(Profiles.tennessee, .irv)
        #expect(Profiles.names(tally, tally.winners) == ["Knoxville"])
        #expect(tally.rounds.map(\.votes) == [[42, 26, 15, 17], [42, 26, 0, 32], [42, 0, 0, 58]])
        #expect(Profiles.names(tally, tally.ranking) == ["Knoxville", "Memphis", "Nashville", "Chattanooga"])
    }

    @Test func tennesseeBordaElectsNashville() throws {
        // Wikipedia, "Borda count": 126, 194, 173, 107 points.
        let tally = try count(Profiles.tennessee, .borda)
        #expect(tally.rounds[0].votes == [126, 194, 173, 107])
        #expect(Profiles.names(tally, tally.ranking) == ["Nashville", "Chattanooga", "Memphis", "Knoxville"])
    }

    @Test(arguments: [CountingMethod.schulze, .rankedPairs, .copeland])
    func tennesseeCondorcetMethodsElectNashville(method: CountingMethod) throws {
        // Nashville beats every other city one on one (Wikipedia, "Condorcet method").
        let tally = try count(Profiles.tennessee, method)
        #expect(Profiles.names(tally, tally.ranking) == ["Nashville", "Chattanooga", "Knoxville", "Memphis"])
        #expect(tally.pairwise?[1] == [58, 0, 68, 68])
    }

    @Test func schulzePaperExample() throws {
        let tally = try count(Profiles.schulze45, .schulze)
        #expect(
            tally.pairwise == [
                [0, 20, 26, 30, 22], [25, 0, 16, 33, 18], [19, 29, 0, 17, 24], [15, 12, 28, 0, 14],
                [23, 27, 21, 31, 0],
            ])
        #expect(
            tally.strongestPaths == [
                [0, 28, 28, 30, 24], [25, 0, 28, 33, 24], [25, 29, 0, 29, 24], [25, 28, 28, 0, 24],
                [25, 28, 28, 31, 0],
            ])
        #expect(Profiles.names(tally, tally.ranking) == ["E", "A", "C", "B", "D"])
    }

    @Test func rankedPairsLocksTheStrongestMajoritiesFirst() throws {
        // The 45 voters of Schulze's example, worked by hand. Majorities by winning votes: B>D 33,
        // E>D 31, A>D 30, C>B 29, D>C 28, E>B 27, A>C 26, B>A 25, C>E 24, E>A 23. D>C would close
        // C>B>D>C, B>A would close A>C>B>A and E>A would close A>C>E>A, so they are skipped; the
        // locked graph orders A > C > E > B > D, where Schulze elects E.
        let tally = try count(Profiles.schulze45, .rankedPairs)
        let locked = (tally.lockedPairs ?? []).map { Profiles.names(tally, $0).joined(separator: ">") }
        #expect(locked == ["B>D", "E>D", "A>D", "C>B", "E>B", "A>C", "C>E"])
        #expect(Profiles.names(tally, tally.ranking) == ["A", "C", "E", "B", "D"])
    }

    @Test func approvalCountsUpToMaxChoicesPreferences() throws {
        // Tennessee ballots approving their first two preferences: Memphis 42, Nashville 42+26 = 68,
        // Chattanooga 26+15+17 = 58, Knoxville 15+17 = 32.
        let tally = try count(Profiles.tennessee, .approval, CountOptions(maxChoices: 2))
        #expect(tally.rounds[0].votes == [42, 68, 58, 32])
        #expect(Profiles.names(tally, tally.winners) == ["Nashville"])
    }

    @Test func scoreAndCumulativeSumTheirValues() throws {
        var box = BallotBox(candidates: ["Red", "Blue", "Green"], hasValues: true)
        box.add([0, 1], values: [5, 2], weight: 3)  // three voters: Red 5, Blue 2
        box.add([1, 2], values: [4, 4], weight: 2)  // two voters: Blue 4, Green 4
        box.add([2], values: [5], weight: 1)
        let score = try count(box, .score)
        #expect(score.rounds[0].votes == [15, 14, 13])
        let cumulative = try count(box, .cumulative, CountOptions(shortlist: 2))
        #expect(Profiles.names(cumulative, Array(cumulative.ranking.prefix(2))) == ["Red", "Blue"])
    }
}
