import Foundation
import VoxPopFoundation

/// Copies the WAL back into the database file on its own thread, so that the vote writer never
/// waits for a checkpoint and its fsyncs.
///
/// The writer and the store's control connection run with `wal_autocheckpoint = 0`. This thread,
/// on its own connection with `synchronous=FULL` (a checkpoint syncs the WAL before copying and
/// the database after, with the flags of the connection that runs it), copies what it can beside
/// the writer (PASSIVE). A passive checkpoint never catches a busy writer, so the WAL would only
/// grow; once it is past `restartFrames` and nearly all copied, a RESTART checkpoint holds the
/// writer for the last few frames and lets its next commit start the WAL from the beginning.
///
/// A RESTART must take the write lock, and SQLite's busy handler gives it to whoever retries
/// first: a writer that commits back to back under load wins every time, and the WAL grew
/// without bound (CheckpointerTests holds it down; docs/durability.md). So the writer calls
/// `waitForRestart()` between transactions and stands aside while a restart is under way.
final class Checkpointer: @unchecked Sendable {
    // @unchecked: `connection` is used only on the worker's thread; `restarting` under `gate`.
    private let connection: Connection
    private let gate = NSCondition()
    private var restarting = false
    /// The WAL size (in pages) past which the WAL is restarted.
    private let restartFrames: Int64
    private var worker: Worker<Never>?

    /// `interval`: how often it looks at the WAL.
    init(path: String, restartFrames: Int64 = 16_384, interval: Double = 0.05) throws(SQLiteError) {
        connection = try Connection(path: path)
        try connection.execute("PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 0")
        self.restartFrames = restartFrames
        worker = Worker(name: "voxpop checkpointer", interval: interval, runsOnceMoreAtStop: true) {
            [unowned self] _ in checkpoint()
        }
    }

    /// Checkpoints once more, then stops the thread.
    func stop() { worker?.stop() }

    /// For the writer, between two transactions: returns once no restart is under way.
    func waitForRestart() {
        gate.lock()
        while restarting { gate.wait() }
        gate.unlock()
    }

    private func checkpoint() {
        guard let (log, copied) = try? run("PASSIVE"), log >= 0 else { return }
        // Nearly copied: the restart holds the writer only briefly. Far past the mark (a writer
        // that never lets the passive copy catch up): restart anyway, so the WAL stays bounded.
        guard log >= restartFrames, log - copied < 2_048 || log >= 4 * restartFrames else { return }
        gate.lock()
        restarting = true
        gate.unlock()
        _ = try? run("RESTART")
        gate.lock()
        restarting = false
        gate.broadcast()
        gate.unlock()
    }

    /// The WAL's size and how much of it is in the database file now, both in pages.
    private func run(_ mode: String) throws(SQLiteError) -> (log: Int64, copied: Int64) {
        let statement = try connection.statement("PRAGMA wal_checkpoint(\(mode))")
        defer { statement.reset() }
        guard try statement.step() else { return (-1, -1) }
        return (statement.integer(1), statement.integer(2))
    }
}
