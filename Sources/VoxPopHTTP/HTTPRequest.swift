/// One parsed HTTP/1.1 request.
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    /// The request target in origin form (`/v1/campaigns?x=1`) or `*`. An absolute-form target
    /// (`http://host/v1/campaigns?x=1`, as sent to a proxy) is given in origin form, its authority
    /// as the `Host` field.
    public var target: String
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    public var minorVersion: Int
    /// Header fields in the order received; names as sent (compare them case-insensitively).
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// Whether the connection stays open after the response (RFC 9112 section 9.3).
    public var keepAlive: Bool
    /// The client's address as the server decided it, what per-address limits and logs use: the
    /// TCP peer, or behind a trusted proxy the client the proxy names (an IP address, or an
    /// obfuscated name like `_hidden` if that is all the proxy gives). Set by the server (empty
    /// when parsed alone). See `HTTPServer.Configuration.trustedProxies`.
    public var peer = ""
    /// The TCP peer's IP address, a proxy's when there is one.
    public var socketPeer = ""
    /// Whether a trusted proxy says the client spoke HTTPS to it (`Forwarded: proto=https` or
    /// `X-Forwarded-Proto: https`), for `Secure` cookies and the like. Always false when the
    /// socket peer is not a trusted proxy.
    public var forwardedHTTPS = false

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers.first { Self.equalIgnoringASCIICase($0.name, name) }?.value
    }

    /// `equalIgnoringASCIICase` on two strings' UTF-8 storage, the form every header lookup takes.
    static func equalIgnoringASCIICase(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        var (a, b) = (a, b)
        return a.withUTF8 { a in b.withUTF8 { b in equalIgnoringASCIICase(a, b) } }
    }

    /// Whether two byte strings are equal ignoring ASCII case (field names, auth schemes), without
    /// building lowercased copies.
    @inlinable
    public static func equalIgnoringASCIICase(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        var (i, j) = (a.startIndex, b.startIndex)
        while i != a.endIndex {
            guard lower(a[i]) == lower(b[j]) else { return false }
            a.formIndex(after: &i)
            b.formIndex(after: &j)
        }
        return true
    }

    @usableFromInline
    static func lower(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte | 0x20 : byte }

    /// The target's path, without the query. (Found on the bytes: the target is ASCII after
    /// parsing, and a Character-wise split cost a vote about a microsecond.)
    public var path: Substring {
        guard let query = target.utf8.firstIndex(of: UInt8(ascii: "?")) else { return target[...] }
        return target[..<query]
    }

    public static func == (lhs: HTTPRequest, rhs: HTTPRequest) -> Bool {
        lhs.method == rhs.method && lhs.target == rhs.target && lhs.minorVersion == rhs.minorVersion
            && lhs.headers.elementsEqual(rhs.headers) { $0.name == $1.name && $0.value == $1.value }
            && lhs.body == rhs.body && lhs.keepAlive == rhs.keepAlive
    }
}

/// A request that cannot be served as sent, with the status to answer before closing.
public struct HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 400, 413, 414, 431, 501 or 505.
    public var status: Int
    public var reason: String

    public init(_ status: Int, _ reason: String) {
        self.status = status
        self.reason = reason
    }

    public var description: String { "\(status): \(reason)" }
}
