import Glibc

/// A value reachable only under its lock: `withLock` is the one way in, so an unlocked read or
/// write does not compile.
///
/// A pthread mutex underneath, not the Synchronization module's `Mutex`: on Linux that one waits
/// on futexes ThreadSanitizer cannot see, so every access under it is reported as a race, and the
/// sanitizer run of the suite could not tell real races from these.
///
///     let counts = Locked([String: Int]())
///     counts.withLock { $0["votes", default: 0] += 1 }
public final class Locked<Value> {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    public init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` with the value, holding the lock; keep it short: other threads wait.
    @inline(__always)
    public func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure)
        -> Result
    {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}

// The value is reached only under the mutex, so sharing the box is as safe as sharing the value.
extension Locked: @unchecked Sendable where Value: Sendable {}
