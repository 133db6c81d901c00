import CLibPQ
import Glibc

/// A NOTIFY received on a channel this connection listens to.
public struct PostgresNotification: Sendable, Equatable {
    public var channel: String
    public var payload: String
    /// The server process that sent it (another node's connection, or this one's own).
    public var processID: Int32
}

/// LISTEN/NOTIFY: how one node tells the others that something changed (a ballot closed, a
/// tally stored) without their polling tables.
///
/// Related PostgreSQL documentation: <https://www.postgresql.org/docs/15/libpq-notify.html>
extension PostgresConnection {
    /// Starts listening on `channel` (at once outside a transaction; at commit inside one).
    public func listen(_ channel: String) throws(PostgresError) {
        try execute("LISTEN \(try quotedIdentifier(channel))")
    }

    public func unlisten(_ channel: String) throws(PostgresError) {
        try execute("UNLISTEN \(try quotedIdentifier(channel))")
    }

    /// Sends `payload` to every listener on `channel` (delivered when the transaction commits).
    public func notify(_ channel: String, payload: String = "") throws(PostgresError) {
        try query("SELECT pg_notify($1, $2)", [.text(channel), .text(payload)])
    }

    /// The notifications that have arrived, waiting up to `timeout` for the first if none has.
    /// Returns an empty array when the time passes without one.
    public func notifications(waitingAtMost timeout: Duration) throws(PostgresError) -> [PostgresNotification] {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            // Reads what the socket holds into libpq's buffer without blocking; notifications
            // that came in with earlier query results are already there.
            guard voxpop_pq_consume_input(handle) == 1 else { throw connectionError(sql: nil) }
            let arrived = takeNotifications()
            let remaining = clock.now.duration(to: deadline)
            if !arrived.isEmpty || remaining <= .zero { return arrived }
            var watched = pollfd(fd: voxpop_pq_socket(handle), events: Int16(POLLIN), revents: 0)
            // Rounded up: a wait that ended just short of the deadline would spin.
            let milliseconds =
                remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000 + 1
            let ready = poll(&watched, 1, Int32(clamping: milliseconds))
            if ready < 0 && errno != EINTR {
                throw PostgresError(
                    kind: .connection, message: "waiting for notifications failed: \(String(cString: strerror(errno)))")
            }
        }
    }

    private func takeNotifications() -> [PostgresNotification] {
        var arrived: [PostgresNotification] = []
        while let notify = voxpop_pq_notifies(handle) {
            arrived.append(
                PostgresNotification(
                    channel: String(cString: notify.pointee.relname), payload: String(cString: notify.pointee.extra),
                    processID: notify.pointee.be_pid))
            voxpop_pq_freemem(notify)
        }
        return arrived
    }
}
