import CVoxPopLinux
import Foundation
import Glibc
import Synchronization

/// One thread with its own epoll instance and listening socket (SO_REUSEPORT), owning its
/// connections. Other threads reach it only through `post`, a locked queue and an eventfd wake-up.
final class EventLoop: @unchecked Sendable {
    // @unchecked: everything but `inbox`/`stopping` is touched only on the loop's thread;
    // those two are guarded by `lock`.
    let configuration: HTTPServer.Configuration
    let handler: any HTTPHandler
    let listener: Int32
    private let epoll: Int32
    private let wake: Int32
    private var connections: [Int32: HTTPConnection] = [:]
    private let lock = NSLock()
    private var inbox: [(connection: UInt64, fd: Int32, slot: Int, response: HTTPResponse)] = []
    private var stopping = false
    private var thread: pthread_t?
    private let counter: ConnectionCounter
    private var nextID: UInt64
    /// One read buffer for all of the loop's connections, not one per read.
    private var readBuffer = [UInt8](repeating: 0, count: 65536)
    /// The `Date` field for responses written on this loop, reformatted when the second changes.
    private var date = HTTPDate()
    /// `date.field`, read for every response: a `let`, so without a run-time exclusivity check.
    private let dateField: UnsafeBufferPointer<UInt8>
    /// Paused connections whose output or requests drained: resumed after this turn's events.
    private var resumable: [HTTPConnection] = []
    /// The largest output buffer (bytes held, sent or not) any connection had when a send would
    /// block, for tests of the backpressure; only touched when the socket is full.
    let peakOutputBuffer = Atomic<Int>(0)
    /// Returns from epoll_wait, for tests that a loop sleeps when it has nothing to do.
    let turns = Atomic<Int>(0)
    private var peakOutputSeen = 0

    init(
        configuration: HTTPServer.Configuration, handler: any HTTPHandler, listener: Int32, counter: ConnectionCounter,
        index: Int
    ) throws {
        self.configuration = configuration
        self.handler = handler
        self.listener = listener
        self.counter = counter
        nextID = UInt64(index) << 48
        dateField = UnsafeBufferPointer(date.field)
        epoll = voxpop_epoll_create()
        wake = voxpop_eventfd()
        guard epoll >= 0, wake >= 0 else { throw SystemError(call: "epoll_create1/eventfd", errno: errno) }
        try register(listener, events: read)
        try register(wake, events: read)
    }

    deinit { date.deallocate() }

    func start() {
        let box = Unmanaged.passRetained(self)
        var thread = pthread_t()
        pthread_create(
            &thread, nil,
            { raw in
                let loop = Unmanaged<EventLoop>.fromOpaque(raw!).takeRetainedValue()
                loop.run()
                return nil
            }, box.toOpaque())
        self.thread = thread
    }

    /// Stops accepting, answers what is in flight, closes idle connections, and returns when done.
    func stop() {
        lock.lock()
        stopping = true
        lock.unlock()
        var one: UInt64 = 1
        _ = Glibc.write(wake, &one, 8)
        if let thread { pthread_join(thread, nil) }
    }

    /// Hands a response to the loop from any thread.
    func post(connection: UInt64, fd: Int32, slot: Int, response: HTTPResponse) {
        lock.lock()
        let wasEmpty = inbox.isEmpty
        inbox.append((connection, fd, slot, response))
        lock.unlock()
        // One wake-up per batch of answers: a non-empty inbox already has one pending, since the
        // loop reads the eventfd before it drains the inbox.
        guard wasEmpty else { return }
        var one: UInt64 = 1
        _ = Glibc.write(wake, &one, 8)
    }

    private let read = UInt32(VOXPOP_EVENT_READ)
    private let write = UInt32(VOXPOP_EVENT_WRITE)

    private func register(_ fd: Int32, events: UInt32) throws(SystemError) {
        _ = try syscall("epoll_ctl") { voxpop_epoll_watch(epoll, fd, events, 1) }
    }

    /// Watches what the connection's state asks for: reads unless paused or closing (level-
    /// triggered epoll would report unread bytes on every turn), writes while output waits.
    private func updateInterest(_ connection: HTTPConnection) {
        guard connection.open else { return }
        let wanted =
            connection.lingeringSince != nil
            ? read : (connection.reading ? read : 0) | (connection.pendingOutput > 0 ? write : 0)
        guard wanted != connection.watching else { return }
        connection.watching = wanted
        voxpop_epoll_watch(epoll, connection.fd, wanted, 0)
    }

    /// Backpressure: whether the connection has more unsent output or requests in flight than
    /// it may, so that reading it and parsing its pipelined requests must wait. (The hot path
    /// tests the two limits where it has the numbers at hand: requests in `parseRequests`,
    /// output in `outputWaits`, the only place it can be over.)
    private func overLimits(_ connection: HTTPConnection) -> Bool {
        connection.pendingOutput > configuration.maximumPendingOutput
            || connection.slots.count >= configuration.maximumRequestsInFlight
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    private func run() {
        var fds = [Int32](repeating: 0, count: 256)
        var events = [UInt32](repeating: 0, count: 256)
        var lastSweep = Self.now()
        var accepting = true
        var stopDeadline: Double?
        while true {
            let count = voxpop_epoll_wait(epoll, &fds, &events, 256, 250)
            let now = Self.now()
            turns.wrappingAdd(1, ordering: .relaxed)
            date.update(to: time(nil))
            for index in 0..<max(0, Int(count)) {
                let fd = fds[index]
                let flags = events[index]
                if fd == listener {
                    if accepting { acceptAll(now: now) }
                } else if fd == wake {
                    var value: UInt64 = 0
                    _ = Glibc.read(wake, &value, 8)
                } else if let connection = connections[fd] {
                    if flags & UInt32(VOXPOP_EVENT_ERROR) != 0 {
                        close(connection)
                        continue
                    }
                    if flags & write != 0 {
                        flush(connection)
                        guard connection.open else { continue }
                    }
                    guard flags & (read | UInt32(VOXPOP_EVENT_HANGUP)) != 0 else { continue }
                    if connection.lingeringSince != nil {
                        drain(connection)
                    } else if connection.reading {
                        readAll(connection, now: now)
                    } else if flags & UInt32(VOXPOP_EVENT_HANGUP) != 0 {
                        // Not reading, so no EPOLLRDHUP was asked for: this is EPOLLHUP, both ways gone.
                        close(connection)
                    }
                }
            }
            deliverInbox()
            resumePaused(now: now)
            lock.lock()
            let stop = stopping
            lock.unlock()
            if stop {
                if accepting {
                    accepting = false
                    voxpop_epoll_forget(epoll, listener)
                    Glibc.close(listener)
                    stopDeadline = now + configuration.requestTimeout
                }
                // In-flight requests get until the deadline to be answered; then everything closes.
                let expired = now > stopDeadline!
                for connection in Array(connections.values) where connection.idle || expired { close(connection) }
                if connections.isEmpty { break }
            }
            if now - lastSweep > 0.25 {
                lastSweep = now
                sweep(now: now)
            }
        }
        Glibc.close(epoll)
        Glibc.close(wake)
    }

    private func acceptAll(now: Double) {
        while true {
            var peer: UInt32 = 0
            let fd = voxpop_accept(listener, &peer)
            if fd < 0 { return }
            let address = IPAddress(ipv4: peer)
            let trusted = configuration.trustedProxies.contains { $0.contains(address) }
            let capped =
                trusted || configuration.uncappedNetworks.contains(where: { $0.contains(address) }) ? nil : peer
            guard
                counter.enter(
                    limit: configuration.maximumConnections, address: capped,
                    addressLimit: configuration.maximumConnectionsPerAddress)
            else {
                Glibc.close(fd)  // over a cap: refuse at once rather than let clients pile up
                continue
            }
            var on: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
            var parser = HTTPParser()
            parser.maximumBody = configuration.maximumBody
            nextID += 1
            let connection = HTTPConnection(
                fd: fd, id: nextID, peer: dotted(peer), peerTrusted: trusted, cappedAddress: capped, parser: parser,
                now: now)
            connections[fd] = connection
            do {
                try register(fd, events: read)
            } catch {
                close(connection)
            }
        }
    }

    /// Called only while the connection is read (epoll watches reads only then).
    private func readAll(_ connection: HTTPConnection, now: Double) {
        while true {
            let count = readBuffer.withUnsafeMutableBytes { recv(connection.fd, $0.baseAddress, $0.count, 0) }
            if count == 0 {
                // The client closed its side: answer what it asked, send what waits, then close.
                connection.closing = true
                connection.peerClosed = true
                if connection.slots.isEmpty, connection.pendingOutput == 0 {
                    close(connection)
                } else {
                    updateInterest(connection)
                }
                return
            }
            if count < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK { break }
                close(connection)
                return
            }
            connection.lastActivity = now
            if connection.parser.buffered == 0 { connection.partialSince = now }
            connection.parser.append(readBuffer[0..<count])
            parseRequests(connection, now: now)
            if !connection.reading {
                updateInterest(connection)
                return
            }
            // A short read took all the socket had; epoll is level-triggered and reports anything
            // that arrives later, so the recv that would only answer EAGAIN is skipped.
            if count < readBuffer.count { break }
        }
    }

    private func parseRequests(_ connection: HTTPConnection, now: Double) {
        while connection.reading {
            let request: HTTPRequest?
            do {
                request = try connection.parser.next()
            } catch {
                connection.closing = true
                let slot = connection.firstSlot + connection.slots.count
                connection.slots.append((.closing, nil))
                fill(connection, slot: slot, response: Self.problem(error.status, error.reason))
                return
            }
            guard var request else {
                connection.partialSince = connection.parser.buffered > 0 ? (connection.partialSince ?? now) : nil
                if connection.parser.expectsContinue {
                    connection.parser.acknowledgeContinue()
                    connection.continueOwed = true
                    if connection.slots.isEmpty { sendContinue(connection) }
                }
                return
            }
            connection.partialSince = connection.parser.buffered > 0 ? now : nil
            let peer = connection.peer
            request.socketPeer = peer
            if connection.peerTrusted {
                (request.peer, request.forwardedHTTPS) = Forwarding.client(
                    of: request.headers, socketPeer: peer, trusted: configuration.trustedProxies)
            } else {
                request.peer = peer
            }
            let inFlight = connection.slots.count
            let slot = connection.firstSlot + inFlight
            // The length first: comparing "GET" with "HEAD" outright costs a slow string compare.
            let head = request.method.utf8.count == 4 && request.method == "HEAD"
            let framing = HTTPResponse.Framing(
                keepAlive: request.keepAlive, http10: request.minorVersion == 0, headOnly: head)
            connection.slots.append((framing, nil))
            if !request.keepAlive { connection.closing = true }
            if inFlight + 1 >= configuration.maximumRequestsInFlight { connection.paused = true }
            let (id, fd) = (connection.id, connection.fd)
            let loopThread = pthread_self()
            // Weak: an answer may come after the server stopped (a commit finishing late); it is dropped.
            handler.handle(request) { [weak self] response in
                guard let self else { return }
                if pthread_equal(pthread_self(), loopThread) != 0 {
                    self.fill(id: id, fd: fd, slot: slot, response: response)
                } else {
                    self.post(connection: id, fd: fd, slot: slot, response: response)
                }
            }
        }
    }

    private func deliverInbox() {
        lock.lock()
        let delivered = inbox
        inbox.removeAll(keepingCapacity: true)
        lock.unlock()
        for item in delivered { fill(id: item.connection, fd: item.fd, slot: item.slot, response: item.response) }
    }

    private func fill(id: UInt64, fd: Int32, slot: Int, response: HTTPResponse) {
        // The connection may be gone (client hung up) or its descriptor reused: the id tells.
        guard let connection = connections[fd], connection.id == id else { return }
        fill(connection, slot: slot, response: response)
    }

    private func fill(_ connection: HTTPConnection, slot: Int, response: HTTPResponse) {
        let index = slot - connection.firstSlot
        guard index >= 0, index < connection.slots.count else { return }
        connection.slots[index].response = response
        while let first = connection.slots.first, let ready = first.response {
            ready.write(into: &connection.outbound, framing: first.framing, dateField: dateField)
            connection.slots.removeFirst()
            connection.firstSlot += 1
            if !first.framing.keepAlive {
                connection.closing = true
                connection.slots.removeAll()
                break
            }
        }
        if connection.continueOwed, connection.slots.isEmpty, !connection.closing {
            sendContinue(connection)
        } else {
            flush(connection)
        }
    }

    /// The interim answer a client waits for before it sends the body (`Expect: 100-continue`),
    /// once the responses to the requests before this one are out.
    private func sendContinue(_ connection: HTTPConnection) {
        connection.continueOwed = false
        connection.outbound += "HTTP/1.1 100 Continue\r\n\r\n".utf8
        flush(connection)
    }

    /// Sends what the connection's buffer holds. The fields go into locals first: each access to
    /// a class's stored property is checked at run time, and this runs for every response.
    private func flush(_ connection: HTTPConnection) {
        let total = connection.outbound.count
        var offset = connection.outboundOffset
        if offset < total {
            let start = offset
            while offset < total {
                let sent = connection.outbound.withUnsafeBytes {
                    send(connection.fd, $0.baseAddress! + offset, total - offset, Int32(MSG_NOSIGNAL))
                }
                if sent < 0 {
                    if errno == EINTR { continue }
                    connection.outboundOffset = offset
                    if errno == EAGAIN || errno == EWOULDBLOCK {
                        outputWaits(connection, moved: offset > start)
                    } else {
                        close(connection)
                    }
                    return
                }
                offset += sent
            }
            if total > 128 * 1024 {
                connection.outbound = []  // a burst's buffer is not kept for the connection's life
            } else {
                connection.outbound.removeAll(keepingCapacity: true)
            }
            connection.outboundOffset = 0
        }
        if !connection.reading {
            if connection.closing, connection.slots.isEmpty {
                linger(connection)
                return
            }
            if connection.paused { scheduleResume(connection) }
        }
        if connection.watching != read {
            if connection.watching & write != 0 {
                // The socket had been full and took the rest: output that moves is activity.
                connection.outputWaitingSince = nil
                connection.lastActivity = Self.now()
            }
            updateInterest(connection)
        }
    }

    /// The socket took less than all: watch for it to drain, note when the output last moved (for
    /// the write timeout), drop what was sent from the buffer's front, and pause reading while
    /// more than the cap waits (or see whether a paused connection may read again).
    private func outputWaits(_ connection: HTTPConnection, moved: Bool) {
        if moved || connection.outputWaitingSince == nil {
            let now = Self.now()
            connection.outputWaitingSince = now
            connection.lastActivity = now
        }
        if connection.outboundOffset >= 64 * 1024 {
            connection.outbound.removeFirst(connection.outboundOffset)
            connection.outboundOffset = 0
        }
        if connection.outbound.count > peakOutputSeen {
            peakOutputSeen = connection.outbound.count
            peakOutputBuffer.store(peakOutputSeen, ordering: .relaxed)
        }
        if connection.pendingOutput > configuration.maximumPendingOutput {
            connection.paused = true
        } else if connection.paused {
            scheduleResume(connection)
        }
        updateInterest(connection)
    }

    private func scheduleResume(_ connection: HTTPConnection) {
        guard !connection.resumeScheduled, !overLimits(connection) else { return }
        connection.resumeScheduled = true
        resumable.append(connection)
    }

    /// Paused connections back under their limits read again, starting with the requests already
    /// buffered (epoll reports only what the socket holds). Until none is left: a resumed
    /// connection may pause again and drain again within the turn, each time parsing more.
    private func resumePaused(now: Double) {
        while !resumable.isEmpty {
            let batch = resumable
            resumable.removeAll()
            for connection in batch {
                connection.resumeScheduled = false
                guard connection.open, connection.paused, !overLimits(connection) else { continue }
                connection.paused = false
                // The request timeout restarts: the wait was ours, not a slow sender's.
                connection.partialSince = connection.parser.buffered > 0 ? now : nil
                parseRequests(connection, now: now)
                updateInterest(connection)
            }
        }
    }

    /// Slow senders, slow readers and idle connections: a request must arrive whole within the
    /// request timeout of its first byte (slowloris), output that waits must move within the
    /// write timeout (a client that stopped reading), and a connection with no request under way
    /// may idle only so long.
    private func sweep(now: Double) {
        for connection in Array(connections.values) {
            if let since = connection.lingeringSince {
                if now - since > Self.lingerTime { close(connection) }
            } else if let since = connection.partialSince, now - since > configuration.requestTimeout,
                !connection.closing,
                !connection.paused
            {
                connection.closing = true
                let slot = connection.firstSlot + connection.slots.count
                connection.slots.append((.closing, nil))
                fill(connection, slot: slot, response: Self.problem(408, "the request did not arrive in time"))
            } else if let since = connection.outputWaitingSince, now - since > configuration.writeTimeout {
                close(connection)
            } else if connection.awaitingRequest, now - connection.lastActivity > configuration.idleTimeout {
                close(connection)
            }
        }
    }

    /// How long a closing connection may go on dropping what its client sends.
    static let lingerTime = 2.0

    /// Ends a connection the server chose to close, its last answer sent. A client may still be
    /// sending (a body refused at its head, a pipelined request after `Connection: close`): closing
    /// with unread bytes makes the kernel answer them with a reset, which fails the client's
    /// writes and can destroy the answer before it is read. So the server stops sending (FIN)
    /// and reads and drops what comes until the client closes or `lingerTime` passes.
    private func linger(_ connection: HTTPConnection) {
        guard !connection.peerClosed, connection.lingeringSince == nil else { return close(connection) }
        shutdown(connection.fd, Int32(SHUT_WR))
        connection.lingeringSince = Self.now()
        connection.watching = read
        voxpop_epoll_watch(epoll, connection.fd, read, 0)
    }

    /// Reads and drops what a lingering connection's client sends; closes once it has closed.
    private func drain(_ connection: HTTPConnection) {
        while true {
            let count = readBuffer.withUnsafeMutableBytes { recv(connection.fd, $0.baseAddress, $0.count, 0) }
            if count > 0 { continue }
            if count < 0, errno == EINTR { continue }
            if count < 0, errno == EAGAIN || errno == EWOULDBLOCK { return }
            return close(connection)
        }
    }

    private func close(_ connection: HTTPConnection) {
        guard connections.removeValue(forKey: connection.fd) != nil else { return }
        connection.open = false
        voxpop_epoll_forget(epoll, connection.fd)
        Glibc.close(connection.fd)
        counter.leave(address: connection.cappedAddress)
    }

    static func problem(_ status: Int, _ detail: String) -> HTTPResponse {
        let escaped = detail.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let name =
            switch status {
            case 408: "request-timeout"
            case 413: "payload-too-large"
            case 414: "uri-too-long"
            case 431: "header-fields-too-large"
            case 501: "not-implemented"
            case 505: "http-version-not-supported"
            default: "malformed-request"
            }
        let body =
            "{\"type\":\"urn:voxpop:problem:\(name)\",\"title\":\"\(HTTPResponse.reason(status))\",\"status\":\(status),\"detail\":\"\(escaped)\"}"
        return HTTPResponse(status: status, contentType: "application/problem+json", body: body)
    }
}

/// Open connections across all loops, for the cap.
final class ConnectionCounter: @unchecked Sendable {
    // @unchecked: `count` only under `lock`.
    private let lock = NSLock()
    private var count = 0
    private var perAddress: [UInt32: Int] = [:]

    /// Admits one more connection, from `address` (nil: one not capped per address), unless the
    /// server has `limit` open or that address `addressLimit`.
    func enter(limit: Int, address: UInt32?, addressLimit: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard count < limit else { return false }
        if let address {
            let open = perAddress[address, default: 0]
            guard open < addressLimit else { return false }
            perAddress[address] = open + 1
        }
        count += 1
        return true
    }

    func leave(address: UInt32?) {
        lock.lock()
        count -= 1
        if let address {
            let open = perAddress[address, default: 1] - 1
            perAddress[address] = open > 0 ? open : nil
        }
        lock.unlock()
    }

    var current: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}

/// An IPv4 address in network byte order, as `a.b.c.d`.
func dotted(_ address: UInt32) -> String {
    let host = UInt32(bigEndian: address)
    return "\(host >> 24).\(host >> 16 & 0xFF).\(host >> 8 & 0xFF).\(host & 0xFF)"
}
