import Foundation
import Glibc

/// An HTTP/1.1 server on Linux sockets: a fixed set of event loops (one per core by default),
/// each a thread with its own epoll instance, listening socket (SO_REUSEPORT) and connections.
/// Keep-alive, pipelining, limits and timeouts; knows nothing of voting.
public final class HTTPServer: @unchecked Sendable {
    // @unchecked: `loops` is set once in `start` before any other thread sees the server.
    public struct Configuration: Sendable {
        public var host = "127.0.0.1"
        public var port: UInt16 = 8080
        public var loops = max(1, ProcessInfo.processInfo.activeProcessorCount)
        public var maximumConnections = 16_384
        /// Connections open at once from one client address, so one machine cannot take every
        /// slot of `maximumConnections` (16,400 idle sockets from one address locked every voter
        /// out). Not applied to trusted proxies, which speak for many clients (limit per client
        /// there), nor to `uncappedNetworks`.
        public var maximumConnectionsPerAddress = 1_024
        /// Networks whose addresses `maximumConnectionsPerAddress` does not apply to: by default
        /// loopback, this machine's own clients (a proxy on the box, the load tools).
        public var uncappedNetworks = [IPNetwork.loopback]
        public var maximumBody = 64 * 1024
        /// A request must arrive whole within this many seconds of its first byte.
        public var requestTimeout = 10.0
        /// A connection with no request under way or unanswered is closed after this many seconds
        /// since it last read a byte or its waiting output last moved. Output waiting to be sent
        /// does not hold it open; output moving does.
        public var idleTimeout = 60.0
        /// A connection whose unsent output has not moved for this many seconds is closed: its
        /// client stopped reading.
        public var writeTimeout = 30.0
        /// Backpressure: a connection is not read, nor its pipelined requests parsed, while more
        /// than this many bytes of its responses wait to be sent; it resumes when they drain.
        public var maximumPendingOutput = 256 * 1024
        /// Backpressure: likewise while this many of its requests are in flight (handed to the
        /// handler or waiting to be written).
        public var maximumRequestsInFlight = 32
        /// Proxies whose forwarding headers are believed: when a connection's peer is in one of
        /// these networks, a request's `peer` (and `forwardedHTTPS`) come from its `Forwarded`
        /// or else `X-Forwarded-For` header (and `X-Forwarded-Proto`); from any other peer those
        /// headers are ignored. Empty by default. `parseTrustedProxies` reads the
        /// comma-separated form (`--trusted-proxies`, `VOXPOP_TRUSTED_PROXIES`); see
        /// docs/proxy.md.
        public var trustedProxies: [IPNetwork] = []

        public init() {}
    }

    public let configuration: Configuration
    private let handler: any HTTPHandler
    private var loops: [EventLoop] = []
    private let counter = ConnectionCounter()

    public init(configuration: Configuration, handler: any HTTPHandler) {
        self.configuration = configuration
        self.handler = handler
    }

    /// Binds and starts the loops; returns the port (the one given, or the kernel's pick for 0).
    public func start() throws -> UInt16 {
        var port = configuration.port
        // The loops' sockets share the port through SO_REUSEPORT, which another process of the
        // same user could share too: a second server would silently take half the connections.
        // A socket without the option binds only where nobody listens, so it proves the port free.
        if port != 0 { Glibc.close(try Self.listen(host: configuration.host, port: port, shared: false)) }
        for index in 0..<configuration.loops {
            let listener = try Self.listen(host: configuration.host, port: port, shared: true)
            if port == 0 { port = Self.boundPort(listener) }
            loops.append(
                try EventLoop(
                    configuration: configuration, handler: handler, listener: listener, counter: counter, index: index))
        }
        for loop in loops { loop.start() }
        return port
    }

    /// Stops accepting, lets in-flight requests finish, closes connections, and returns.
    public func stop() {
        for loop in loops { loop.stop() }
        loops = []
    }

    public var openConnections: Int { counter.current }

    /// The largest output buffer any connection held when its socket was full, across loops:
    /// what the backpressure bounds.
    var peakOutputBuffer: Int { loops.map { $0.peakOutputBuffer.load(ordering: .relaxed) }.max() ?? 0 }

    /// How many times the loops woke, for tests that they do not spin.
    var loopTurns: Int { loops.reduce(0) { $0 + $1.turns.load(ordering: .relaxed) } }

    private static func listen(host: String, port: UInt16, shared: Bool) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SystemError(call: "socket", errno: errno) }
        var on: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        if shared { setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, socklen_t(MemoryLayout<Int32>.size)) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            Glibc.close(fd)
            throw SystemError(call: "inet_pton(\(host))", errno: EINVAL)
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, Glibc.listen(fd, 1024) == 0 else {
            let error = SystemError(call: "bind/listen \(host):\(port)", errno: errno)
            Glibc.close(fd)
            throw error
        }
        return fd
    }

    private static func boundPort(_ fd: Int32) -> UInt16 {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return UInt16(bigEndian: address.sin_port)
    }
}
