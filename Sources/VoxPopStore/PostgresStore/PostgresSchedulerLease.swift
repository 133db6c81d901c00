import Foundation

/// Which node runs the scheduler: the one whose connection holds the database's scheduler lock
/// (`pg_try_advisory_lock`). The lock lives as long as that connection, so when the node dies
/// (or its connection does), PostgreSQL frees it and the next node to ask takes it over, within
/// one turn of its scheduler.
final class PostgresSchedulerLease: @unchecked Sendable {
    // @unchecked: `connection` and `held` are touched only under `lock`.
    private let url: String
    private let lock = NSLock()
    private var connection: PostgresConnection?
    private var held = false

    init(url: String) { self.url = url }

    /// Whether this node holds the lease now, taking it if it is free. Checks the connection each
    /// time: a lease on a dead connection is no lease.
    func holds() -> Bool {
        lock.withLock {
            do {
                if connection == nil {
                    connection = try PostgresConnection(url: url)
                    held = false
                }
                if held {
                    // Still ours only if the connection still answers.
                    _ = try connection!.query("SELECT 1")
                    return true
                }
                held =
                    try connection!.query("SELECT pg_try_advisory_lock($1)", [.integer(PostgresSchema.schedulerLock)])
                    .text(0, 0) == "t"
                return held
            } catch {
                connection = nil
                held = false
                return false
            }
        }
    }

    /// Gives the lease up (the process is stopping).
    func release() {
        lock.withLock {
            connection = nil
            held = false
        }
    }
}
