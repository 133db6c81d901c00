// A load generator for VoxPop's HTTP API (and, for comparison, any server's fixed /healthz).
//
//     swift run -c release load-generator --port P [--mode votes|healthz] [--connections 64]
//         [--duration 10] [--idle 0] [--secret-env VAR] [--campaign C] [--ballot B]
//         [--duplicates 0.05] [--forged 0.05] [--record FILE] [--per-connection N] [--path /healthz]
//
// One thread, one epoll instance, N keep-alive connections, each with one request in flight (as
// N browsers or phones would). Every request is built before the clock starts, so the generator
// spends its time on sockets, not on formatting or signing: it must cost far less per request
// than the server it measures. Votes are distinct voters with signed tokens, plus a share of
// duplicates (a connection's own earlier voter: expects 409) and forged tokens (expects 401);
// every answer's status is checked. `--idle N` first opens N more keep-alive connections, each
// answered once and then left idle for the whole run. `--ballot` takes a comma-separated list;
// votes go to its ballots in turn.
//
// `--record FILE` is for tools/crash-test: the server may die at any moment, so answers are not
// checked against expectations but written down (after "load-generator: sending" on stderr), one line per vote sent: status (0 when no
// answer came), ballot, voter, and the receipt the answer carried ("-" for none). A connection
// the server closes ends that connection's run instead of the whole program.
//
// `--mode healthz` sends one fixed GET, of `--path` (default /healthz), expecting 200.
//
// Prints one line: mode, requests, seconds, requests/s, latency p50/p99/p99.9 in ms, unexpected
// answers (which must be 0), and the generator's own CPU time per request.
import CVoxPopLinux
import Foundation
import Glibc
import VoxPopWeb

var options: [String: String] = [:]
var iterator = CommandLine.arguments.dropFirst().makeIterator()
while let name = iterator.next() {
    guard name.hasPrefix("--"), let value = iterator.next() else {
        FileHandle.standardError.write(Data("usage: load-generator --port P [--mode votes|healthz] ...\n".utf8))
        exit(2)
    }
    options[String(name.dropFirst(2))] = value
}
let port = UInt16(options["port"] ?? "8080")!
let mode = options["mode"] ?? "votes"
let connections = Int(options["connections"] ?? "64")!
let duration = Double(options["duration"] ?? "10")!
let idle = Int(options["idle"] ?? "0")!
let campaign = options["campaign"] ?? "bench"
let ballots = (options["ballot"] ?? "vote").split(separator: ",").map(String.init)
let recordPath = options["record"]
let duplicates = Double(options["duplicates"] ?? "0.05")!
let forged = Double(options["forged"] ?? "0.05")!
let secret = ProcessInfo.processInfo.environment[options["secret-env"] ?? "BENCH_SECRET"] ?? "bench secret"
let getPath = options["path"] ?? "/healthz"

/// One prepared request and the status its answer must have.
struct Prepared {
    var bytes: [UInt8]
    var expected: Int
    var ballot = ""
    var voter = ""
}

// Enough requests for the run at up to 80,000 requests/s, split among the connections.
let perConnection = Int(options["per-connection"] ?? "") ?? max(64, Int(duration * 80_000) / connections)
@MainActor func prepare(connection: Int) -> [Prepared] {
    if mode == "healthz" {
        let request = Prepared(bytes: Array("GET \(getPath) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8), expected: 200)
        return [request]
    }
    let jwt = JWT(secret: Array(secret.utf8))
    let forger = JWT(secret: Array("not the secret".utf8))
    let issued = Date()
    var random = SystemRandomNumberGenerator()
    var requests: [Prepared] = []
    requests.reserveCapacity(perConnection)
    var voters: [(voter: String, ballot: String)] = []
    let run = ProcessInfo.processInfo.processIdentifier
    for index in 0..<perConnection {
        let roll = Double.random(in: 0..<1, using: &random)
        let token: String
        let expected: Int
        var ballot = ballots[index % ballots.count]
        var voter = "voter-\(run)-\(connection)-\(index)"
        if roll < forged {
            voter = "forger-\(run)-\(connection)-\(index)"
            token = forger.sign(subject: voter, audience: campaign, issuedAt: issued, lifetime: 3600)
            expected = 401
        } else if roll < forged + duplicates, let earlier = voters.randomElement(using: &random) {
            (voter, ballot) = earlier
            token = jwt.sign(subject: voter, audience: campaign, issuedAt: issued, lifetime: 3600)
            expected = 409
        } else {
            voters.append((voter, ballot))
            token = jwt.sign(subject: voter, audience: campaign, issuedAt: issued, lifetime: 3600)
            expected = 201
        }
        let body = index % 2 == 0 ? #"{"choices":["yes"]}"# : #"{"choices":["no"]}"#
        let text =
            "POST /v1/campaigns/\(campaign)/ballots/\(ballot)/votes HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Authorization: Bearer \(token)\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        requests.append(Prepared(bytes: Array(text.utf8), expected: expected, ballot: ballot, voter: voter))
    }
    return requests
}

@MainActor func connectLoopback() -> Int32 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    }
    guard result == 0 else {
        FileHandle.standardError.write(
            Data("load-generator: cannot connect to 127.0.0.1:\(port): errno \(errno)\n".utf8))
        exit(1)
    }
    var on: Int32 = 1
    setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
    return fd
}

/// Reads one whole response from a blocking socket; returns its status (0 on EOF).
@MainActor func blockingResponse(_ fd: Int32) -> Int {
    var data: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        if let (status, used) = parseResponse(data[...]), used > 0 { return status }
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count <= 0 { return 0 }
        data += buffer[0..<count]
    }
}

/// The status and length of the first whole response in `data`, if it has arrived.
@MainActor func parseResponse(_ data: ArraySlice<UInt8>) -> (status: Int, length: Int)? {
    parseResponseWithBody(data).map { ($0.status, $0.length) }
}

/// The status, length and body start of the first whole response in `data`, if it has arrived.
@MainActor func parseResponseWithBody(_ data: ArraySlice<UInt8>) -> (status: Int, length: Int, bodyStart: Int)? {
    let start = data.startIndex
    guard data.count >= 16 else { return nil }
    var index = start
    var headEnd = -1
    while index + 3 < data.endIndex {
        if data[index] == 13, data[index + 1] == 10, data[index + 2] == 13, data[index + 3] == 10 {
            headEnd = index + 4
            break
        }
        index += 1
    }
    guard headEnd >= 0 else { return nil }
    let status = Int(data[start + 9] - 48) * 100 + Int(data[start + 10] - 48) * 10 + Int(data[start + 11] - 48)
    // Content-Length, case-insensitively.
    var length = 0
    var line = start
    while line < headEnd {
        var end = line
        while end < headEnd, data[end] != 10 { end += 1 }
        if end - line > 15, data[line] | 0x20 == UInt8(ascii: "c"), data[line + 8] | 0x20 == UInt8(ascii: "l"),
            data[line + 14] == UInt8(ascii: ":")
        {
            var value = 0
            for byte in data[(line + 15)..<end] where byte >= 48 && byte <= 57 { value = value * 10 + Int(byte - 48) }
            length = value
        }
        line = end + 1
    }
    guard data.count >= headEnd - start + length else { return nil }
    return (status, headEnd - start + length, headEnd)
}

/// The value of the body's "receipt" member, found by its text (both the 201 and the 409
/// already-voted answers carry one).
@MainActor func receipt(in body: ArraySlice<UInt8>) -> String {
    let key = Array(#""receipt":""#.utf8)
    guard body.count > key.count else { return "-" }
    var index = body.startIndex
    while index + key.count <= body.endIndex {
        if body[index..<(index + key.count)].elementsEqual(key) {
            let valueStart = index + key.count
            guard let end = body[valueStart...].firstIndex(of: UInt8(ascii: "\"")) else { return "-" }
            return String(decoding: body[valueStart..<end], as: UTF8.self)
        }
        index += 1
    }
    return "-"
}

// Idle connections first: each answers one request, then sits open.
var idleDescriptors: [Int32] = []
for _ in 0..<idle {
    let fd = connectLoopback()
    let request = Array("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
    _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    guard blockingResponse(fd) == 200 else {
        FileHandle.standardError.write(Data("load-generator: an idle connection was not answered\n".utf8))
        exit(1)
    }
    idleDescriptors.append(fd)
}

final class Connection {
    let fd: Int32
    let requests: [Prepared]
    var next = 0
    var sentAt: UInt64 = 0
    var inbound: [UInt8] = []
    /// For `--record`: each answered request's status and receipt, in order.
    var answers: [(status: Int, receipt: String)] = []
    var closed = false
    var inFlight = false
    init(fd: Int32, requests: [Prepared]) {
        self.fd = fd
        self.requests = requests
        inbound.reserveCapacity(8192)
    }
}

@MainActor func nanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

let prepared = (0..<connections).map { prepare(connection: $0) }
let epoll = voxpop_epoll_create()
var byDescriptor: [Int32: Connection] = [:]
for requests in prepared {
    let fd = connectLoopback()
    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    byDescriptor[fd] = Connection(fd: fd, requests: requests)
    _ = voxpop_epoll_watch(epoll, fd, UInt32(VOXPOP_EVENT_READ), 1)
}

var latencies: [UInt32] = []  // microseconds
latencies.reserveCapacity(Int(duration * 100_000))
var unexpected: [Int: Int] = [:]
var answered = 0
var exhausted = false
var running = connections

@MainActor func send(_ connection: Connection) {
    let request = connection.requests[connection.next % connection.requests.count]
    connection.sentAt = nanoseconds()
    connection.inFlight = true
    // Small requests on an idle socket go out whole; a short write would be a broken benchmark.
    let written = request.bytes.withUnsafeBytes {
        Glibc.send(connection.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
    }
    if written != request.bytes.count {
        if recordPath != nil, written < 0 {
            finish(connection)
            return
        }
        FileHandle.standardError.write(Data("load-generator: short write (\(written))\n".utf8))
        exit(1)
    }
}

/// Stops watching a connection whose run is over.
@MainActor func finish(_ connection: Connection) {
    guard !connection.closed else { return }
    connection.closed = true
    _ = voxpop_epoll_forget(epoll, connection.fd)
    running -= 1
}

if recordPath != nil { FileHandle.standardError.write(Data("load-generator: sending\n".utf8)) }
/// This process's CPU time (user + system) in microseconds: the generator's own cost per request.
@MainActor func cpuMicroseconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e6
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec)
}
let cpuStart = cpuMicroseconds()
let start = nanoseconds()
let end = start + UInt64(duration * 1e9)
for connection in byDescriptor.values { send(connection) }
var fds = [Int32](repeating: 0, count: 256)
var events = [UInt32](repeating: 0, count: 256)
var buffer = [UInt8](repeating: 0, count: 65536)
while running > 0 {
    let ready = voxpop_epoll_wait(epoll, &fds, &events, 256, 1000)
    for index in 0..<max(0, Int(ready)) {
        guard let connection = byDescriptor[fds[index]], !connection.closed else { continue }
        let count = buffer.withUnsafeMutableBytes { recv(connection.fd, $0.baseAddress, $0.count, 0) }
        if count <= 0 {
            if count < 0, errno == EAGAIN { continue }
            if recordPath != nil {
                finish(connection)
                continue
            }
            FileHandle.standardError.write(Data("load-generator: the server closed a connection\n".utf8))
            exit(1)
        }
        connection.inbound += buffer[0..<count]
        while !connection.closed, let (status, used, bodyStart) = parseResponseWithBody(connection.inbound[...]) {
            let now = nanoseconds()
            latencies.append(UInt32(min(UInt64(UInt32.max), (now - connection.sentAt) / 1000)))
            connection.inFlight = false
            if recordPath != nil {
                let body = connection.inbound[bodyStart..<(connection.inbound.startIndex + used)]
                connection.answers.append((status, receipt(in: body)))
            } else {
                let expected = connection.requests[connection.next % connection.requests.count].expected
                if status != expected { unexpected[status, default: 0] += 1 }
            }
            answered += 1
            connection.inbound.removeFirst(used)
            connection.next += 1
            if connection.next >= connection.requests.count, mode != "healthz" { exhausted = true }
            if now < end, !(exhausted && mode != "healthz") {
                send(connection)
            } else {
                finish(connection)
            }
        }
    }
}
let seconds = Double(nanoseconds() - start) / 1e9
let cpuPerRequest = (cpuMicroseconds() - cpuStart) / Double(max(answered, 1))
latencies.sort()
@MainActor func percentile(_ p: Double) -> Double {
    latencies.isEmpty ? 0 : Double(latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]) / 1000
}
let unexpectedText =
    unexpected.isEmpty
    ? "0" : unexpected.sorted { $0.key < $1.key }.map { "\($0.value)x\($0.key)" }.joined(separator: ",")
print(
    String(
        format:
            "%@ connections=%d idle=%d requests=%d seconds=%.2f rate=%.0f p50=%.2fms p99=%.2fms p99.9=%.2fms unexpected=%@ client-cpu=%.1fus/request",
        mode, connections, idleDescriptors.count, answered, seconds, Double(answered) / seconds, percentile(0.5),
        percentile(0.99), percentile(0.999), unexpectedText, cpuPerRequest))
if let recordPath {
    // Every vote sent: answered ones with their status, the one in flight when the server died as 0.
    var lines = ""
    for connection in byDescriptor.values {
        let sent = connection.answers.count + (connection.inFlight ? 1 : 0)
        for index in 0..<sent {
            let request = connection.requests[index]
            let answer: (status: Int, receipt: String) =
                index < connection.answers.count ? connection.answers[index] : (0, "-")
            lines += "\(answer.status) \(request.ballot) \(request.voter) \(answer.receipt)\n"
        }
    }
    guard FileManager.default.createFile(atPath: recordPath, contents: Data(lines.utf8)) else {
        FileHandle.standardError.write(Data("load-generator: cannot write \(recordPath)\n".utf8))
        exit(1)
    }
}
if exhausted { FileHandle.standardError.write(Data("load-generator: ran out of prepared votes before the end\n".utf8)) }
exit(unexpected.isEmpty ? 0 : 1)
