import VoxPopCounting

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

    /// RFC 4180 quoting, and a leading quote mark for text a spreadsheet would run as a formula.
    private static func cell(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
