/// A response to send: status, header fields and body. `Date`, `Content-Length` and, when the
/// connection closes (or an HTTP/1.0 connection stays open), `Connection` are added when it is
/// written.
///
/// Answer `HEAD` as `GET`: the server sends the head the body would have (its `Content-Length`
/// included) and drops the body (RFC 9110 section 9.3.2).
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public init(status: Int, contentType: String, body: String) {
        self.init(status: status, headers: [("Content-Type", contentType)], body: Array(body.utf8))
    }

    /// What the response's framing depends on in the request it answers.
    struct Framing {
        /// The connection stays open after this response.
        var keepAlive = true
        /// HTTP/1.0 keeps a connection only when told so, in every response.
        var http10 = false
        /// A HEAD request: the head only.
        var headOnly = false

        /// For a request refused before it could be read: close, head and body.
        static let closing = Framing(keepAlive: false)
    }

    /// Appends the response as sent on the wire, bytes straight into the connection's buffer
    /// (interpolating the head into a String and copying it cost more than the rest). `dateField`
    /// is the whole `Date: ...\r\n` line, formatted once a second by the loop.
    func write(into out: inout [UInt8], framing: Framing, dateField: UnsafeBufferPointer<UInt8>) {
        out.reserveCapacity(out.count + 96 + dateField.count + (framing.headOnly ? 0 : body.count))
        out += "HTTP/1.1 ".utf8
        Self.appendDecimal(status, to: &out)
        out.append(0x20)
        out += Self.reason(status).utf8
        out += [0x0D, 0x0A]
        out += dateField
        for (name, value) in headers {
            out += name.utf8
            out += [0x3A, 0x20]
            out += value.utf8
            out += [0x0D, 0x0A]
        }
        out += "Content-Length: ".utf8
        Self.appendDecimal(body.count, to: &out)
        if !framing.keepAlive {
            out += "\r\nConnection: close".utf8
        } else if framing.http10 {
            out += "\r\nConnection: keep-alive".utf8
        }
        out += [0x0D, 0x0A, 0x0D, 0x0A]
        if !framing.headOnly { out += body }
    }

    private static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        guard value >= 10 else { return out.append(UInt8(0x30 + value)) }
        appendDecimal(value / 10, to: &out)
        out.append(UInt8(0x30 + value % 10))
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 204: "No Content"
        case 303: "See Other"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 413: "Content Too Large"
        case 414: "URI Too Long"
        case 422: "Unprocessable Content"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 503: "Service Unavailable"
        case 505: "HTTP Version Not Supported"
        default: "Status"
        }
    }
}
