import Dispatch

/// One value handed from the thread that makes it to a thread waiting for it: how a blocking
/// call waits for a callback (`VoteWriter.submitAndWait`, `Engine.vote`).
public final class Handoff<Value: Sendable>: Sendable {
    private let arrived = DispatchSemaphore(value: 0)
    private let value = Locked<Value?>(nil)

    public init() {}

    /// Hands the value over; call once.
    public func put(_ newValue: Value) {
        value.withLock { $0 = newValue }
        arrived.signal()
    }

    /// Waits for the value.
    public func take() -> Value {
        arrived.wait()
        return value.withLock { $0! }
    }
}
