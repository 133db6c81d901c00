import Foundation
import Testing

@Suite struct TallyCommandTests {
    static let govan = "Tests/VoxPopCountingTests/Fixtures/scottish-stv/Govan-2007.blt"

    func temporaryFile(_ name: String, _ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("voxpop-\(UUID().uuidString)-\(name)")
            .path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func printsTheTallyAsJSONWithWinnersByNameAndRounds() throws {
        let result = try CommandRunner.run(["tally", "--method", "stv", Self.govan])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["method"] as? String == "stv")
        #expect(json["seats"] as? Int == 4, "seats come from the BLT header")
        #expect(json["winners"] as? [String] == ["Allison Hunter", "John Flanagan", "Stephen Dornan", "Shaukat Butt"])
        #expect((json["rounds"] as? [[String: Any]])?.count == 9)
        #expect(result.stdout.contains("\"quota\":1913.00000"), "STV figures are exact five-decimal numbers")
        #expect(result.stderr.isEmpty)
    }

    @Test func countsACSVFileAndPrintsATableOnRequest() throws {
        let file = try temporaryFile(
            "names.csv", "Havrebris,Morgenmark,Sky\nx,x,\n,x,\nx,,x\n,x,x\n")
        let result = try CommandRunner.run([
            "tally", "--method", "approval", "--format", "text", "--shortlist", "2", file,
        ])
        #expect(result.status == 0)
        #expect(result.stdout.contains("* Morgenmark (1)"))
        #expect(result.stdout.contains("shortlist of 2: Morgenmark, "))
    }

    @Test func aMalformedFileNamesTheLineAndExitsOne() throws {
        let file = try temporaryFile("bad.blt", "3 1\n1 1 2 0\n2 1 4 0\n0\n\"A\"\n\"B\"\n\"C\"\n")
        let result = try CommandRunner.run(["tally", "--method", "irv", file])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "voxpop tally: \(file):3: candidate 4 is out of range: there are 3 candidates\n")
    }

    @Test func aCountThatCannotBeMadeExitsOne() throws {
        let result = try CommandRunner.run(["tally", "--method", "irv", "--seats", "2", Self.govan])
        #expect(result.status == 1)
        #expect(result.stderr.contains("irv elects one winner; use stv for 2 seats, or a shortlist"))
    }

    @Test func wrongUsageExitsTwo() throws {
        #expect(try CommandRunner.run(["tally", Self.govan]).status == 2)
        #expect(
            try CommandRunner.run(["tally", "--method", "instant-runoff", Self.govan]).stderr.contains(
                "did you mean irv"))
        #expect(try CommandRunner.run(["tally", "--method", "irv", "--seats", "0", Self.govan]).status == 2)
        #expect(try CommandRunner.run(["tally", "--method", "irv"]).status == 2)
    }
}
