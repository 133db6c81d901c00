import VoxPopCampaigns
import VoxPopCounting

/// Counts a ballot's stored votes under its frozen rules.
///
/// Write-ins that fold to the same `WriteInKey` are one option, shown under the spelling most
/// voters used (the first seen, on a tie); a write-in that folds like a fixed option's label counts
/// for that option. Write-in options get ids made from their key (`goteborg`, `new-york`).
/// Operators' decisions apply first: a rejected write-in is not counted, and a merged one counts
/// as the text it was merged into.
struct BallotCount {
    let tally: Tally
    /// The option id of each candidate of the tally.
    let optionIDs: [String]
    /// The votes counted.
    let votes: Int

    /// Counts stored vote texts, identical ones grouped with their number.
    static func count(
        _ ballot: FrozenBallot, votes stored: [(text: String, weight: Int)],
        decisions: [String: WriteInDecision] = [:]
    ) throws(CountError) -> BallotCount {
        let votes = decisions.isEmpty ? stored : stored.compactMap { vote in moderated(vote, decisions) }
        var labels = ballot.options.map(\.label)
        var ids = ballot.options.map(\.id)
        var indexByID = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        var indexByKey: [WriteInKey: Int] = [:]
        for (index, label) in labels.enumerated() where indexByKey[WriteInKey(label)] == nil {
            indexByKey[WriteInKey(label)] = index
        }

        // Write-ins: one option per key, labelled with its most common spelling.
        var spellings: [WriteInKey: [(text: String, count: Int)]] = [:]
        var newKeys: [WriteInKey] = []
        for (text, weight) in votes {
            guard let spelling = Vote.writeIn(inText: text) else { continue }
            let key = WriteInKey(spelling)
            if indexByKey[key] != nil { continue }
            if spellings[key] == nil { newKeys.append(key) }
            if let at = spellings[key, default: []].firstIndex(where: { $0.text == spelling }) {
                spellings[key]![at].count += weight
            } else {
                spellings[key, default: []].append((spelling, weight))
            }
        }
        // A count holds at most `maximumOptions`; past that, the rarest write-ins stand for nothing
        // and their votes count as blank (a flood of distinct texts cannot stop a close).
        let room = max(0, Self.maximumOptions - labels.count)
        if newKeys.count > room {
            let totals = Dictionary(
                uniqueKeysWithValues: newKeys.map { ($0, spellings[$0]!.reduce(0) { $0 + $1.count }) })
            let kept = Set(
                newKeys.sorted { (totals[$0]!, $1.description) > (totals[$1]!, $0.description) }.prefix(room))
            newKeys = newKeys.filter(kept.contains)
        }
        var nextSuffix: [String: Int] = [:]
        for key in newKeys {
            let variants = spellings[key]!
            let most = variants.map(\.count).max()!
            let label = variants.first { $0.count == most }!.text
            let base = slug(key.description)
            var id = base
            // Suffixes continue from the last one used for this slug: thousands of write-ins in
            // a script without ASCII letters all slug to "write-in".
            var suffix = nextSuffix[base] ?? 2
            while indexByID[id] != nil {
                id = base + "-\(suffix)"
                suffix += 1
            }
            nextSuffix[base] = suffix
            indexByKey[key] = labels.count
            indexByID[id] = labels.count
            labels.append(label)
            ids.append(id)
        }

        let method = ballot.countingMethod
        guard !labels.isEmpty else {
            let total = votes.reduce(0) { $0 + $1.weight }
            let seats = method == .stv ? ballot.seats : 1
            let tally = Tally.empty(
                method: method, seats: seats, ballots: Int64(total), shortlist: ballot.shortlist, seed: ballot.seed)
            return BallotCount(tally: tally, optionIDs: [], votes: total)
        }
        var box = BallotBox(
            candidates: labels, hasValues: method.ballotShape.takesValues)
        var total = 0
        for (text, count) in votes {
            let weight = Int64(count)
            total += count
            switch Vote(text: text) {
            case .choices(let chosen):
                // The rules let no option be chosen twice, nor choices on a points ballot; a
                // tampered row that does keeps its first choice, or counts as blank.
                guard !box.hasValues else {
                    box.add([], weight: weight)
                    continue
                }
                var seen = Set<UInt16>()
                box.add(
                    chosen.compactMap { indexByID[$0].map(UInt16.init) }.filter { seen.insert($0).inserted },
                    weight: weight)
            case .writeIn(let spelling):
                // `VoteRules` keeps write-ins off points ballots; a stored one still counts as 1 there.
                guard let index = indexByKey[WriteInKey(spelling)] else {
                    box.add([], weight: weight)  // a write-in too rare to stand: blank
                    continue
                }
                box.add([UInt16(index)], values: box.hasValues ? [1] : [], weight: weight)
            case .points(let points):
                // A stored value past 32 bits never passed the rules: a tampered row, left out.
                let entries = points.compactMap { id, value -> (UInt16, Int32)? in
                    guard let index = indexByID[id], let value = Int32(exactly: value) else { return nil }
                    return (UInt16(index), value)
                }.sorted { $0.0 < $1.0 }
                box.add(entries.map(\.0), values: box.hasValues ? entries.map(\.1) : [], weight: weight)
            case nil:
                continue
            }
        }
        let options = CountOptions(
            seats: method == .stv ? ballot.seats : 1, maxChoices: ballot.maxChoices, shortlist: ballot.shortlist,
            seed: ballot.seed)
        return BallotCount(
            tally: try Counter.count(box, method: method, options: options), optionIDs: ids, votes: total)
    }

    /// A write-in vote as the operators' decisions leave it: nil if rejected, the target's text if
    /// merged (following up to 8 merges, so a loop of merges cannot hang a count).
    static func moderated(
        _ vote: (text: String, weight: Int), _ decisions: [String: WriteInDecision]
    ) -> (text: String, weight: Int)? {
        guard var text = Vote.writeIn(inText: vote.text) else { return vote }
        for _ in 0..<8 {
            guard let decision = decisions[WriteInKey(text).description] else { break }
            switch decision.action {
            case "reject": return nil
            case "merge": text = decision.into ?? text
            default: return ("w:" + text, vote.weight)
            }
        }
        return ("w:" + text, vote.weight)
    }

    /// The most options one count holds (a `BallotBox` numbers candidates in 16 bits).
    static let maximumOptions = 60_000

    /// An option id from a folded write-in: lowercase ASCII letters and digits joined by '-'.
    static func slug(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else if !out.isEmpty, out.last != "-" {
                out.append("-")
            }
        }
        while out.last == "-" { out.removeLast() }
        return out.isEmpty ? "write-in" : String(out.prefix(60))
    }
}
