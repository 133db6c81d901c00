import Foundation
import Glibc

/// A blocking loopback client for tests: sends raw bytes, reads raw responses.
public final class TestClient {
    public let fd: Int32
    /// The head (status line and header fields) of the last response read.
    public private(set) var lastHead = ""

    /// `receiveBuffer` sets SO_RCVBUF before connecting, for a client that reads slowly or not at
    /// all and should hold back little.
    public init(port: UInt16, receiveBuffer: Int32? = nil) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        if var size = receiveBuffer {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else { throw NSError(domain: "connect", code: Int(errno)) }
    }

    deinit { close(fd) }

    public func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Reads until `count` whole responses have arrived or the server closes; returns them and
    /// whether the server closed the connection.
    public func responses(_ count: Int) -> (responses: [(status: Int, body: String)], closed: Bool) {
        var data: [UInt8] = []
        var found: [(Int, String)] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while found.count < count {
            if let (response, head, used) = Self.parse(data) {
                found.append(response)
                lastHead = head
                data.removeFirst(used)
                continue
            }
            let read = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if read <= 0 { return (found, true) }
            data += buffer[0..<read]
        }
        return (found, false)
    }

    /// Reads raw bytes until `done` holds for all read so far, the server closes, or the receive
    /// timeout passes; returns what was read, as text. For checks on the exact bytes sent.
    public func receive(until done: (String) -> Bool) -> String {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !done(String(decoding: data, as: UTF8.self)) {
            let read = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if read <= 0 { break }
            data += buffer[0..<read]
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Whether the server has closed the connection (reads until EOF or the timeout).
    public func closedByServer() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let read = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if read == 0 { return true }
            if read < 0 { return errno != EAGAIN && errno != EWOULDBLOCK }
        }
    }

    /// Sends one request and reads its answer: status, body and the raw head.
    public func request(
        _ method: String, _ target: String, headers: [String: String] = [:], body: String? = nil
    ) -> (status: Int, body: String) {
        var text = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { text += "\(name): \(value)\r\n" }
        if let body { text += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n" }
        text += "\r\n" + (body ?? "")
        send(text)
        return responses(1).responses.first ?? (0, "")
    }

    private static func parse(_ data: [UInt8]) -> ((Int, String), String, Int)? {
        let text = String(decoding: data, as: UTF8.self)
        guard let headEnd = text.range(of: "\r\n\r\n") else { return nil }
        let head = text[..<headEnd.lowerBound]
        let status = Int(head.split(separator: " ")[1]) ?? 0
        let length =
            head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
            .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
        let headBytes = text[..<headEnd.upperBound].utf8.count
        guard data.count >= headBytes + length else { return nil }
        return (
            (status, String(decoding: data[headBytes..<headBytes + length], as: UTF8.self)), String(head),
            headBytes + length
        )
    }

    /// A header field of the last response, by case-insensitive name.
    public func lastHeader(_ name: String) -> String? {
        lastHead.split(separator: "\r\n").dropFirst().first { $0.lowercased().hasPrefix(name.lowercased() + ":") }
            .map { String($0.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces) }
    }
}
