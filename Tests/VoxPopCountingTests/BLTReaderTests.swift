import Testing

@testable import VoxPopCounting

@Suite struct BLTReaderTests {
    func read(_ text: String) throws(BallotFileError) -> BLTReader.Contents {
        try BLTReader.read(Array(text.utf8))
    }

    func error(_ text: String) -> String? {
        do {
            _ = try read(text)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func readsBallotsNamesTitleAndWithdrawals() throws {
        let contents = try read(
            """
            4 2
            -4
            3 1 3 0
            2 2 0\r
            1 4 2 0
            1 0

            0
            "Anna"
            "Bo"   "Cecilia"
            " David  Dahl "
            "Board election 2027"

            """)
        #expect(contents.seats == 2)
        #expect(contents.box.candidates == ["Anna", "Bo", "Cecilia", "David Dahl"])
        #expect(contents.title == "Board election 2027")
        #expect(contents.withdrawn == [4])
        #expect(contents.box.totalWeight == 7)
        // The withdrawn candidate is skipped, so "1 4 2 0" becomes "2 0" and joins the "2 2 0" group.
        #expect((0..<contents.box.count).map { Array(contents.box.choices(of: $0)) } == [[0, 2], [1], []])
        #expect(contents.box.weights == [3, 3, 1])
    }

    /// Seen while fixing a fuzz crash: a withdrawn candidate used to be elected once the seats
    /// outnumbered the candidates still standing.
    @Test(arguments: CountOptions.STVRule.allCases)
    func withdrawnCandidatesTakeNoPartInTheCount(rule: CountOptions.STVRule) throws {
        let contents = try read("3 3\n-2\n2 1 2 3 0\n1 2 3 0\n0\n\"Anna\"\n\"Bo\"\n\"Cecilia\"\n")
        let box = contents.box.withdrawing(contents.withdrawn.map { $0 - 1 })
        #expect(box.candidates == ["Anna", "Cecilia"])
        #expect(box.choices(of: 0).elementsEqual([0, 1]))
        var options = CountOptions(seats: contents.seats)
        options.stvRule = rule
        let tally = try Counter.count(box, method: .stv, options: options)
        #expect(tally.winners.map { box.candidates[$0] }.sorted() == ["Anna", "Cecilia"])
    }

    @Test func groupsIdenticalBallots() throws {
        let contents = try read("3 1\n1 1 2 0\n1 2 0\n2 1 2 0\n0\n\"A\"\n\"B\"\n\"C\"\n")
        #expect(contents.box.count == 2)
        #expect(contents.box.weights == [3, 1])
    }

    @Test(arguments: [
        ("", "the file is empty"),
        ("four 2\n", "line 1: \"four\" is not a whole number"),
        ("3\n", "line 1: expected the number of candidates and of seats, like \"4 2\""),
        // Found by tools/fuzz (blt), which crashed the count.
        ("3 5\n-2\n2 1 2 3 0\n0\n", "line 1: the file asks for 5 seats but names 3 candidates"),
        ("3 1\n1 4 0\n0\n", "line 2: candidate 4 is out of range: there are 3 candidates"),
        ("3 1\n1 1 2 1 0\n0\n", "line 2: candidate 1 is ranked twice"),
        ("3 1\n1 1 2\n0\n", "line 2: the ballot does not end with 0"),
        ("3 1\n1.5 1 2 0\n0\n", "line 2: the weight \"1.5\" is not a positive whole number"),
        ("3 1\nx 1 2 0\n0\n", "line 2: the weight \"x\" is not a positive whole number"),
        ("3 1\n1 1=2 0\n0\n", "line 2: equal preferences (\"1=2\") are not supported: rank one candidate per place"),
        ("3 1\n1 1 0 2\n0\n", "line 2: text after the closing 0 of the ballot"),
        ("3 1\n1 1 2 0\n", "the file ends inside the ballots: a line holding a single 0 must end them"),
        (
            "3 1\n1 1 2 0\n\"A\"\n\"B\"\n\"C\"\n",
            "line 3: the ballots must end with a line holding a single 0 before the names"
        ),
        ("3 1\n1 1 0\n0\n\"A\"\n\"B\"\n", "the file ends before the name of candidate 3 of 3"),
        ("3 1\n1 1 0\n0\n\"A\"\nB\n\"C\"\n", "line 5: expected a name in double quotes, found B"),
        ("3 1\n1 1 0\n0\n\"A\"\n\"B\n", "line 5: a name in quotes is never closed"),
        ("2 1\n1 1 0\n0\n\"A\"\n\"A\"\n", "line 5: candidate 2 has the same name as candidate 1: \"A\""),
        ("2 1\n1 1 0\n0\n\"A\"\n\"B\"\n\"T\"\n\"extra\"\n", "line 7: unexpected text after the title"),
        ("3 1\n-4\n1 1 0\n0\n", "line 2: withdrawn candidates are written -1 to -3; -4 is not one"),
    ])
    func namesTheLineOfEveryMistake(input: String, message: String) {
        #expect(error(input) == message)
    }
}

@Suite struct CSVBallotReaderTests {
    func read(_ text: String, _ method: CountingMethod, budget: Int? = nil) throws(BallotFileError) -> BallotBox {
        try CSVBallotReader.read(Array(text.utf8), method: method, budget: budget)
    }

    @Test func readsRanksAsPreferenceOrder() throws {
        let box = try read("Red,\"Blue, dark\",Green\n2,,1\n,1,\r\n1,2,3\n", .irv)
        #expect(box.candidates == ["Red", "Blue, dark", "Green"])
        #expect((0..<box.count).map { Array(box.choices(of: $0)) } == [[2, 0], [1], [0, 1, 2]])
    }

    @Test func readsMarksRatingsAndPoints() throws {
        #expect(try read("A,B,C\nx,,1\n", .approval).choices == [0, 2])
        let ratings = try read("A,B\n5,0\n", .score)
        #expect(ratings.values == [5, 0])
        let points = try read("A,B,C\n7,,3\n", .cumulative, budget: 10)
        #expect(points.choices == [0, 2] && points.values == [7, 3])
    }

    @Test(arguments: [
        ("A,B\n1,1\n", CountingMethod.irv, "line 2: A and B are both ranked 1"),
        ("A,B\n1,first\n", .irv, "line 2: \"first\" for B is not a rank (1, 2, 3, ...)"),
        ("A,B\n1\n", .irv, "line 2: expected 2 cells like the header, found 1"),
        ("A,B\nx,x\n", .plurality, "line 2: a plurality ballot marks one option; this one marks 2"),
        ("A,B\nyes,\n", .approval, "line 2: \"yes\" for A is not a mark: write 1 or x, or leave it empty"),
        ("A,B\n6,\n", .score, "line 2: \"6\" for A is not a rating from 0 to 5"),
        ("A,B\n8,5\n", .cumulative, "line 2: 13 points is more than the budget of 10"),
        ("A,A\n", .irv, "line 1: the option \"A\" is named twice in the header"),
        ("A,\n", .irv, "line 1: column 2 of the header has no option name"),
        ("A,B\n\"1,\n", .irv, "line 2: a quoted cell is never closed"),
    ])
    func namesTheLineOfEveryMistake(input: String, method: CountingMethod, message: String) {
        do {
            _ = try read(input, method, budget: 10)
            Issue.record("expected: \(message)")
        } catch {
            #expect(error.description == message)
        }
    }
}

@Suite struct BLTReaderFastPathTests {
    /// Lines the fast path gives up on halfway must still get the careful reader's exact message.
    @Test(arguments: [
        ("3 1\n1 2 3 x 0\n0\n", "line 2: \"x\" is not a candidate number"),
        ("3 1\n1 1 2\n1 2 2 0\n0\n", "line 2: the ballot does not end with 0"),
        ("3 1\n1 1 0\n1 2 3 2 0\n0\n", "line 3: candidate 2 is ranked twice"),
        ("3 1\n1 1 0\n\n2 3 1 0 3\n0\n", "line 4: text after the closing 0 of the ballot"),
    ])
    func givesTheCarefulMessage(input: String, message: String) {
        do {
            _ = try BLTReader.read(Array(input.utf8))
            Issue.record("expected: \(message)")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func readsTheSameAsTheCarefulReaderAroundAnOddLine() throws {
        // A weight of 10 digits is valid but left to the careful reader; the lines after it go fast again.
        let contents = try BLTReader.read(Array("2 1\n1 1 2 0\n1234567890 2 0\n\t2 1 2 0\r\n0\n\"A\"\n\"B\"\n".utf8))
        #expect(contents.box.weights == [3, 1_234_567_890])
        #expect(contents.box.totalWeight == 1_234_567_893)
    }
}
