import Foundation

/// Where the engine gets the time: the system in production, a hand-moved clock in tests, so a
/// two-week campaign runs in milliseconds.
public protocol Clock: Sendable {
    var now: Date { get }
}

public struct SystemClock: Clock {
    public init() {}
    public var now: Date { Date() }
}

/// A clock that moves only when told.
public final class ManualClock: Clock, @unchecked Sendable {
    // @unchecked: `current` is read and written only under `lock`.
    private let lock = NSLock()
    private var current: Date

    public init(_ start: Date) { current = start }

    public var now: Date {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    public func set(_ date: Date) {
        lock.lock()
        current = date
        lock.unlock()
    }
}
