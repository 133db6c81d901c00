import Foundation
import Glibc
import Testing
import VoxPopTestSupport

@testable import VoxPopHTTP

/// A connection's unsent output and requests in flight are bounded; a client that stops reading
/// is held back, then cut off; one that reads slowly but steadily gets everything.
@Suite struct BackpressureTests {
    let handler = EchoHandler()

    func server(_ configure: (inout HTTPServer.Configuration) -> Void) throws -> (HTTPServer, UInt16) {
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        configuration.loops = 1
        configure(&configuration)
        let server = HTTPServer(configuration: configuration, handler: handler)
        return (server, try server.start())
    }

    /// Polls until `done` or the deadline; returns the seconds it took, nil at the deadline.
    func waitFor(seconds limit: Double, _ done: () -> Bool) -> Double? {
        let started = Date()
        while !done() {
            if Date().timeIntervalSince(started) > limit { return nil }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return Date().timeIntervalSince(started)
    }

    static let bigGet = "GET /big HTTP/1.1\r\nHost: a\r\n\r\n"
    static let bigResponse = 64 * 1024

    /// The security finding: pipelined GETs of a 64 KiB page, never read, grew the server by
    /// 67 MB and kept the connection past the idle timeout. Now the server stops parsing at the
    /// output cap, holds at most about the cap and one response, and closes the connection once
    /// its output has not moved for the write timeout.
    @Test func aClientThatNeverReadsIsHeldBackThenCutOff() throws {
        let (server, port) = try server { $0.writeTimeout = 1.5 }
        defer { server.stop() }
        let client = try TestClient(port: port, receiveBuffer: 16 * 1024)
        // More than the server reads at once (64 KiB), so requests also wait in the socket.
        client.send(String(repeating: Self.bigGet, count: 3000))
        #expect(waitFor(seconds: 5) { server.peakOutputBuffer > 0 } != nil, "the socket filled")
        let turnsBefore = server.loopTurns
        let closedAfter = waitFor(seconds: 10) { server.openConnections == 0 }
        let turns = server.loopTurns - turnsBefore
        #expect(closedAfter != nil, "closed by the write timeout")
        #expect((closedAfter ?? 0) > 1.0, "not before the write timeout")
        let limit = HTTPServer.Configuration().maximumPendingOutput
        #expect(server.peakOutputBuffer <= limit + 2 * Self.bigResponse, "peak \(server.peakOutputBuffer) bytes")
        #expect(handler.requests < 200, "parsing stopped: \(handler.requests) of 3000 requests handled")
        // Level-triggered epoll with the connection paused: the loop sleeps (about 4 turns a second
        // for the sweep), it does not spin on the unread socket.
        #expect(turns < 100, "\(turns) loop turns while the connection was held back")
    }

    /// Reads `count` responses at about 8 MB/s (16 KiB, then a 2 ms pause); returns their body
    /// lengths and the seconds it took.
    func readSlowly(_ client: TestClient, count: Int) -> (bodies: [Int], seconds: Double) {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        let started = Date()
        var bodies: [Int] = []
        var cursor = 0
        while bodies.count < count {
            let read = buffer.withUnsafeMutableBytes { recv(client.fd, $0.baseAddress, $0.count, 0) }
            guard read > 0 else { break }
            data += buffer[0..<read]
            while let (body, end) = Self.response(in: data, from: cursor) {
                bodies.append(body)
                cursor = end
            }
            Thread.sleep(forTimeInterval: 0.002)
        }
        return (bodies, Date().timeIntervalSince(started))
    }

    /// A client that reads slowly but steadily, taking longer in all than the write and idle
    /// timeouts, gets every response, and the server's buffer stays within the cap. With a cap
    /// larger than what the kernel frees at each wake-up (4 MiB), the buffer never empties, so
    /// what was sent must be dropped from its front.
    @Test(arguments: [256 * 1024, 4 * 1024 * 1024])
    func aSlowButSteadyReaderGetsEveryResponse(cap: Int) throws {
        let (server, port) = try server {
            $0.writeTimeout = 0.5
            $0.idleTimeout = 0.5
            $0.maximumPendingOutput = cap
        }
        defer { server.stop() }
        let client = try TestClient(port: port, receiveBuffer: 16 * 1024)
        client.send(String(repeating: Self.bigGet, count: 300))
        let (bodies, seconds) = readSlowly(client, count: 300)
        #expect(seconds > 1, "slower in all than the timeouts")
        #expect(bodies.count == 300)
        #expect(bodies.allSatisfy { $0 == Self.bigResponse })
        // The cap, one response past it, and up to 64 KiB already sent but not yet dropped.
        #expect(server.peakOutputBuffer <= cap + 3 * Self.bigResponse, "peak \(server.peakOutputBuffer) bytes")
    }

    /// Output that moves is activity: reading one large response slowly, with nothing else under
    /// way, outlasts the idle timeout.
    @Test func aSlowReaderOfALargeResponseOutlastsTheIdleTimeout() throws {
        let (server, port) = try server {
            $0.writeTimeout = 0.5
            $0.idleTimeout = 0.5
        }
        defer { server.stop() }
        let client = try TestClient(port: port, receiveBuffer: 16 * 1024)
        client.send("GET /huge HTTP/1.1\r\nHost: a\r\n\r\n")
        let (bodies, seconds) = readSlowly(client, count: 1)
        #expect(seconds > 1)
        #expect(bodies == [16 * 1024 * 1024])
    }

    /// With the write timeout far off, the idle timeout still closes a connection whose only
    /// business is output its client does not read: waiting output is not activity.
    @Test func unsentOutputDoesNotHoldOffTheIdleTimeout() throws {
        let (server, port) = try server {
            $0.idleTimeout = 1
            $0.writeTimeout = 60
        }
        defer { server.stop() }
        let client = try TestClient(port: port, receiveBuffer: 16 * 1024)
        client.send("GET /huge HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(waitFor(seconds: 5) { handler.requests == 1 && server.openConnections == 1 } != nil)
        let closedAfter = waitFor(seconds: 10) { server.openConnections == 0 }
        #expect(closedAfter != nil)
        #expect((closedAfter ?? 0) > 0.5)
    }

    /// Too many requests in flight also pause the connection; answers let it go on.
    @Test func requestsInFlightAreCapped() throws {
        let (server, port) = try server {
            $0.maximumRequestsInFlight = 4
            $0.requestTimeout = 0.5  // how long stopping waits for the unanswered
        }
        defer { server.stop() }
        let client = try TestClient(port: port)
        client.send(String(repeating: "GET /never HTTP/1.1\r\nHost: a\r\n\r\n", count: 10))
        #expect(waitFor(seconds: 5) { handler.requests == 4 } != nil)
        Thread.sleep(forTimeInterval: 0.2)
        #expect(handler.requests == 4, "the fifth waits for an answer")
        let second = try TestClient(port: port)
        #expect(second.request("GET", "/other").body == "/other", "other connections go on")
    }

    /// A client that half-closes after its request: the connection is not read while its answer
    /// is awaited, so level-triggered epoll does not report the end of stream on every turn.
    @Test func aHalfClosedConnectionAwaitingItsAnswerDoesNotSpin() throws {
        let (server, port) = try server { _ in }
        defer { server.stop() }
        let client = try TestClient(port: port)
        client.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n")
        shutdown(client.fd, Int32(SHUT_WR))
        #expect(waitFor(seconds: 5) { handler.requests == 1 } != nil)
        let turnsBefore = server.loopTurns
        #expect(client.responses(1).responses.map(\.body) == ["/slow"])
        #expect(client.closedByServer())
        #expect(server.loopTurns - turnsBefore < 20, "\(server.loopTurns - turnsBefore) turns for one answer")
    }

    /// The body length of the response starting at `start`, and where it ends; nil if incomplete.
    static func response(in data: [UInt8], from start: Int) -> (Int, Int)? {
        var index = start
        while index + 3 < data.count {
            if data[index] == 0x0D, data[index + 1] == 0x0A, data[index + 2] == 0x0D, data[index + 3] == 0x0A {
                let head = String(decoding: data[start..<index], as: UTF8.self).lowercased()
                guard let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
                    let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
                else { return nil }
                let end = index + 4 + length
                return end <= data.count ? (length, end) : nil
            }
            index += 1
        }
        return nil
    }
}
