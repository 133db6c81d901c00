import VoxPopCounting
import VoxPopFoundation

/// The tally as CSV: one row per option, best first, with its votes at each round.
enum PublicationCSV {
    static func render(_ tally: Tally) -> String {
        var rows = [["rank", "option", "elected"] + tally.rounds.indices.map { "round \($0 + 1)" }]
        for (place, candidate) in tally.ranking.enumerated() {
            rows.append(
                ["\(place + 1)", tally.candidates[candidate], tally.winners.contains(candidate) ? "yes" : "no"]
                    + tally.rounds.map { tally.number($0.votes[candidate]) })
        }
        return rows.map { $0.map(cell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// One cell, quoted and kept from running as a formula (`CSVText`).
    static func cell(_ text: String) -> String { CSVText.cell(text) }
}
