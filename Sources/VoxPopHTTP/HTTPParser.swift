import Glibc

/// An incremental HTTP/1.1 request parser held to RFC 9112, strict where leniency lets one
/// request be read as two (request smuggling).
///
/// Feed it bytes as they arrive (`append`), then take requests (`next`) until it needs more;
/// pipelined requests come out in order. It refuses, with the status to answer:
/// - a request line over `maximumRequestLine` bytes (414), a header section over
///   `maximumHeaderBytes` or `maximumHeaderCount` fields (431, trailers alike), a body over
///   `maximumBody` (413); more than `maximumEmptyLines` empty lines before a request line, chunk
///   framing over `maximumChunkFraming` bytes or extensions over `maximumHeaderBytes` (400);
/// - both `Transfer-Encoding` and `Content-Length`, conflicting or malformed lengths, a transfer
///   coding other than a final `chunked` (501 for unknown codings), `Transfer-Encoding` in
///   HTTP/1.0, obsolete line folding, whitespace before a header's colon, a bare CR, control
///   characters, a missing or repeated `Host` in HTTP/1.1, and malformed chunk sizes (400);
/// - a request target other than a path, `*`, or an absolute `http`/`https` URI with a plain
///   authority (no userinfo, not empty) (400);
/// - a version other than HTTP/1.0 or 1.1 (505).
///
/// An absolute-form target (`GET http://host:port/path?query`, RFC 9112 section 3.2.2) is read
/// in origin form (`/path?query`) and its authority replaces the `Host` field's value, as the RFC
/// has the server use it instead.
/// After an error the connection must be closed: the parser does not resynchronise.
public struct HTTPParser: Sendable {
    public var maximumRequestLine = 8 * 1024
    public var maximumHeaderBytes = 16 * 1024
    public var maximumHeaderCount = 64
    public var maximumBody = 64 * 1024
    /// Bytes of a chunked body's framing (size lines, extensions and CRLFs): room for a 64 KB
    /// body in chunks of about a dozen bytes, not for one in one-byte chunks.
    public var maximumChunkFraming = 32 * 1024

    /// Empty lines allowed before a request line (RFC 9112 section 2.2 asks a server to ignore
    /// at least one, which some clients send after a body); more is a flood, refused.
    public static let maximumEmptyLines = 8

    private var buffer: [UInt8] = []
    private var start = 0
    private var failed: HTTPParseError?
    private var emptyLines = 0
    /// A chunked body that has not all arrived: decoded so far, and where to go on.
    private var chunked: ChunkedProgress?
    /// Chunk size lines read, counting those read again: for the test that each is read about once.
    private(set) var chunkLinesRead = 0

    private struct ChunkedProgress {
        /// Where the body's first chunk begins in `buffer`: the request it belongs to.
        let start: Int
        /// Where the first chunk not yet decoded begins.
        var resume: Int
        var body: [UInt8] = []
        var extensionBytes = 0
        var framingBytes = 0

        init(start: Int) {
            self.start = start
            resume = start
        }
    }

    public init() {}

    /// Bytes waiting to be parsed, for timeouts that watch slow senders.
    public var buffered: Int { buffer.count - start }

    /// Whether the request under way has its whole header section, asks for `Expect: 100-continue`
    /// in HTTP/1.1, and waits for its body: the server should then send `100 Continue` (RFC 9110
    /// section 10.1.1; an HTTP/1.0 request's expectation is ignored), and say so with
    /// `acknowledgeContinue`, after which this stays false until the next request asks. Set by
    /// `next` when it returns nil; a request refused at its header section throws instead.
    public private(set) var expectsContinue = false
    private var continueAcknowledged = false

    /// Records that `100 Continue` went out for the request under way.
    public mutating func acknowledgeContinue() {
        continueAcknowledged = true
        expectsContinue = false
    }

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if start > 0, start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete request; nil when more bytes are needed. Throws once the stream is broken.
    public mutating func next() throws(HTTPParseError) -> HTTPRequest? {
        if let failed { throw failed }
        expectsContinue = false
        do throws(HTTPParseError) {
            var cursor = Cursor(bytes: buffer, index: start)
            // Empty lines before a request line are consumed for good as they arrive, so they are
            // neither kept nor read again with each later read.
            while let byte = cursor.peek(), byte == 0x0D || byte == 0x0A, try cursor.lineEnd() == true {
                emptyLines += 1
                guard emptyLines <= Self.maximumEmptyLines else {
                    throw HTTPParseError(400, "more than \(Self.maximumEmptyLines) empty lines before the request line")
                }
                start = cursor.index
            }
            guard let request = try parse(&cursor) else {
                if continueAcknowledged { expectsContinue = false }
                return nil
            }
            continueAcknowledged = false
            emptyLines = 0
            start = cursor.index
            if start > 64 * 1024 {
                buffer.removeFirst(start)
                start = 0
            }
            return request
        } catch {
            failed = error
            throw error
        }
    }

    /// A request from `cursor`, which `next` has moved past any empty lines.
    private mutating func parse(_ cursor: inout Cursor) throws(HTTPParseError) -> HTTPRequest? {
        guard cursor.peek() != nil else { return nil }
        guard
            let line = try cursor.line(limit: maximumRequestLine, tooLong: HTTPParseError(414, "request line too long"))
        else { return nil }
        let (method, target, minor, authority) = try Self.requestLine(line)

        var headers: [(name: String, value: String)] = []
        var headerBytes = 0
        while true {
            guard
                let field = try cursor.line(
                    limit: maximumHeaderBytes - headerBytes, tooLong: HTTPParseError(431, "header section too large"))
            else { return nil }
            if field.isEmpty { break }
            headerBytes += field.count + 2
            guard headers.count < maximumHeaderCount else {
                throw HTTPParseError(431, "more than \(maximumHeaderCount) header fields")
            }
            headers.append(try Self.headerField(field))
        }

        // Checked before the body, so a request refused for it is refused before 100 Continue.
        if minor == 1 {
            let hosts = headers.filter { HTTPRequest.equalIgnoringASCIICase($0.name, "host") }
            guard hosts.count == 1 else {
                throw HTTPParseError(
                    400, hosts.isEmpty ? "HTTP/1.1 requires a Host header" : "more than one Host header")
            }
        }
        let body = try parseBody(&cursor, headers: headers, minor: minor)
        guard let body else {
            expectsContinue =
                minor == 1
                && headers.contains {
                    HTTPRequest.equalIgnoringASCIICase($0.name, "expect")
                        && HTTPRequest.equalIgnoringASCIICase($0.value, "100-continue")
                }
            return nil
        }
        let connection = headers.filter { HTTPRequest.equalIgnoringASCIICase($0.name, "connection") }.flatMap {
            $0.value.lowercased().split(separator: ",").map { $0.trimmingSpaces }
        }
        let keepAlive = minor == 1 ? !connection.contains("close") : connection.contains("keep-alive")
        if let authority {
            headers.removeAll { HTTPRequest.equalIgnoringASCIICase($0.name, "host") }
            headers.append(("Host", authority))
        }
        return HTTPRequest(
            method: method, target: target, minorVersion: minor, headers: headers, body: body, keepAlive: keepAlive)
    }

    private mutating func parseBody(_ cursor: inout Cursor, headers: [(name: String, value: String)], minor: Int)
        throws(HTTPParseError) -> [UInt8]?
    {
        let encodings = headers.filter { HTTPRequest.equalIgnoringASCIICase($0.name, "transfer-encoding") }
        let lengths = headers.filter { HTTPRequest.equalIgnoringASCIICase($0.name, "content-length") }
        if !encodings.isEmpty {
            guard lengths.isEmpty else { throw HTTPParseError(400, "both Transfer-Encoding and Content-Length") }
            guard minor == 1 else { throw HTTPParseError(400, "Transfer-Encoding in an HTTP/1.0 request") }
            let codings = encodings.flatMap { $0.value.lowercased().split(separator: ",").map { $0.trimmingSpaces } }
            guard codings.last == "chunked" else {
                throw HTTPParseError(
                    codings.contains("chunked") ? 400 : 501, "the last transfer coding must be chunked")
            }
            // RFC 9112 section 6.1: chunked is applied once; more is malformed, not merely unsupported.
            guard codings.filter({ $0 == "chunked" }).count == 1 else {
                throw HTTPParseError(400, "chunked applied more than once")
            }
            guard codings.count == 1 else {
                throw HTTPParseError(501, "transfer codings other than chunked are not supported")
            }
            return try chunkedBody(&cursor)
        }
        guard !lengths.isEmpty else { return [] }
        var length: Int?
        for field in lengths {
            for part in field.value.split(separator: ",", omittingEmptySubsequences: false) {
                let digits = part.trimmingSpaces
                guard !digits.isEmpty, digits.count <= 18, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                    throw HTTPParseError(400, "Content-Length is not a number")
                }
                let value = Int(digits)!
                guard length == nil || length == value else {
                    throw HTTPParseError(400, "conflicting Content-Length values")
                }
                length = value
            }
        }
        guard let length else { return [] }
        guard length <= maximumBody else { throw HTTPParseError(413, "body larger than \(maximumBody) bytes") }
        return cursor.take(length)
    }

    /// A chunked body, decoded as far as it has arrived. What is decoded is kept between reads
    /// (`chunked`), so each chunk is read once: decoding from the first chunk again at every read
    /// made a body dripped in small pieces cost the square of its size (18.9 s of server CPU from
    /// one client thread sending for a second). Framing is bounded too, so a 64 KB body cannot
    /// arrive as 850 KB of one-byte chunks.
    private mutating func chunkedBody(_ cursor: inout Cursor) throws(HTTPParseError) -> [UInt8]? {
        var progress = ChunkedProgress(start: cursor.index)
        if let saved = chunked, saved.start == cursor.index { progress = saved }
        chunked = nil
        cursor.index = progress.resume
        while true {
            guard let line = try cursor.line(limit: 256, tooLong: HTTPParseError(400, "chunk size line too long"))
            else {
                chunked = progress
                return nil
            }
            chunkLinesRead &+= 1
            let sizeText = line.prefix { $0 != UInt8(ascii: ";") }
            let extensionBytes = progress.extensionBytes + line.count - sizeText.count
            guard extensionBytes <= maximumHeaderBytes else {
                throw HTTPParseError(400, "chunk extensions larger than \(maximumHeaderBytes) bytes in all")
            }
            // The size line and its CRLF, and the CRLF after the data.
            let framingBytes = progress.framingBytes + line.count + 4
            guard framingBytes <= maximumChunkFraming else {
                throw HTTPParseError(400, "chunk framing larger than \(maximumChunkFraming) bytes: send larger chunks")
            }
            guard !sizeText.isEmpty, sizeText.count <= 8,
                sizeText.allSatisfy({
                    ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x46) || ($0 >= 0x61 && $0 <= 0x66)
                })
            else { throw HTTPParseError(400, "malformed chunk size") }
            let size = Int(String(decoding: sizeText, as: UTF8.self), radix: 16)!
            if size == 0 {
                // Trailer fields, ignored but bounded, then the final empty line; read from the
                // last chunk's line again until they are all here.
                var trailerBytes = 0
                var trailers = 0
                while true {
                    guard
                        let trailer = try cursor.line(
                            limit: maximumHeaderBytes - trailerBytes,
                            tooLong: HTTPParseError(431, "trailer section too large"))
                    else {
                        chunked = progress
                        return nil
                    }
                    if trailer.isEmpty { return progress.body }
                    trailerBytes += trailer.count + 2
                    trailers += 1
                    guard trailers <= maximumHeaderCount else {
                        throw HTTPParseError(431, "more than \(maximumHeaderCount) trailer fields")
                    }
                    _ = try Self.headerField(trailer)
                }
            }
            guard progress.body.count + size <= maximumBody else {
                throw HTTPParseError(413, "body larger than \(maximumBody) bytes")
            }
            // A chunk counts once its data and CRLF are all here; until then it is read again.
            guard let data = cursor.take(size), let end = try cursor.lineEnd() else {
                chunked = progress
                return nil
            }
            guard end else { throw HTTPParseError(400, "chunk data not followed by CRLF") }
            progress.body += data
            progress.extensionBytes = extensionBytes
            progress.framingBytes = framingBytes
            progress.resume = cursor.index
        }
    }

    /// Method, target in origin form (or `*`), minor version, and the authority of an
    /// absolute-form target.
    static func requestLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> (String, String, Int, String?) {
        let parts = line.split(separator: 0x20, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw HTTPParseError(400, "the request line is not METHOD SP TARGET SP VERSION")
        }
        guard parts[0].allSatisfy(isTokenByte) else { throw HTTPParseError(400, "invalid method") }
        let target = parts[1]
        guard target.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { throw HTTPParseError(400, "invalid request target") }
        var origin: String
        var authority: String?
        if target.first == UInt8(ascii: "/") || target.elementsEqual([UInt8(ascii: "*")]) {
            origin = String(decoding: target, as: UTF8.self)
        } else {
            let absolute = try absoluteForm(target)
            authority = String(decoding: absolute.authority, as: UTF8.self)
            // An empty path is `/` (RFC 9112 section 3.2.1), also before a query.
            origin = absolute.path.first == UInt8(ascii: "/") ? "" : "/"
            origin += String(decoding: absolute.path, as: UTF8.self)
        }
        let version = Array(parts[2])
        guard version.count == 8, version.starts(with: Array("HTTP/".utf8)), version[6] == UInt8(ascii: "."),
            (0x30...0x39).contains(version[5]), (0x30...0x39).contains(version[7])
        else { throw HTTPParseError(400, "malformed HTTP version") }
        guard version[5] == UInt8(ascii: "1"), version[7] <= UInt8(ascii: "1") else {
            throw HTTPParseError(505, "only HTTP/1.0 and HTTP/1.1 are supported")
        }
        return (String(decoding: parts[0], as: UTF8.self), origin, Int(version[7] - 0x30), authority)
    }

    /// Splits an absolute-form target, `http[s]://authority[path-abempty][?query]`, into its
    /// authority and the rest (empty or starting with `/` or `?`). Refuses other schemes, other
    /// forms (authority-form outside CONNECT), userinfo (RFC 9110 section 4.2.4), an empty host
    /// (section 4.2.1), and an authority that is not `host[:port]`.
    static func absoluteForm(_ target: ArraySlice<UInt8>) throws(HTTPParseError) -> (
        authority: ArraySlice<UInt8>, path: ArraySlice<UInt8>
    ) {
        guard let colon = target.firstIndex(of: UInt8(ascii: ":")),
            target[colon...].starts(with: "://".utf8)
        else { throw HTTPParseError(400, "the request target must be a path or an absolute http(s) URI") }
        let scheme = target[..<colon]
        guard
            HTTPRequest.equalIgnoringASCIICase(scheme, "http".utf8)
                || HTTPRequest.equalIgnoringASCIICase(scheme, "https".utf8)
        else { throw HTTPParseError(400, "only http and https absolute-form targets are served") }
        let rest = target[(colon + 3)...]
        let end = rest.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? rest.endIndex
        let authority = rest[..<end]
        guard !authority.contains(UInt8(ascii: "@")) else {
            throw HTTPParseError(400, "userinfo in the request target")
        }
        guard isAuthority(authority) else { throw HTTPParseError(400, "the target's authority is not host[:port]") }
        return (authority, rest[end...])
    }

    /// `host [":" port]` of RFC 3986, host a bracketed IPv6 address or a registered name / IPv4
    /// address (unreserved, sub-delims and well-formed percent-encodings); never empty.
    static func isAuthority(_ authority: ArraySlice<UInt8>) -> Bool {
        var host = authority
        var port = authority[authority.endIndex...]
        if authority.first == UInt8(ascii: "[") {
            guard let close = authority.firstIndex(of: UInt8(ascii: "]")) else { return false }
            host = authority[authority.startIndex...close]
            port = authority[(close + 1)...]
            let inside = host.dropFirst().dropLast()
            guard inside.contains(UInt8(ascii: ":")),
                inside.allSatisfy({ isHexDigit($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") })
            else { return false }
        } else {
            if let colon = authority.firstIndex(of: UInt8(ascii: ":")) {
                host = authority[..<colon]
                port = authority[colon...]
            }
            guard !host.isEmpty else { return false }
            var index = host.startIndex
            while index < host.endIndex {
                let byte = host[index]
                if byte == UInt8(ascii: "%") {
                    guard index + 2 < host.endIndex, isHexDigit(host[index + 1]), isHexDigit(host[index + 2]) else {
                        return false
                    }
                    index += 3
                    continue
                }
                guard isRegisteredNameByte(byte) else { return false }
                index += 1
            }
        }
        guard !port.isEmpty else { return true }
        return port.first == UInt8(ascii: ":") && port.count <= 6
            && port.dropFirst().allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }

    /// RFC 3986 unreserved and sub-delims: what a reg-name holds besides percent-encodings.
    static func isRegisteredNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        default: return Array("-._~!$&'()*+,;=".utf8).contains(byte)
        }
    }

    static func headerField(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> (name: String, value: String) {
        if line.first == 0x20 || line.first == 0x09 { throw HTTPParseError(400, "obsolete line folding") }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
            throw HTTPParseError(400, "a header field without a colon")
        }
        let name = line[line.startIndex..<colon]
        guard !name.isEmpty, name.allSatisfy(isTokenByte) else {
            throw HTTPParseError(400, "invalid header name (no whitespace is allowed before the colon)")
        }
        var value = line[(colon + 1)...]
        while let first = value.first, first == 0x20 || first == 0x09 { value = value.dropFirst() }
        while let last = value.last, last == 0x20 || last == 0x09 { value = value.dropLast() }
        guard value.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else {
            throw HTTPParseError(400, "control characters in a header value")
        }
        return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    /// RFC 9110 tchar.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        default: return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}

/// Reads lines and byte runs from a buffer without consuming it until a whole request is read.
private struct Cursor {
    let bytes: [UInt8]
    var index: Int

    func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    /// The next line without its terminator (CRLF, or LF alone as RFC 9112 section 2.2 allows);
    /// nil when the line is not complete yet. A bare CR is an error, and so is a line of more
    /// than `limit` bytes without its terminator, however the bytes arrive.
    mutating func line(limit: Int, tooLong: HTTPParseError) throws(HTTPParseError) -> ArraySlice<UInt8>? {
        let start = index
        guard start < bytes.count else { return nil }
        // Fast path, with memchr: the usual line has no CR but the one before its LF. Anything
        // else (a bare CR, a CR last in what has arrived) takes the careful loop below.
        let scan: (lf: Int?, plain: Bool) = bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            let lf = memchr(base + start, 0x0A, buffer.count - start).map {
                UnsafeRawPointer($0) - UnsafeRawPointer(base)
            }
            let crEnd = (lf ?? buffer.count) - 1
            let plain = crEnd <= start || memchr(base + start, 0x0D, crEnd - start) == nil
            return (lf, plain)
        }
        if scan.plain, let lf = scan.lf {
            let lineEnd = lf > start && bytes[lf - 1] == 0x0D ? lf - 1 : lf
            if lineEnd - start > limit { throw tooLong }
            index = lf + 1
            return bytes[start..<lineEnd]
        }
        var end = start
        while end < bytes.count, bytes[end] != 0x0A {
            if bytes[end] == 0x0D {
                // A CR last in what has arrived may be the first half of a CRLF: wait for more.
                guard end + 1 < bytes.count else { return nil }
                guard bytes[end + 1] == 0x0A else { throw HTTPParseError(400, "a bare CR in the request") }
            } else if end - start + 1 > limit {
                throw tooLong
            }
            end += 1
        }
        guard end < bytes.count else { return nil }
        let lineEnd = end > start && bytes[end - 1] == 0x0D ? end - 1 : end
        index = end + 1
        return bytes[start..<lineEnd]
    }

    /// Consumes a line terminator: true if there was one, false if something else is here, nil if
    /// more bytes are needed to tell.
    mutating func lineEnd() throws(HTTPParseError) -> Bool? {
        guard let byte = peek() else { return nil }
        if byte == 0x0A {
            index += 1
            return true
        }
        guard byte == 0x0D else { return false }
        guard index + 1 < bytes.count else { return nil }
        guard bytes[index + 1] == 0x0A else { throw HTTPParseError(400, "a bare CR in the request") }
        index += 2
        return true
    }

    mutating func take(_ count: Int) -> [UInt8]? {
        guard bytes.count - index >= count else { return nil }
        defer { index += count }
        return Array(bytes[index..<index + count])
    }
}

extension Substring {
    var trimmingSpaces: String {
        var slice = self
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
