/// The ballots of one count, over a fixed list of candidates, with identical ballots grouped.
///
/// A million voters usually cast far fewer distinct ballots, and every method works per distinct
/// ballot times its weight, so the box stores each distinct ballot once with a weight. Storage is
/// flat (one array of choices for all ballots, one of offsets) to keep a million ballots in a few
/// megabytes and the counting loops cache-friendly.
///
/// A ballot is a sequence of candidate indexes: in preference order for ranked methods (truncated
/// rankings allowed), the chosen candidates for plurality and approval, and the rated or pointed
/// candidates for score and cumulative ballots, whose `values` run parallel to the choices.
public struct BallotBox: Sendable {
    public internal(set) var candidates: [String]
    /// The candidates of every ballot, back to back.
    public private(set) var choices: [UInt16] = []
    /// Ratings or points parallel to `choices`; empty for ballots without values.
    public private(set) var values: [Int32] = []
    /// Ballot `i` holds `choices[starts[i]..<starts[i + 1]]`.
    public private(set) var starts: [Int32] = [0]
    /// How many voters cast each distinct ballot.
    public private(set) var weights: [Int64] = []
    /// Every voter counted, blank ballots included.
    public private(set) var totalWeight: Int64 = 0

    /// Distinct ballots.
    public var count: Int { weights.count }

    public func choices(of ballot: Int) -> ArraySlice<UInt16> {
        choices[Int(starts[ballot])..<Int(starts[ballot + 1])]
    }

    public func values(of ballot: Int) -> ArraySlice<Int32> {
        hasValues ? values[Int(starts[ballot])..<Int(starts[ballot + 1])] : []
    }

    /// Whether each choice carries a value (a rating or points).
    public let hasValues: Bool

    /// Off only in tests that check the methods weigh one ballot of weight 3 as three of weight 1.
    let groupsIdentical: Bool

    public init(candidates: [String], hasValues: Bool = false) {
        self.init(candidates: candidates, hasValues: hasValues, groupsIdentical: true)
    }

    init(candidates: [String], hasValues: Bool, groupsIdentical: Bool) {
        precondition(candidates.count <= Int(UInt16.max), "at most 65,535 candidates")
        self.candidates = candidates
        self.hasValues = hasValues
        self.groupsIdentical = groupsIdentical
        table = [Int32](repeating: -1, count: 1024)
    }

    // Open-addressing hash table from ballot content to its index, for grouping.
    private var table: [Int32]
    private var hashes: [UInt64] = []

    /// Adds `weight` voters who cast this ballot; identical ballots are merged.
    ///
    /// The caller has checked the ballot (candidates in range, no repeats); `values` is empty or
    /// as long as `choices`.
    public mutating func add(
        _ choices: some Collection<UInt16>, values: some Collection<Int32> = [Int32](), weight: Int64
    ) {
        precondition(hasValues ? values.count == choices.count : values.isEmpty)
        totalWeight += weight
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for choice in choices { hash = (hash ^ UInt64(choice)) &* 0x0000_0100_0000_01b3 }
        for value in values { hash = (hash ^ UInt64(UInt32(bitPattern: value))) &* 0x0000_0100_0000_01b3 }
        hash ^= hash >> 29

        let mask = table.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while groupsIdentical, table[slot] >= 0 {
            let existing = Int(table[slot])
            if hashes[existing] == hash, self.choices(of: existing).elementsEqual(choices),
                self.values(of: existing).elementsEqual(values)
            {
                weights[existing] += weight
                return
            }
            slot = (slot + 1) & mask
        }
        let index = weights.count
        table[slot] = Int32(index)
        hashes.append(hash)
        self.choices.append(contentsOf: choices)
        self.values.append(contentsOf: values)
        starts.append(Int32(self.choices.count))
        weights.append(weight)
        if weights.count * 2 > table.count { grow() }
    }

    private mutating func grow() {
        table = [Int32](repeating: -1, count: table.count * 2)
        let mask = table.count - 1
        for (index, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(index)
        }
    }

    /// The same ballots without the `withdrawn` candidates (0-based), who take no part in a count:
    /// they are dropped from the candidates and from every ballot, the others renumbered.
    public func withdrawing(_ withdrawn: [Int]) -> BallotBox {
        guard !withdrawn.isEmpty else { return self }
        let gone = Set(withdrawn)
        var renumbered = [Int](repeating: -1, count: candidates.count)
        var kept: [String] = []
        for (index, name) in candidates.enumerated() where !gone.contains(index) {
            renumbered[index] = kept.count
            kept.append(name)
        }
        var box = BallotBox(candidates: kept, hasValues: hasValues, groupsIdentical: groupsIdentical)
        for ballot in 0..<count {
            var choices: [UInt16] = []
            var values: [Int32] = []
            for (offset, choice) in self.choices(of: ballot).enumerated() where renumbered[Int(choice)] >= 0 {
                choices.append(UInt16(renumbered[Int(choice)]))
                if hasValues { values.append(self.values(of: ballot)[self.values(of: ballot).startIndex + offset]) }
            }
            box.add(choices, values: values, weight: weights[ballot])
        }
        return box
    }

}
