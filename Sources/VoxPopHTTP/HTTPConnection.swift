import CVoxPopLinux
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
    /// The TCP peer's address, for per-address limits.
    var peer = ""
    /// Whether the peer is a trusted proxy, whose forwarding headers name the client.
    var peerTrusted = false
    /// When the first byte of a request not yet complete arrived.
    var partialSince: Double?
    /// The events the loop's epoll watches on `fd` (VOXPOP_EVENT_READ and/or _WRITE).
    var watching = UInt32(VOXPOP_EVENT_READ)
    /// Not read, and its pipelined requests not parsed, while too much output or too many
    /// requests wait (backpressure); resumed when they drain.
    var paused = false
    /// In the loop's list of paused connections to look at again.
    var resumeScheduled = false
    /// When the unsent output last moved (or began to wait); nil when there is none.
    var outputWaitingSince: Double?
    /// Still in its loop's table: false once closed.
    var open = true
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

    /// Bytes of responses written into `outbound` but not yet sent.
    var pendingOutput: Int { outbound.count - outboundOffset }

    /// Nothing in flight and nothing to send: safe to close when the server stops.
    var idle: Bool { slots.isEmpty && pendingOutput == 0 && parser.buffered == 0 }

    /// No request under way or unanswered, so the idle timeout applies. Unsent output does not
    /// count: only its moving does (it refreshes `lastActivity`), so a client that stops reading
    /// cannot hold a connection open.
    var awaitingRequest: Bool { slots.isEmpty && parser.buffered == 0 }
}
