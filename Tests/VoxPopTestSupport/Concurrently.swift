import Foundation

/// Runs `body(0..<count)` on `count` threads of their own, all at once, and waits for them.
///
/// `DispatchQueue.concurrentPerform` would run only as many at a time as there are cores, which
/// hides the contention that 64 waiting voters create; races and load tests need real threads.
/// The threads keep Foundation's default stack: setting `Thread.stackSize` corrupted memory here
/// (Swift 6.3, Linux), seen as crashes in unrelated code under load.
public func concurrently(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let group = DispatchGroup()
    for index in 0..<count {
        group.enter()
        let thread = Thread {
            body(index)
            group.leave()
        }
        thread.start()
    }
    group.wait()
}
