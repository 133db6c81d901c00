import Foundation

/// A thread that runs `body` every `interval` seconds until stopped, and once more on the way
/// out when `finalRun` is set (the checkpointer's last copy); `stop` returns after that.
public final class RepeatingThread: @unchecked Sendable {
    // @unchecked: `stopping` and `finished` only under `condition`.
    private let condition = NSCondition()
    private var stopping = false
    private var finished = false

    public init(name: String, interval: Double, finalRun: Bool = false, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            while true {
                condition.lock()
                if !stopping { _ = condition.wait(until: Date(timeIntervalSinceNow: interval)) }
                let last = stopping
                condition.unlock()
                if last && !finalRun { break }
                body()
                if last { break }
            }
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        thread.name = name
        thread.start()
    }

    public func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }
}
