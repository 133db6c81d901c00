extension Tally {
    /// The tally as a table for people: a row per candidate, a column per round.
    public func text() -> String {
        var lines: [String] = []
        var heading = "\(method.rawValue)"
        if let rule { heading += " (\(rule) rules)" }
        heading += ", \(seats) seat\(seats == 1 ? "" : "s"), \(ballots) ballots"
        if let quota { heading += ", quota \(number(quota))" }
        lines.append(heading)

        let columns = rounds.enumerated().map { index, round -> String in
            switch round.action {
            case .count: return "votes"
            case .firstPreferences: return "1 first"
            case .iteration: return "\(index + 1)"
            case .surplus(let candidate): return "\(index + 1) surplus \(candidates[candidate])"
            case .exclusion(let candidate): return "\(index + 1) exclude \(candidates[candidate])"
            }
        }
        var rows: [[String]] = [["candidate"] + columns]
        for candidate in ranking {
            var row = [candidates[candidate]]
            for round in rounds { row.append(number(round.votes[candidate])) }
            if let place = winners.firstIndex(of: candidate) { row[0] = "* " + row[0] + " (\(place + 1))" }
            rows.append(row)
        }
        if rounds.count > 1 || rounds.first?.action != .count {
            rows.append(["non-transferable"] + rounds.map { number($0.nonTransferable) })
            if scale != 1, rule == CountOptions.STVRule.scottish.rawValue {
                rows.append(["loss by fractions"] + rounds.map { number($0.lossByFractions) })
            }
        }
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max()! }
        for row in rows {
            lines.append(
                row.enumerated().map { column, cell in
                    let pad = String(repeating: " ", count: widths[column] - cell.count)
                    return column == 0 ? cell + pad : pad + cell
                }.joined(separator: "  "))
        }
        lines.append("winners, in order elected: " + winners.map { candidates[$0] }.joined(separator: ", "))
        if let shortlist {
            lines.append(
                "shortlist of \(shortlist): " + ranking.prefix(shortlist).map { candidates[$0] }.joined(separator: ", ")
            )
        }
        lines.append(
            "tie-break seed: \"\(seed)\""
                + (lots.isEmpty ? "; no tie needed the lot" : "; ties decided by lot: \(lots.count)"))
        return lines.joined(separator: "\n") + "\n"
    }
}
