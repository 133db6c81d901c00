import Foundation

/// Hears the other nodes' changes: a connection of its own `LISTEN`s on the changes channel, on
/// a thread of its own, and hands each announcement (not this node's own) to the handler. When the
/// connection drops it opens a new one and hands over `.everything`, since announcements made
/// while it was away are lost: the engine then reads everything again.
final class PostgresChangeFeed: @unchecked Sendable {
    // @unchecked: `stopping` is read and written under `lock`; the thread owns its connection.
    private let url: String
    private let node: String
    private let handler: @Sendable (StoreChange) -> Void
    private let lock = NSLock()
    private var stopping = false

    init(url: String, node: String, handler: @escaping @Sendable (StoreChange) -> Void) {
        self.url = url
        self.node = node
        self.handler = handler
        let thread = Thread { [self] in run() }
        thread.name = "voxpop change feed"
        thread.start()
    }

    func stop() { lock.withLock { stopping = true } }

    private var isStopping: Bool { lock.withLock { stopping } }

    private func run() {
        var missed = false
        while !isStopping {
            do {
                let connection = try PostgresConnection(url: url)
                try connection.listen(PostgresSchema.channel)
                // Changes made before LISTEN took hold are only in the database.
                if missed { handler(.everything) }
                missed = true
                while !isStopping {
                    for notification in try connection.notifications(waitingAtMost: .milliseconds(250)) {
                        let parts = notification.payload.split(separator: " ", maxSplits: 1)
                        guard parts.count == 2, parts[0] != node, let change = StoreChange(payload: parts[1]) else {
                            continue
                        }
                        handler(change)
                    }
                }
            } catch {
                // The server is away: try again shortly.
                Thread.sleep(forTimeInterval: 0.25)
            }
        }
    }
}
