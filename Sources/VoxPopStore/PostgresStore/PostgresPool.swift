import Foundation

/// A few connections to one database, lent to one thread at a time.
///
/// A connection that failed as a connection (the server restarted, the network dropped) is
/// closed, not returned, and so are the idle ones, which a restart has broken too; the next
/// borrower gets a fresh one. A call that failed that way is tried once more on a fresh
/// connection when `retry` says it is safe (a read, or a write that is idempotent): after a
/// PostgreSQL restart the first request does not fail for an old socket. (Keeping the idle ones
/// made the retry take the next dead connection: after an immediate restart of PostgreSQL under
/// load, a node's re-reading of what it had missed failed that way and was dropped.)
final class PostgresPool: @unchecked Sendable {
    // @unchecked: `idle` and `open` are touched only under `condition`.
    private let url: String
    private let capacity: Int
    private let condition = NSCondition()
    private var idle: [PostgresConnection] = []
    private var open = 0
    /// Runs once on each new connection (session settings).
    private let prepare: (PostgresConnection) throws -> Void

    init(url: String, capacity: Int, prepare: @escaping (PostgresConnection) throws -> Void = { _ in }) {
        self.url = url
        self.capacity = capacity
        self.prepare = prepare
    }

    func with<T>(retry: Bool = true, _ body: (PostgresConnection) throws -> T) throws -> T {
        do {
            return try once(body)
        } catch let error as PostgresError where error.kind == .connection && retry {
            return try once(body)
        }
    }

    private func once<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let connection = try borrow()
        do {
            let result = try body(connection)
            giveBack(connection)
            return result
        } catch let error as PostgresError where error.kind == .connection {
            discard(andIdle: true)
            throw error
        } catch {
            // A failed statement inside a transaction was rolled back by `transaction`; the
            // connection itself is fine.
            giveBack(connection)
            throw error
        }
    }

    private func borrow() throws -> PostgresConnection {
        condition.lock()
        while idle.isEmpty, open >= capacity { condition.wait() }
        if let connection = idle.popLast() {
            condition.unlock()
            return connection
        }
        open += 1
        condition.unlock()
        do {
            let connection = try PostgresConnection(url: url)
            try prepare(connection)
            return connection
        } catch {
            discard()
            throw error
        }
    }

    private func giveBack(_ connection: PostgresConnection) {
        condition.lock()
        idle.append(connection)
        condition.signal()
        condition.unlock()
    }

    /// Forgets a lent connection that is closed; `andIdle`: the idle ones too (they are closed
    /// when released).
    private func discard(andIdle: Bool = false) {
        condition.lock()
        open -= 1
        if andIdle {
            open -= idle.count
            idle.removeAll()
        }
        condition.broadcast()
        condition.unlock()
    }

    /// Closes the idle connections (those lent out close when their borrowers are done).
    func close() {
        condition.lock()
        idle.removeAll()
        condition.unlock()
    }
}
