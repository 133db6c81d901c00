import VoxPopCounting
import VoxPopFoundation

/// The tally as CSV: one row per option, best first, with its votes at each round. A ballot with
/// a shortlist (or whose top N feed a final) has a `shortlisted` column beside `elected`: a
/// spreadsheet of a shortlist of three said `yes` for the first only.
enum PublicationCSV {
    static func render(_ tally: Tally, shortlisted: Int? = nil) -> String {
        var rows = [
            ["rank", "option", "elected"] + (shortlisted == nil ? [] : ["shortlisted"])
                + tally.rounds.indices.map { "round \($0 + 1)" }
        ]
        for (place, candidate) in tally.ranking.enumerated() {
            rows.append(
                ["\(place + 1)", tally.candidates[candidate], tally.winners.contains(candidate) ? "yes" : "no"]
                    + (shortlisted.map { [place < $0 ? "yes" : "no"] } ?? [])
                    + tally.rounds.map { tally.number($0.votes[candidate]) })
        }
        return rows.map { $0.map(cell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// One cell, quoted and kept from running as a formula (`CSVText`).
    static func cell(_ text: String) -> String { CSVText.cell(text) }
}
