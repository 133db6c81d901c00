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

    /// RFC 4180 quoting, and a leading quote mark for text a spreadsheet would run as a formula:
    /// any cell whose first Unicode scalar is `=`, `+`, `-`, `@`, a tab or a CR (a number such as
    /// -3 stays a number). Both work on scalars and bytes, never `Character`s, which glue a
    /// combining mark or a joiner to the `,` or `"` that must be seen.
    static func cell(_ text: String) -> String {
        var value = text
        if let first = value.unicodeScalars.first, Self.formulaStarts.contains(first), Double(value) == nil {
            value = "'" + value
        }
        guard value.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            return value
        }
        var out: [UInt8] = [0x22]
        for byte in value.utf8 {
            out.append(byte)
            if byte == 0x22 { out.append(0x22) }
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }

    private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
}
