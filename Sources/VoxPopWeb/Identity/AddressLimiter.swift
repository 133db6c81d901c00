import Foundation

/// A token bucket per client address: `open` campaigns let the client name itself, so the only
/// brake on one machine voting as a thousand people is how fast it may ask.
final class AddressLimiter: @unchecked Sendable {
    // @unchecked: `buckets` only under `lock`.
    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    let perSecond: Double
    let burst: Double
    private let lock = NSLock()
    private var buckets: [String: Bucket] = [:]

    init(perSecond: Double, burst: Double) {
        self.perSecond = perSecond
        self.burst = burst
    }

    /// Takes one token for `address` at time `now` (seconds); false when the bucket is empty.
    func allow(_ address: String, now: Double) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        // Full buckets carry no information: drop them so a scan of many addresses cannot grow
        // the table without bound.
        if buckets.count > 100_000 {
            buckets = buckets.filter { now - $0.value.updated < burst / perSecond }
        }
        var bucket = buckets[address] ?? Bucket(tokens: burst, updated: now)
        bucket.tokens = min(burst, bucket.tokens + (now - bucket.updated) * perSecond)
        bucket.updated = now
        let allowed = bucket.tokens >= 1
        if allowed { bucket.tokens -= 1 }
        buckets[address] = bucket
        return allowed
    }
}
