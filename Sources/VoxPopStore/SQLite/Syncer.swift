import Foundation
import VoxPopFoundation

/// Flushes the WAL file to disk and then runs the answers that were waiting for it.
///
/// Linux's `fdatasync` on any descriptor of a file flushes all of the file's data written before
/// the call, whichever descriptor wrote it; so answers handed over after their commit are safe to
/// run once a flush that began after the hand-over returns. Several threads flush, so a commit
/// that arrives while one flush is under way can start its own at once instead of waiting for
/// its turn (docs/benchmarks.md measures one thread against three).
final class Syncer: Sendable {
    private let flusher: Flusher
    private let worker: Worker<@Sendable () -> Void>

    /// Flushes so far and their mean duration in microseconds, for benchmarks.
    var flushStatistics: (count: Int, meanMicroseconds: Double) { flusher.statistics }

    init(walPath: String, threads: Int = 3) {
        let flusher = Flusher(walPath: walPath)
        self.flusher = flusher
        worker = Worker(name: "voxpop vote syncer", threads: threads) { answers in
            flusher.flush()
            for answer in answers { answer() }
        }
    }

    /// Runs `answer` once a flush that starts after this call has returned.
    func answerWhenDurable(_ answer: @escaping @Sendable () -> Void) {
        if !worker.submit(answer) { answer() }
    }

    /// Flushes and answers what was handed over, then stops the threads.
    func stop() {
        worker.stop()
        flusher.close()
    }
}

/// The WAL's descriptor and the flushes' statistics, shared by the syncer's threads.
private final class Flusher: Sendable {
    private struct State {
        var descriptor: Int32 = -1
        var flushes = 0
        var flushNanoseconds: UInt64 = 0
    }
    private let walPath: String
    private let state = Locked(State())

    init(walPath: String) { self.walPath = walPath }

    var statistics: (count: Int, meanMicroseconds: Double) {
        state.withLock {
            ($0.flushes, $0.flushes == 0 ? 0 : Double($0.flushNanoseconds) / Double($0.flushes) / 1000)
        }
    }

    /// A failed flush means committed votes may not be on disk, and SQLite cannot take them back:
    /// like PostgreSQL on a failed fsync, stop the process rather than acknowledge them. On restart
    /// SQLite recovers the WAL to its last durable commit, and those voters, never answered, vote
    /// again.
    func flush() {
        let descriptor = opened()
        let started = DispatchTime.now().uptimeNanoseconds
        guard fdatasync(descriptor) == 0 else {
            fatalError("flushing \(walPath) to disk failed: \(String(cString: strerror(errno)))")
        }
        let took = DispatchTime.now().uptimeNanoseconds - started
        state.withLock {
            $0.flushes += 1
            $0.flushNanoseconds += took
        }
    }

    func close() {
        state.withLock {
            if $0.descriptor >= 0 { Glibc.close($0.descriptor) }
            $0.descriptor = -1
        }
    }

    /// The WAL's descriptor, opened on first use (the WAL exists once the writer has committed).
    private func opened() -> Int32 {
        state.withLock { state in
            if state.descriptor < 0 {
                state.descriptor = open(walPath, O_RDONLY | O_CLOEXEC)
                guard state.descriptor >= 0 else {
                    fatalError("cannot open \(walPath) to flush votes to disk: \(String(cString: strerror(errno)))")
                }
            }
            return state.descriptor
        }
    }
}
