import Foundation
import Glibc
import Testing
import VoxPopHTTP
import VoxPopTestSupport

/// Answers /slow after 100 ms from another thread, /never not at all, /big with 64 KiB, /huge
/// with 16 MiB, everything else at once with its path.
final class EchoHandler: HTTPHandler, @unchecked Sendable {
    // @unchecked: `received` only under `lock`.
    private let lock = NSLock()
    private var received = 0

    /// Requests handed to the handler so far.
    var requests: Int {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    func handle(_ request: HTTPRequest, respond: @escaping @Sendable (HTTPResponse) -> Void) {
        lock.lock()
        received += 1
        lock.unlock()
        let answer = HTTPResponse(status: 200, contentType: "text/plain", body: String(request.path))
        if request.path == "/never" { return }
        if request.path == "/big" || request.path == "/huge" {
            let size = request.path == "/big" ? 64 * 1024 : 16 * 1024 * 1024
            return respond(HTTPResponse(status: 200, body: [UInt8](repeating: UInt8(ascii: "v"), count: size)))
        }
        if request.path == "/slow" {
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.1) { respond(answer) }
        } else {
            respond(answer)
        }
    }
}

@Suite struct HTTPServerTests {
    let handler = EchoHandler()

    func server(_ configure: (inout HTTPServer.Configuration) -> Void = { _ in }) throws -> (HTTPServer, UInt16) {
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        configure(&configuration)
        let server = HTTPServer(configuration: configuration, handler: handler)
        return (server, try server.start())
    }

    /// The loops share their port (SO_REUSEPORT); a second server on it must fail to start, not
    /// quietly take part of the connections.
    @Test func aSecondServerOnTheSamePortIsRefused() throws {
        let (first, port) = try server()
        defer { first.stop() }
        let second = HTTPServer(
            configuration: {
                var configuration = HTTPServer.Configuration()
                configuration.port = port
                return configuration
            }(), handler: handler)
        #expect(throws: SystemError.self) { _ = try second.start() }
        let client = try TestClient(port: port)
        client.send("GET /still-first HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(client.responses(1).0.map(\.body) == ["/still-first"])
    }

    @Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
        let (server, port) = try server()
        defer { server.stop() }
        let client = try TestClient(port: port)
        for path in ["/healthz", "/again"] {
            client.send("GET \(path) HTTP/1.1\r\nHost: a\r\n\r\n")
            let (responses, closed) = client.responses(1)
            #expect(responses.map(\.body) == [path])
            #expect(!closed)
        }
    }

    @Test func pipelinedAnswersLeaveInRequestOrder() throws {
        let (server, port) = try server()
        defer { server.stop() }
        let client = try TestClient(port: port)
        client.send(
            "GET /slow HTTP/1.1\r\nHost: a\r\n\r\nGET /fast HTTP/1.1\r\nHost: a\r\n\r\nGET /last HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
        )
        let (responses, _) = client.responses(3)
        #expect(responses.map(\.body) == ["/slow", "/fast", "/last"])
        #expect(client.closedByServer(), "Connection: close is honoured after the last answer")
    }

    /// A HEAD answer has the GET's head, its Content-Length included, and no body: a body would be
    /// read as the start of the next response (httpx failed on HEAD /healthz so).
    @Test func headGetsTheHeadOfAGetAndNoBody() throws {
        let (server, port) = try server()
        defer { server.stop() }
        let client = try TestClient(port: port)
        client.send("HEAD /x HTTP/1.1\r\nHost: a\r\n\r\nGET /x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
        let text = client.receive { _ in false }
        let responses = text.components(separatedBy: "\r\n\r\n")
        #expect(responses.count == 3, "two heads, then the GET's body: \(text.debugDescription)")
        #expect(responses[0].hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(responses[0].contains("\r\nContent-Length: 2"), "the length the GET's body has")
        #expect(responses[1].hasPrefix("HTTP/1.1 200 OK\r\n"), "the next response starts right after the head")
        #expect(responses.last == "/x")
    }

    /// RFC 9110 section 6.6.1: an origin server with a clock sends Date, as IMF-fixdate.
    @Test func everyResponseCarriesADate() throws {
        let (server, port) = try server()
        defer { server.stop() }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let client = try TestClient(port: port)
        #expect(client.request("GET", "/a").status == 200)
        let date = try #require(client.lastHeader("Date"))
        let parsed = try #require(formatter.date(from: date), "IMF-fixdate: \(date)")
        #expect(formatter.string(from: parsed) == date)
        #expect(abs(parsed.timeIntervalSinceNow) < 5)
        let refused = try TestClient(port: port)
        refused.send("GET / HTTP/1.1\r\n\r\n")
        #expect(refused.responses(1).responses.map(\.status) == [400])
        #expect(refused.lastHeader("Date") != nil, "refusals too")
    }

    /// HTTP/1.0 keeps a connection only when each response says so; HTTP/1.1 needs no header.
    @Test func http10KeepAliveIsAnsweredInKind() throws {
        let (server, port) = try server()
        defer { server.stop() }
        let old = try TestClient(port: port)
        for path in ["/a", "/b"] {
            old.send("GET \(path) HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            let (responses, closed) = old.responses(1)
            #expect(responses.map(\.body) == [path])
            #expect(old.lastHeader("Connection") == "keep-alive")
            #expect(!closed)
        }
        old.send("GET /c HTTP/1.0\r\n\r\n")
        #expect(old.responses(1).responses.map(\.body) == ["/c"])
        #expect(old.lastHeader("Connection") == "close")
        #expect(old.closedByServer())
        let current = try TestClient(port: port)
        #expect(current.request("GET", "/d").status == 200)
        #expect(current.lastHeader("Connection") == nil)
    }

    /// curl sends a POST's head with `Expect: 100-continue` and waits (a second) for the 100 before
    /// the body.
    @Test func expectContinueGetsA100BeforeTheBody() throws {
        let (server, port) = try server()
        defer { server.stop() }
        let client = try TestClient(port: port)
        client.send("POST /vote HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
        #expect(client.receive { $0.hasSuffix("\r\n\r\n") } == "HTTP/1.1 100 Continue\r\n\r\n")
        client.send("hello")
        #expect(client.responses(1).responses.map(\.body) == ["/vote"])
        // Once per request: the next one asks again and gets its own.
        client.send("POST /again HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n")
        #expect(client.receive { $0.hasSuffix("\r\n\r\n") } == "HTTP/1.1 100 Continue\r\n\r\n")
        client.send("h")
        client.send("i")
        #expect(client.responses(1).responses.map(\.body) == ["/again"])
    }

    /// The 100 belongs to its request: it waits for the answers to the requests before it.
    @Test func a100WaitsForTheAnswersAheadOfIt() throws {
        let (server, port) = try server()
        defer { server.stop() }
        let client = try TestClient(port: port)
        client.send(
            "GET /slow HTTP/1.1\r\nHost: a\r\n\r\nPOST /p HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n"
        )
        let text = client.receive { $0.hasSuffix("HTTP/1.1 100 Continue\r\n\r\n") }
        #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(text.hasSuffix("/slowHTTP/1.1 100 Continue\r\n\r\n"))
        client.send("x")
        #expect(client.responses(1).responses.map(\.body) == ["/p"])
    }

    /// Refused at the header section: the final status, no 100.
    /// A body too large is refused at its head; the client, still sending it, gets the 413 rather
    /// than a reset: the server stops sending, reads and drops what comes, then closes (a lingering
    /// close). Without it the kernel answers the unread bytes with RST, which can destroy the 413.
    @Test(arguments: 0..<5)
    func aClientStillSendingATooLargeBodyReadsThe413(round: Int) throws {
        let (server, port) = try server()
        defer { server.stop() }
        let client = try TestClient(port: port)
        client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 20000000\r\n\r\n")
        let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 64 * 1024)
        // Well past what the server reads before it answers, and past the kernel's buffers: a
        // client such as httpx writes the whole body before it reads, and fails on a write the
        // server refused with a reset.
        var refused = 0
        for _ in 0..<160 {
            let sent = chunk.withUnsafeBytes { Glibc.send(client.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent < 0 { refused += 1 }
        }
        #expect(refused == 0, "round \(round): \(refused) writes of the body were reset")
        let (responses, closed) = client.responses(1)
        #expect(responses.first?.status == 413, "round \(round): \(responses)")
        #expect(closed || responses.count == 1)
    }

    @Test func aRefusedExpectationGetsTheFinalStatusOnly() throws {
        let (server, port) = try server()
        defer { server.stop() }
        let client = try TestClient(port: port)
        client.send("POST /big HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 70000\r\n\r\n")
        let text = client.receive { _ in false }
        #expect(text.hasPrefix("HTTP/1.1 413 "), "\(text.debugDescription)")
        #expect(!text.contains("100 Continue"))
    }

    @Test func anAbsoluteFormTargetIsServedAsItsPath() throws {
        let (server, port) = try server()
        defer { server.stop() }
        let client = try TestClient(port: port)
        client.send("GET http://127.0.0.1:\(port)/healthz?full=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        #expect(client.responses(1).responses.map(\.body) == ["/healthz"])
    }

    @Test func aSmugglingAttemptIsRefusedAndTheServerGoesOn() throws {
        let (server, port) = try server()
        defer { server.stop() }
        let attacker = try TestClient(port: port)
        attacker.send(
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: a\r\n\r\n"
        )
        let (responses, _) = attacker.responses(2)
        #expect(responses.map(\.status) == [400], "the smuggled request is never answered")
        #expect(attacker.closedByServer())
        let next = try TestClient(port: port)
        next.send("GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(next.responses(1).responses.map(\.status) == [200])
    }

    /// The parser's hostile corpus, each case on its own connection to one running server: the
    /// right status, then the connection closed, and the server still answering others.
    @Test func everyHostileRequestIsRefusedOverASocketAndTheServerGoesOn() throws {
        let (server, port) = try server { $0.requestTimeout = 2 }
        defer { server.stop() }
        for (name, text, status) in HTTPParserTests.hostile {
            let attacker = try TestClient(port: port)
            attacker.send(text)
            let (responses, _) = attacker.responses(1)
            #expect(responses.map(\.status) == [status], "\(name)")
            #expect(attacker.closedByServer(), "\(name): the connection is closed after the refusal")
        }
        #expect(handler.requests == 0, "no hostile request reached the handler")
        let next = try TestClient(port: port)
        #expect(next.request("GET", "/healthz").status == 200)
    }

    @Test func aSlowSenderIsCutOff() throws {
        let (server, port) = try server { $0.requestTimeout = 0.5 }
        defer { server.stop() }
        let slow = try TestClient(port: port)
        slow.send("GET / HTTP/1.1\r\nHo")
        let started = Date()
        let (responses, _) = slow.responses(1)
        #expect(responses.map(\.status) == [408])
        #expect(slow.closedByServer())
        #expect(Date().timeIntervalSince(started) < 4, "cut off near the timeout, not at the client's 5 s")
    }

    @Test func connectionsOverTheCapAreClosed() throws {
        let (server, port) = try server {
            $0.maximumConnections = 2
            $0.loops = 1
        }
        defer { server.stop() }
        let first = try TestClient(port: port)
        let second = try TestClient(port: port)
        first.send("GET /a HTTP/1.1\r\nHost: a\r\n\r\n")
        second.send("GET /b HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(first.responses(1).responses.count == 1)
        #expect(second.responses(1).responses.count == 1)
        let third = try TestClient(port: port)
        third.send("GET /c HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(third.responses(1).responses.isEmpty)
        #expect(server.openConnections == 2)
    }

    /// One address may hold only so many connections, so one machine cannot take every slot
    /// (16,400 idle sockets from one address locked every voter out); a closed one frees its
    /// slot. Loopback is not capped by default, so the test caps it.
    @Test func oneAddressHoldsAtMostItsShareOfConnections() throws {
        let (server, port) = try server {
            $0.maximumConnectionsPerAddress = 3
            $0.uncappedNetworks = []
            $0.loops = 1
        }
        defer { server.stop() }
        var clients = try (0..<3).map { _ in try TestClient(port: port) }
        for (index, client) in clients.enumerated() {
            client.send("GET /\(index) HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(client.responses(1).responses.map(\.body) == ["/\(index)"])
        }
        let fourth = try TestClient(port: port)
        fourth.send("GET /4 HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(fourth.responses(1).responses.isEmpty)
        #expect(server.openConnections == 3)
        _ = clients.removeFirst()  // closed as it goes
        let deadline = Date().addingTimeInterval(5)
        while server.openConnections > 2, Date() < deadline { usleep(10_000) }
        let fifth = try TestClient(port: port)
        fifth.send("GET /5 HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(fifth.responses(1).responses.map(\.body) == ["/5"], "a closed connection frees its slot")
    }

    @Test func loopbackIsNotCappedByDefault() throws {
        let (server, port) = try server {
            $0.maximumConnectionsPerAddress = 1
            $0.loops = 1
        }
        defer { server.stop() }
        let clients = try (0..<3).map { _ in try TestClient(port: port) }
        for client in clients { client.send("GET /x HTTP/1.1\r\nHost: a\r\n\r\n") }
        #expect(clients.map { $0.responses(1).responses.count } == [1, 1, 1])
    }

    @Test func stoppingAnswersWhatIsInFlight() throws {
        let (server, port) = try server()
        let client = try TestClient(port: port)
        client.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n")
        let deadline = Date().addingTimeInterval(5)
        while handler.requests == 0, Date() < deadline { Thread.sleep(forTimeInterval: 0.001) }
        #expect(handler.requests == 1, "the request is in flight when the server stops")
        server.stop()
        #expect(client.responses(1).responses.map(\.body) == ["/slow"])
        #expect(throws: (any Error).self) { try TestClient(port: port) }
    }

    @Test func stoppingDoesNotWaitForeverForAHandlerThatNeverAnswers() throws {
        let (server, port) = try server { $0.requestTimeout = 0.5 }
        let client = try TestClient(port: port)
        client.send("GET /never HTTP/1.1\r\nHost: a\r\n\r\n")
        let deadline = Date().addingTimeInterval(5)
        while handler.requests == 0, Date() < deadline { Thread.sleep(forTimeInterval: 0.001) }
        let started = Date()
        server.stop()
        #expect(Date().timeIntervalSince(started) < 3)
        #expect(client.closedByServer())
    }
}
