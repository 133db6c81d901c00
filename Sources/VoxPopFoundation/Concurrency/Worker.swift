import Foundation

/// Threads of their own that sleep until work is handed to them (or, with an interval, until it
/// is time), run it, and stop only after everything handed over before the stop is done.
///
/// The one stop-and-wait thread of VoxPop: the vote writer (one thread, batches of votes), the
/// syncers (several threads flushing the WAL), the checkpointer and the scheduler (a body every
/// interval), and the web layer's workers (requests that read the store or count) are each one of
/// these. Items go in under a condition and come out in batches of up to `maximumBatch`, in order.
///
///     let worker = Worker<Int>(name: "printer", maximumBatch: 100) { batch in print(batch) }
///     worker.submit(1)
///     worker.stop()  // prints [1] before it returns
public final class Worker<Item: Sendable>: @unchecked Sendable {
    // @unchecked: `items`, `stopping` and `running` are read and written only under `condition`;
    // the rest is immutable.
    private let condition = NSCondition()
    private var items: [Item] = []
    private var stopping = false
    private var running: Int
    private let maximumBatch: Int
    private let interval: Double?
    private let runsOnceMoreAtStop: Bool
    private let body: @Sendable ([Item]) -> Void

    /// - Parameters:
    ///   - threads: how many threads take batches (each batch goes to one of them).
    ///   - interval: when set, `body` also runs every `interval` seconds, with what has arrived
    ///     (often nothing).
    ///   - runsOnceMoreAtStop: with an interval, run `body` once more on the way out (the
    ///     checkpointer's last copy).
    public init(
        name: String, threads: Int = 1, maximumBatch: Int = .max, interval: Double? = nil,
        runsOnceMoreAtStop: Bool = false, _ body: @escaping @Sendable ([Item]) -> Void
    ) {
        precondition(threads >= 1 && maximumBatch >= 1)
        running = threads
        self.maximumBatch = maximumBatch
        self.interval = interval
        self.runsOnceMoreAtStop = runsOnceMoreAtStop
        self.body = body
        for number in 0..<threads {
            let thread = Thread { [self] in run() }
            thread.name = threads == 1 ? name : "\(name) \(number)"
            thread.start()
        }
    }

    /// Hands over an item; false, taking nothing, once the worker is stopping.
    @discardableResult
    public func submit(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !stopping else { return false }
        items.append(item)
        condition.signal()
        return true
    }

    /// Takes no more items, lets the threads finish what was handed over, and returns once they
    /// have all ended.
    public func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }

    private func run() {
        var deadline = interval.map { Date(timeIntervalSinceNow: $0) }
        while true {
            condition.lock()
            while items.isEmpty, !stopping {
                if let due = deadline {
                    if !condition.wait(until: due) { break }
                } else {
                    condition.wait()
                }
            }
            if items.isEmpty, stopping {
                condition.unlock()
                if interval != nil, runsOnceMoreAtStop { body([]) }
                condition.lock()
                running -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            let batch: [Item]
            if items.count <= maximumBatch {
                batch = items
                items = []
                items.reserveCapacity(batch.count)
            } else {
                batch = Array(items.prefix(maximumBatch))
                items.removeFirst(maximumBatch)
            }
            condition.unlock()
            if let interval, batch.isEmpty || Date() >= deadline! {
                deadline = Date(timeIntervalSinceNow: interval)
            }
            body(batch)
        }
    }
}
