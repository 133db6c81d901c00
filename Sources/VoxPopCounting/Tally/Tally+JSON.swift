import VoxPopFoundation

extension Tally {
    /// The tally as `voxpop tally` prints it and publication stores it: winners by name in the
    /// order elected, every round, and what anyone needs to repeat the count. `extra` members go
    /// first (publication adds the campaign, the ballot and the audit digest).
    ///
    /// Vote figures are exact decimals (STV's five places are printed in full), never floats.
    public func json(extra: [(key: String, json: String)] = []) -> String {
        var members: [(String, String)] = extra.map { ($0.key, $0.json) }
        members.append(("method", JSONText.string(method.rawValue)))
        if let rule { members.append(("rule", JSONText.string(rule))) }
        members.append(("seats", "\(seats)"))
        members.append(("winners", names(winners)))
        if let shortlist { members.append(("shortlist", names(Array(ranking.prefix(shortlist))))) }
        members.append(("ranking", names(ranking)))
        members.append(("ballots", "\(ballots)"))
        if let quota { members.append(("quota", number(quota))) }
        members.append(("tieBreak", tieBreakJSON))
        members.append(
            ("rounds", "[" + rounds.enumerated().map { roundJSON($1, number: $0 + 1) }.joined(separator: ",") + "]"))
        if let pairwise { members.append(("pairwise", matrix(pairwise))) }
        if let strongestPaths { members.append(("strongestPaths", matrix(strongestPaths))) }
        if let lockedPairs {
            members.append(("lockedPairs", "[" + lockedPairs.map(names).joined(separator: ",") + "]"))
        }
        if let copelandDoubledScores {
            let scores = copelandDoubledScores.map { $0 % 2 == 0 ? "\($0 / 2)" : "\($0 / 2).5" }
            members.append(("copelandScores", perCandidate(scores)))
        }
        return "{" + members.map { JSONText.string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    private var tieBreakJSON: String {
        let tieBreaker = TieBreaker(candidates: candidates, seed: seed)
        let lotOrder = candidates.indices.sorted { tieBreaker.lotPosition[$0] < tieBreaker.lotPosition[$1] }
        return "{"
            + [
                "\"rule\":"
                    + JSONText.string(
                        "votes at the most recent earlier round at which the tied candidates differed, then the lot: SHA-256 of SEED:NAME, smallest first"
                    ),
                "\"seed\":" + JSONText.string(seed),
                "\"lotOrder\":" + names(lotOrder),
                "\"decidedByLot\":[" + lots.map(names).joined(separator: ",") + "]",
            ].joined(separator: ",") + "}"
    }

    private func roundJSON(_ round: TallyRound, number index: Int) -> String {
        var members: [String] = ["\"round\":\(index)"]
        switch round.action {
        case .count: members.append("\"action\":\"count\"")
        case .firstPreferences: members.append("\"action\":\"first-preferences\"")
        case .iteration: members.append("\"action\":\"iteration\"")
        case .surplus(let candidate):
            members.append("\"action\":\"surplus\"")
            members.append("\"candidate\":" + JSONText.string(candidates[candidate]))
        case .exclusion(let candidate):
            members.append("\"action\":\"exclusion\"")
            members.append("\"candidate\":" + JSONText.string(candidates[candidate]))
        }
        members.append("\"votes\":" + perCandidate(round.votes.map(number)))
        if let transfers = round.transfers { members.append("\"transfers\":" + perCandidate(transfers.map(number))) }
        if round.action != .count {
            members.append("\"nonTransferable\":" + number(round.nonTransferable))
            members.append("\"inactive\":" + number(round.inactive))
        }
        if scale != 1, round.action != .firstPreferences, rule == CountOptions.STVRule.scottish.rawValue {
            members.append("\"lossByFractions\":" + number(round.lossByFractions))
        }
        members.append("\"elected\":" + names(round.elected))
        members.append("\"excluded\":" + names(round.excluded))
        return "{" + members.joined(separator: ",") + "}"
    }

    /// A figure in units of 1/`scale`, as an exact decimal.
    public func number(_ units: Int64) -> String {
        guard scale != 1 else { return "\(units)" }
        let places = String(scale).count - 1
        let sign = units < 0 ? "-" : ""
        let magnitude = units.magnitude
        let fraction = String(magnitude % UInt64(scale))
        return sign + "\(magnitude / UInt64(scale))." + String(repeating: "0", count: places - fraction.count)
            + fraction
    }

    private func names(_ indexes: [Int]) -> String {
        "[" + indexes.map { JSONText.string(candidates[$0]) }.joined(separator: ",") + "]"
    }

    private func perCandidate(_ values: [String]) -> String {
        "{" + zip(candidates, values).map { JSONText.string($0) + ":" + $1 }.joined(separator: ",") + "}"
    }

    private func matrix(_ rows: [[Int64]]) -> String {
        perCandidate(rows.map { perCandidate($0.map(String.init)) })
    }
}
