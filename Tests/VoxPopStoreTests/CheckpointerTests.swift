import Foundation
import Testing

@testable import VoxPopStore

/// The WAL's bound (docs/durability.md): a writer that commits without pause never lets a
/// passive checkpoint finish, so without the checkpointer's RESTART the WAL grows with every vote.
@Suite struct CheckpointerTests {
    /// Commits `commits` small transactions of random keys (each dirties a few pages, as votes do)
    /// with the writer's settings; returns the WAL file's largest size seen, in bytes.
    func write(_ commits: Int, to path: String, restartFrames: Int64?) throws -> Int {
        let writer = try Connection(path: path)
        try writer.execute(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA wal_autocheckpoint = 0;"
                + "CREATE TABLE IF NOT EXISTS t(k BLOB PRIMARY KEY, v BLOB) WITHOUT ROWID")
        let checkpointer = try restartFrames.map { frames throws(SQLiteError) in
            // Looking every 2 ms, so that what the writer adds between two looks stays small.
            try Checkpointer(path: path, restartFrames: frames, interval: 0.002)
        }
        defer { checkpointer?.stop() }
        let insert = try writer.statement("INSERT INTO t VALUES (randomblob(16), randomblob(40))")
        var largest = 0
        for _ in 0..<commits {
            checkpointer?.waitForRestart()  // as VoteWriter does between batches
            try writer.execute("BEGIN")
            for _ in 0..<20 {
                try insert.run()
            }
            try writer.execute("COMMIT")
            let size = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
            largest = max(largest, size)
        }
        return largest
    }

    @Test func theWALStaysBoundedUnderAWriterThatNeverPauses() throws {
        let control = TemporaryDatabase()
        let unbounded = try write(2_000, to: control.path, restartFrames: nil)

        // Before the writer stood aside for restarts, this run's WAL grew nearly as large as the
        // control's (half of it, measured); since, about 10 MB: the mark, plus what the writer
        // adds while a passive checkpoint copies.
        let database = TemporaryDatabase()
        let bounded = try write(2_000, to: database.path, restartFrames: 256)
        #expect(bounded * 4 < unbounded, "the WAL reached \(bounded) B; without restarts \(unbounded) B")
    }
}
