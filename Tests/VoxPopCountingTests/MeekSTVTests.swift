import Foundation
import Testing

@testable import VoxPopCounting

/// Meek's method against Droop's exact-arithmetic Meek counts (Fixtures/meek/README.md).
@Suite struct MeekSTVTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures/meek")

    @Test(arguments: [
        ("gpus-steering-committee-2005", ["Kristen Olsen", "Pat LaMarche", "Rebecca Rotzler", "Steve Kramer"]),
        ("droop-42", ["Castor", "Helen"]),
        ("droop-513", ["Castor", "Helen"]),
    ])
    func electsWhomTheReferenceElects(file: String, winners: [String]) throws {
        let contents = try BLTReader.read(Array(Data(contentsOf: Self.directory.appendingPathComponent("\(file).blt"))))
        var options = CountOptions(seats: contents.seats)
        options.stvRule = .meek
        let tally = try Counter.count(contents.box, method: .stv, options: options)
        #expect(Set(tally.winners.map { tally.candidates[$0] }) == Set(winners))
        #expect(tally.rule == "meek")
    }
}
