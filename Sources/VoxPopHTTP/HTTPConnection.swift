import CVoxPopLinux
import Glibc

/// One client connection, owned by one event loop thread.
///
/// Requests are answered in the order they arrived, though handlers may answer out of order:
/// each request gets a slot, and responses leave only from the front of the slots.
final class HTTPConnection {
    // Every stored `var` of a class costs a dynamic exclusivity check per access (about 50
    // instructions in a release build), so the per-request path reads few of them: what is fixed
    // at accept is `let`, and why the connection is not being read is one field.
    let fd: Int32
    /// Unique for the server's life: a file descriptor number is reused after close, this is not.
    let id: UInt64
    /// The TCP peer's address, for per-address limits.
    let peer: String
    /// Whether the peer is a trusted proxy, whose forwarding headers name the client.
    let peerTrusted: Bool
    /// The peer's IPv4 address (network order) when it counts toward the per-address cap.
    let cappedAddress: UInt32?
    var parser: HTTPParser
    var outbound: [UInt8] = []
    var outboundOffset = 0
    /// Responses waiting to go out, by slot; `firstSlot` is the slot of `slots[0]`.
    var slots: [(framing: HTTPResponse.Framing, response: HTTPResponse?)] = []
    var firstSlot = 0
    /// Why the connection is not read: `closingBit`, `pausedBit`; zero while it is read.
    private var holds: UInt8 = 0
    private static let closingBit: UInt8 = 1
    private static let pausedBit: UInt8 = 2
    var lastActivity: Double
    /// When the first byte of a request not yet complete arrived.
    var partialSince: Double?
    /// The events the loop's epoll watches on `fd` (VOXPOP_EVENT_READ and/or _WRITE).
    var watching = UInt32(VOXPOP_EVENT_READ)
    /// In the loop's list of paused connections to look at again.
    var resumeScheduled = false
    /// When the unsent output last moved (or began to wait); nil when there is none.
    var outputWaitingSince: Double?
    /// Still in its loop's table: false once closed.
    var open = true
    /// The client has closed its side (a read gave 0).
    var peerClosed = false
    /// When the server, done answering, stopped sending and began dropping what the client still
    /// sends (a lingering close), until the client closes or `EventLoop.lingerTime` passes.
    var lingeringSince: Double?
    /// `100 Continue` is owed to the request under way, to be sent once the responses ahead of
    /// it are out.
    var continueOwed = false

    init(
        fd: Int32, id: UInt64, peer: String, peerTrusted: Bool, cappedAddress: UInt32?, parser: HTTPParser, now: Double
    ) {
        self.fd = fd
        self.id = id
        self.peer = peer
        self.peerTrusted = peerTrusted
        self.cappedAddress = cappedAddress
        self.parser = parser
        lastActivity = now
    }

    /// Read on, parsing requests as they come: neither closing nor paused.
    var reading: Bool { holds == 0 }

    /// Stop reading and close once the queued responses are written.
    var closing: Bool {
        get { holds & Self.closingBit != 0 }
        set { holds = newValue ? holds | Self.closingBit : holds & ~Self.closingBit }
    }

    /// Not read, and its pipelined requests not parsed, while too much output or too many
    /// requests wait (backpressure); resumed when they drain.
    var paused: Bool {
        get { holds & Self.pausedBit != 0 }
        set { holds = newValue ? holds | Self.pausedBit : holds & ~Self.pausedBit }
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
