import Foundation

/// Accepted votes per ballot per minute over the last half hour, for the console's sparklines.
/// Kept in memory only: a restarted server starts a new pulse (the counts themselves are stored).
final class VoteRates: @unchecked Sendable {
    // @unchecked: `minutes` only under `lock`.
    static let span = 30
    private let lock = NSLock()
    private var minutes: [String: [Int: Int]] = [:]

    func record(campaign: String, ballot: String, at date: Date) {
        let minute = Int(date.timeIntervalSince1970 / 60)
        let key = campaign + "/" + ballot
        lock.withLock {
            minutes[key, default: [:]][minute, default: 0] += 1
            if minutes[key]!.count > Self.span + 10 {
                minutes[key] = minutes[key]!.filter { $0.key > minute - Self.span }
            }
        }
    }

    /// Votes per minute, oldest first, ending with the minute of `now`.
    func series(campaign: String, ballot: String, now: Date) -> [Int] {
        let minute = Int(now.timeIntervalSince1970 / 60)
        let counts = lock.withLock { minutes[campaign + "/" + ballot] ?? [:] }
        return ((minute - Self.span + 1)...minute).map { counts[$0] ?? 0 }
    }
}
