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
    /// The labels of the options withdrawn before the count, as if they had never stood.
    var withdrawn: [String] = []

    /// Counts stored vote texts, identical ones grouped with their number, with the operators'
    /// write-in decisions.
    static func count(
        _ ballot: FrozenBallot, votes stored: [(text: String, weight: Int)],
        decisions: [String: WriteInDecision] = [:]
    ) throws(CountError) -> BallotCount {
        try count(ballot, votes: stored, adjustments: CountAdjustments(decisions: decisions))
    }

    /// Counts stored vote texts, identical ones grouped with their number, as `adjustments` say:
    /// write-ins merged (by the operators or the campaign's aliases), rejected or labelled, ideas
    /// merged into others, options withdrawn.
    static func count(
        _ ballot: FrozenBallot, votes stored: [(text: String, weight: Int)], adjustments: CountAdjustments
    ) throws(CountError) -> BallotCount {
        let aliases = Dictionary(
            (ballot.writeInAliases ?? []).map { (WriteInKey($0.from).description, $0.to) },
            uniquingKeysWith: { first, _ in first })
        // Each vote as moderation leaves it, with the spelling the voter typed (a merged
        // write-in counts for its target but does not lend the target its spelling).
        let awaitApproval = ballot.writeInsAwaitApproval == true
        let optionKeys = awaitApproval ? Set(ballot.options.map { WriteInKey($0.label) }) : []
        let votes: [(text: String, weight: Int, typed: String?)] =
            adjustments.decisions.isEmpty && aliases.isEmpty && !awaitApproval
            ? stored.map { ($0.text, $0.weight, Vote.writeIn(inText: $0.text)) }
            : stored.compactMap { vote in
                moderated(
                    vote, adjustments.decisions, aliases: aliases, awaitApproval: awaitApproval, options: optionKeys
                )
                .map { ($0.text, $0.weight, Vote.writeIn(inText: vote.text)) }
            }
        var labels = ballot.options.map(\.label)
        var ids = ballot.options.map(\.id)
        var indexByID = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        var indexByKey: [WriteInKey: Int] = [:]
        for (index, label) in labels.enumerated() where indexByKey[WriteInKey(label)] == nil {
            indexByKey[WriteInKey(label)] = index
        }

        // Write-ins: one option per key, labelled by the operators or with the most common
        // spelling voters typed for it (a group that has only merged votes takes its target text).
        var spellings: [WriteInKey: [(text: String, count: Int)]] = [:]
        var totals: [WriteInKey: Int] = [:]
        var targetText: [WriteInKey: String] = [:]
        var newKeys: [WriteInKey] = []
        for (text, weight, typed) in votes {
            guard let spelling = Vote.writeIn(inText: text) else { continue }
            let key = WriteInKey(spelling)
            if indexByKey[key] != nil { continue }
            if totals[key] == nil { newKeys.append(key) }
            totals[key, default: 0] += weight
            guard let typed, WriteInKey(typed) == key else {
                if targetText[key] == nil { targetText[key] = spelling }
                continue
            }
            if let at = spellings[key, default: []].firstIndex(where: { $0.text == typed }) {
                spellings[key]![at].count += weight
            } else {
                spellings[key, default: []].append((typed, weight))
            }
        }
        // A count holds at most `maximumOptions`; past that, the rarest write-ins stand for nothing
        // and their votes count as blank (a flood of distinct texts cannot stop a close).
        let room = max(0, Self.maximumOptions - labels.count)
        if newKeys.count > room {
            let kept = Set(
                newKeys.sorted { (totals[$0]!, $1.description) > (totals[$1]!, $0.description) }.prefix(room))
            newKeys = newKeys.filter(kept.contains)
        }
        var nextSuffix: [String: Int] = [:]
        for key in newKeys {
            let variants = spellings[key] ?? []
            let most = variants.map(\.count).max()
            let label =
                adjustments.labels[key.description] ?? variants.first { $0.count == most }?.text ?? targetText[key]
                ?? key.description
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

        // Withdrawn options leave the count as if they had never stood: votes skip them (a ranking
        // to its next preference). Merged ideas count for the idea they were merged into, and
        // stand no more themselves (with nothing left, they would fill a shortlist by lot).
        var withdrawnLabels: [String] = []
        var position = [Int?](repeating: nil, count: ids.count)
        if !adjustments.withdrawn.isEmpty || !adjustments.merges.isEmpty {
            var keptLabels: [String] = []
            var keptIDs: [String] = []
            for index in ids.indices {
                if adjustments.withdrawn.contains(ids[index]) {
                    withdrawnLabels.append(labels[index])
                } else if adjustments.merges[ids[index]] != nil {
                    continue
                } else {
                    position[index] = keptIDs.count
                    keptLabels.append(labels[index])
                    keptIDs.append(ids[index])
                }
            }
            (labels, ids) = (keptLabels, keptIDs)
        } else {
            for index in ids.indices { position[index] = index }
        }
        func standing(_ index: Int?) -> UInt16? { index.flatMap { position[$0] }.map(UInt16.init) }
        func resolved(_ id: String) -> String {
            var id = id
            for _ in 0..<8 {
                guard let target = adjustments.merges[id] else { break }
                id = target
            }
            return id
        }

        let method = ballot.countingMethod
        guard !labels.isEmpty else {
            let total = votes.reduce(0) { $0 + $1.weight }
            let seats = method == .stv ? ballot.seats : 1
            let tally = Tally.empty(
                method: method, seats: seats, ballots: Int64(total), shortlist: ballot.shortlist, seed: ballot.seed)
            return BallotCount(tally: tally, optionIDs: [], votes: total, withdrawn: withdrawnLabels)
        }
        var box = BallotBox(
            candidates: labels, hasValues: method.ballotShape.takesValues)
        var total = 0
        for (text, count, _) in votes {
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
                    chosen.compactMap { standing(indexByID[resolved($0)]) }.filter { seen.insert($0).inserted },
                    weight: weight)
            case .writeIn(let spelling):
                // `VoteRules` keeps write-ins off points ballots; a stored one still counts as 1 there.
                guard let index = standing(indexByKey[WriteInKey(spelling)]) else {
                    box.add([], weight: weight)  // a write-in too rare to stand, or withdrawn: blank
                    continue
                }
                box.add([index], values: box.hasValues ? [1] : [], weight: weight)
            case .points(let points):
                // A stored value past 32 bits never passed the rules: a tampered row, left out.
                var summed: [UInt16: Int64] = [:]
                for (id, value) in points {
                    guard let index = standing(indexByID[resolved(id)]), Int32(exactly: value) != nil else { continue }
                    summed[index, default: 0] += Int64(value)
                }
                let entries = summed.compactMap { index, value in Int32(exactly: value).map { (index, $0) } }
                    .sorted { $0.0 < $1.0 }
                box.add(entries.map(\.0), values: box.hasValues ? entries.map(\.1) : [], weight: weight)
            case nil:
                continue
            }
        }
        let options = CountOptions(
            seats: method == .stv ? ballot.seats : 1, maxChoices: ballot.maxChoices, shortlist: ballot.shortlist,
            seed: ballot.seed)
        return BallotCount(
            tally: try Counter.count(box, method: method, options: options), optionIDs: ids, votes: total,
            withdrawn: withdrawnLabels)
    }

    /// A score or cumulative ballot's count from each option's summed points (a live count): a
    /// merged idea's points move to its target and withdrawn options leave, as `count` does with
    /// the votes themselves.
    static func count(
        _ ballot: FrozenBallot, sums: [String: Int64], ballots: Int, adjustments: CountAdjustments
    ) throws(CountError) -> BallotCount {
        var points = sums
        for (id, value) in sums {
            var target = id
            for _ in 0..<8 {
                guard let next = adjustments.merges[target] else { break }
                target = next
            }
            guard target != id else { continue }
            points[id] = nil
            points[target, default: 0] += value
        }
        let standing = ballot.options.filter {
            !adjustments.withdrawn.contains($0.id) && adjustments.merges[$0.id] == nil
        }
        let tally = try Counter.count(
            scores: standing.map { points[$0.id] ?? 0 }, candidates: standing.map(\.label), ballots: Int64(ballots),
            method: ballot.countingMethod,
            options: CountOptions(
                seats: 1, maxChoices: ballot.maxChoices, shortlist: ballot.shortlist, seed: ballot.seed))
        return BallotCount(
            tally: tally, optionIDs: standing.map(\.id), votes: ballots,
            withdrawn: ballot.options.filter { adjustments.withdrawn.contains($0.id) }.map(\.label))
    }

    /// A write-in vote as the operators' decisions leave it: nil if rejected, the target's text if
    /// merged (following up to 8 merges, so a loop of merges cannot hang a count). With
    /// `awaitApproval` (moderation "before"), nil too while no operator decision or alias has
    /// taken it in, unless it names one of the ballot's own options (`options`, folded labels).
    static func moderated(
        _ vote: (text: String, weight: Int), _ decisions: [String: WriteInDecision],
        aliases: [String: String] = [:], awaitApproval: Bool = false, options: Set<WriteInKey> = []
    ) -> (text: String, weight: Int)? {
        guard var text = Vote.writeIn(inText: vote.text) else { return vote }
        var approved = false
        for _ in 0..<8 {
            let key = WriteInKey(text).description
            // An operator's decision first; else the campaign's alias, if it names this spelling.
            if let decision = decisions[key] {
                approved = true
                switch decision.action {
                case "reject": return nil
                case "merge": text = decision.into ?? text
                default: return ("w:" + text, vote.weight)
                }
            } else if let alias = aliases[key] {
                approved = true
                text = alias
            } else {
                break
            }
        }
        if awaitApproval, !approved, !options.contains(WriteInKey(text)) { return nil }
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
