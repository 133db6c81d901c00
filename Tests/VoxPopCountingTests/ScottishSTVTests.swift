import Foundation
import Testing

@testable import VoxPopCounting

/// Scottish STV against the 2007 Glasgow council wards, stage by stage, to five decimal places
/// (Fixtures/scottish-stv/README.md says where the data and the reference counts come from).
@Suite struct ScottishSTVTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/scottish-stv")

    static var wards: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".blt") }.map { String($0.dropLast(4)) }.sorted()
    }

    @Test func allTwentyWardsAreHere() {
        #expect(Self.wards.count == 20)
    }

    @Test(arguments: wards)
    func matchesTheReferenceCountAtEveryStage(ward: String) throws {
        let contents = try BLTReader.read(Array(Data(contentsOf: Self.directory.appendingPathComponent("\(ward).blt"))))
        let expected = try String(
            contentsOf: Self.directory.appendingPathComponent("\(ward).expected"), encoding: .utf8
        )
        .split(separator: "\n").map(String.init)
        let tally = try Counter.count(contents.box, method: .stv, options: CountOptions(seats: contents.seats))

        #expect("quota " + tally.number(tally.quota!) == expected[0])
        let stages = expected.dropFirst().dropLast()
        #expect(tally.rounds.count == stages.count)
        for (round, line) in zip(tally.rounds, stages) {
            let parts = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let action: String
            switch round.action {
            case .firstPreferences: action = "first-preferences"
            case .surplus(let candidate): action = "surplus " + tally.candidates[candidate]
            case .exclusion(let candidate): action = "exclusion " + tally.candidates[candidate]
            default: action = "unexpected"
            }
            #expect(action == parts[0])
            #expect(round.votes.map(tally.number).joined(separator: " ") == parts[1], "\(parts[0])")
            #expect("nt " + tally.number(round.nonTransferable) == parts[2], "\(parts[0])")
        }
        let elected = expected.last!.split(separator: "|").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(Set(tally.winners.map { tally.candidates[$0] }) == Set(elected))
        #expect(tally.winners.count == contents.seats)
        #expect(tally.lots.isEmpty)
    }
}
