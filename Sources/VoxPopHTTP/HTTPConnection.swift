import Glibc

/// One client connection, owned by one event loop thread.
///
/// Requests are answered in the order they arrived, though handlers may answer out of order:
/// each request gets a slot, and responses leave only from the front of the slots.
final class HTTPConnection {
    let fd: Int32
    /// Unique for the server's life: a file descriptor number is reused after close, this is not.
    let id: UInt64
    var parser: HTTPParser
    var outbound: [UInt8] = []
    var outboundOffset = 0
    /// Responses waiting to go out, by slot; `firstSlot` is the slot of `slots[0]`.
    var slots: [(framing: HTTPResponse.Framing, response: HTTPResponse?)] = []
    var firstSlot = 0
    /// Stop reading and close once the queued responses are written.
    var closing = false
    var lastActivity: Double
    /// The client's address, for per-address limits.
    var peer = ""
    /// When the first byte of a request not yet complete arrived.
    var partialSince: Double?
    var writable = true
    /// `100 Continue` for the request under way: owed (sent once its turn comes, after the
    /// responses ahead of it) or already sent. Reset when the request has arrived whole.
    var continueOwed = false
    var continueSent = false

    init(fd: Int32, id: UInt64, parser: HTTPParser, now: Double) {
        self.fd = fd
        self.id = id
        self.parser = parser
        lastActivity = now
    }

    var idle: Bool { slots.isEmpty && outboundOffset == outbound.count && parser.buffered == 0 }
}
