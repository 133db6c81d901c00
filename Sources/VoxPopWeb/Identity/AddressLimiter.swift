import VoxPopFoundation

/// A token bucket per client address: `open` campaigns let the client name itself, so the only
/// brake on one machine voting as a thousand people is how fast it may ask; and wrong invite
/// codes spend tokens, so codes cannot be guessed at speed.
final class AddressLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    let perSecond: Double
    let burst: Double
    private let buckets = Locked<[String: Bucket]>([:])

    init(perSecond: Double, burst: Double) {
        self.perSecond = perSecond
        self.burst = burst
    }

    /// Takes one token for `address` at time `now` (seconds); false when the bucket is empty.
    func allow(_ address: String, now: Double) -> Bool {
        update(address, now: now) { bucket in
            guard bucket.tokens >= 1 else { return false }
            bucket.tokens -= 1
            return true
        }
    }

    /// Whether `address` has a token left, without taking one.
    func hasToken(_ address: String, now: Double) -> Bool {
        update(address, now: now) { $0.tokens >= 1 }
    }

    /// Seconds until `address` has a token again (at least 1).
    func wait(_ address: String, now: Double) -> Int {
        update(address, now: now) { max(1, Int(((1 - $0.tokens) / perSecond).rounded(.up))) }
    }

    private func update<Result>(_ address: String, now: Double, _ body: (inout Bucket) -> Result) -> Result {
        buckets.withLock { buckets in
            // Full buckets carry no information: drop them so a scan of many addresses cannot
            // grow the table without bound.
            if buckets.count > 100_000 {
                buckets = buckets.filter { now - $0.value.updated < burst / perSecond }
            }
            var bucket = buckets[address] ?? Bucket(tokens: burst, updated: now)
            bucket.tokens = min(burst, bucket.tokens + (now - bucket.updated) * perSecond)
            bucket.updated = now
            let result = body(&bucket)
            buckets[address] = bucket
            return result
        }
    }
}
