/// How many votes one voter has sent to one ballot lately, to stop a flood of revotes (or of
/// repeated votes) before it reaches the writer: at most `limit` in a `window` of seconds.
///
/// A count-min sketch over two windows (the current and the one before, weighed by how much of
/// it still overlaps), so it takes a fixed 1 MB however many voters there are, and costs a vote
/// four array reads. Pseudonyms are keyed hashes, already uniformly spread, so their bytes serve
/// as the sketch's hashes. A sketch only ever overcounts, and only when the four counters a
/// voter shares with others are all crowded: at 300,000 voters a window a counter holds about
/// 5 on average, far from `limit`.
struct VoteFlood: Sendable {
    static let limit = 20
    static let window = 10.0
    private static let rows = 4
    private static let width = 1 << 16

    private var current = [UInt16](repeating: 0, count: rows * width)
    private var previous = [UInt16](repeating: 0, count: rows * width)
    private var windowStart = 0.0

    /// Counts a vote of `voter` on `ballot` at `now` (seconds) and says whether it is within the
    /// limit; a refused vote is not counted.
    mutating func admit(ballot: Int64, voter: [UInt8], now: Double) -> Bool {
        advance(to: now)
        let overlap = max(0, 1 - (now - windowStart) / Self.window)
        var slots: [Int] = []
        slots.reserveCapacity(Self.rows)
        var estimate = Int.max
        for row in 0..<Self.rows {
            let slot = row * Self.width + Self.column(row, ballot: ballot, voter: voter)
            slots.append(slot)
            let seen = Double(current[slot]) + Double(previous[slot]) * overlap
            estimate = min(estimate, Int(seen.rounded(.up)))
        }
        guard estimate < Self.limit else { return false }
        for slot in slots where current[slot] < UInt16.max { current[slot] += 1 }
        return true
    }

    private mutating func advance(to now: Double) {
        guard now >= windowStart + Self.window else { return }
        if now >= windowStart + 2 * Self.window {
            // Long quiet: both windows are over.
            for index in previous.indices { previous[index] = 0 }
        } else {
            swap(&current, &previous)
        }
        for index in current.indices { current[index] = 0 }
        windowStart = now - (now - windowStart).truncatingRemainder(dividingBy: Self.window)
    }

    /// Two bytes of the pseudonym per row, mixed with the ballot.
    private static func column(_ row: Int, ballot: Int64, voter: [UInt8]) -> Int {
        let first = voter.count > 2 * row + 1 ? Int(voter[2 * row]) << 8 | Int(voter[2 * row + 1]) : row
        return (first ^ Int(truncatingIfNeeded: ballot &* 0x9E37_79B9 >> (8 * row))) & (width - 1)
    }
}

extension Engine {
    /// How many votes one voter may send one ballot within how many seconds (docs/api.md).
    public static let floodLimit = (votes: VoteFlood.limit, seconds: VoteFlood.window)
}
