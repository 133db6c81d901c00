import Testing
import VoxPopTestSupport

@testable import VoxPopHTTP

@Suite struct ForwardingTests {
    static let trusted = try! HTTPServer.Configuration.parseTrustedProxies("127.0.0.1, 10.0.0.0/8, 2001:db8:ff::/48")

    static func client(_ headers: [(String, String)]) -> String {
        let (peer, https) = Forwarding.client(
            of: headers.map { (name: $0.0, value: $0.1) }, socketPeer: "127.0.0.1", trusted: trusted)
        return https ? "\(peer) https" : peer
    }

    /// The right-most hop that is not a trusted proxy; the socket peer when a walked hop is
    /// garbage or names nobody.
    @Test(arguments: [
        // X-Forwarded-For
        ("X-Forwarded-For", "203.0.113.7", "203.0.113.7"),
        ("X-Forwarded-For", "198.51.100.1, 203.0.113.7", "203.0.113.7"),
        ("X-Forwarded-For", "198.51.100.1, 203.0.113.7, 10.1.1.1", "203.0.113.7"),
        ("X-Forwarded-For", "203.0.113.7,10.1.1.1,127.0.0.1", "203.0.113.7"),
        ("X-Forwarded-For", "10.2.2.2, 10.1.1.1", "10.2.2.2"),
        ("X-Forwarded-For", "garbage, 203.0.113.7", "203.0.113.7"),
        ("X-Forwarded-For", "203.0.113.7, garbage", "127.0.0.1"),
        ("X-Forwarded-For", "203.0.113.7, , 10.1.1.1", "127.0.0.1"),
        ("X-Forwarded-For", "203.0.113.7:5678", "203.0.113.7"),
        ("X-Forwarded-For", "2001:db8::7", "2001:db8::7"),
        ("X-Forwarded-For", "[2001:db8::7]:443, 2001:db8:ff::1", "2001:db8::7"),
        ("X-Forwarded-For", "::ffff:203.0.113.7", "203.0.113.7"),
        ("X-Forwarded-For", "unknown", "127.0.0.1"),
        ("X-Forwarded-For", "203.0.113.7, unknown", "127.0.0.1"),
        ("X-Forwarded-For", "203.0.113.7 ; rm -rf", "127.0.0.1"),
        ("X-Forwarded-For", "_hidden", "127.0.0.1"),
        ("X-Forwarded-For", "203.0.113.256", "127.0.0.1"),
        ("X-Forwarded-For", "[203.0.113.7]", "127.0.0.1"),
        // Forwarded (RFC 7239)
        ("Forwarded", "for=192.0.2.60;proto=http;by=203.0.113.43", "192.0.2.60"),
        ("Forwarded", "for=192.0.2.43, for=\"[2001:db8:cafe::17]\"", "2001:db8:cafe::17"),
        ("Forwarded", "for=\"[2001:db8:cafe::17]:4711\"", "2001:db8:cafe::17"),
        ("Forwarded", "For=\"192.0.2.43:47011\", for=10.0.0.1", "192.0.2.43"),
        ("Forwarded", "for=unknown", "127.0.0.1"),
        ("Forwarded", "for=_hidden, for=10.0.0.1", "_hidden"),
        ("Forwarded", "for=\"_gazonk:_port\"", "_gazonk"),
        ("Forwarded", "for=192.0.2.1;proto=https", "192.0.2.1 https"),
        ("Forwarded", "for=192.0.2.1;proto=https, for=10.0.0.1;proto=http", "192.0.2.1 https"),
        ("Forwarded", "for=192.0.2.1;proto=http, for=10.0.0.1;proto=https", "192.0.2.1"),
        ("Forwarded", "proto=https", "127.0.0.1 https"),
        ("Forwarded", ", for=192.0.2.1 ,", "192.0.2.1"),
        ("Forwarded", "for=garbage, for=192.0.2.1", "192.0.2.1"),
        ("Forwarded", "for=192.0.2.1, for=garbage", "127.0.0.1"),
        ("Forwarded", "for=\"[2001:db8::1]\" ; proto=https", "2001:db8::1 https"),
        ("Forwarded", "for=[2001:db8::1]", "127.0.0.1"),
        ("Forwarded", "for=\"2001:db8::1\"", "127.0.0.1"),
        ("Forwarded", "for=192.0.2.1;for=192.0.2.2", "127.0.0.1"),
        ("Forwarded", "for=\"192.0.2.1", "127.0.0.1"),
        ("Forwarded", "for=192.0.2.1 junk", "127.0.0.1"),
        ("Forwarded", "for=", "127.0.0.1"),
        ("Forwarded", "=192.0.2.1", "127.0.0.1"),
        ("Forwarded", "for=\"192.0.2.1:123456\"", "127.0.0.1"),
        ("Forwarded", "for=\"[192.0.2.1]\"", "127.0.0.1"),
        ("Forwarded", "for=\"_bad!name\"", "127.0.0.1"),
        ("Forwarded", "for=\"\\\"192.0.2.1\"", "127.0.0.1"),
    ])
    func picksTheRightMostUntrustedHop(header: String, value: String, expected: String) {
        #expect(Self.client([(header, value)]) == expected, "\(header): \(value)")
    }

    @Test func combinesFieldsAndPrefersForwarded() {
        // Several fields are one list, in order.
        #expect(Self.client([("X-Forwarded-For", "203.0.113.7"), ("x-forwarded-for", "10.1.1.1")]) == "203.0.113.7")
        #expect(Self.client([("Forwarded", "for=192.0.2.9"), ("Forwarded", "for=10.0.0.2")]) == "192.0.2.9")
        // Forwarded wins over X-Forwarded-For, even malformed.
        #expect(Self.client([("X-Forwarded-For", "203.0.113.7"), ("Forwarded", "for=192.0.2.9")]) == "192.0.2.9")
        #expect(Self.client([("X-Forwarded-For", "203.0.113.7"), ("Forwarded", "for=\"")]) == "127.0.0.1")
        // X-Forwarded-Proto: the right-most value, for X-Forwarded-For or a Forwarded without proto.
        #expect(
            Self.client([("X-Forwarded-For", "203.0.113.7"), ("X-Forwarded-Proto", "HTTPS")]) == "203.0.113.7 https")
        #expect(Self.client([("X-Forwarded-Proto", "http, https")]) == "127.0.0.1 https")
        #expect(Self.client([("X-Forwarded-Proto", "https, http")]) == "127.0.0.1")
        #expect(Self.client([("Forwarded", "for=192.0.2.9"), ("X-Forwarded-Proto", "https")]) == "192.0.2.9 https")
        // A malformed list never passes on the proxy's protocol claim.
        #expect(Self.client([("X-Forwarded-For", "nope"), ("X-Forwarded-Proto", "https")]) == "127.0.0.1")
        #expect(Self.client([]) == "127.0.0.1")
    }
}

/// Over loopback: 127.0.0.1 trusted, its forwarding headers name the client; not trusted, they
/// are ignored.
@Suite struct TrustedProxyServerTests {
    @Test func aTrustedProxysHeadersNameTheClient() throws {
        for trusted in [true, false] {
            var configuration = HTTPServer.Configuration()
            configuration.port = 0
            configuration.trustedProxies = try HTTPServer.Configuration.parseTrustedProxies(
                trusted ? "10.0.0.0/8, 127.0.0.1" : "10.0.0.0/8, ::1")
            let server = HTTPServer(configuration: configuration, handler: WhoAmI())
            let port = try server.start()
            defer { server.stop() }
            let client = try TestClient(port: port)
            let xff = client.request("GET", "/", headers: ["X-Forwarded-For": "198.51.100.4, 203.0.113.7"]).body
            let forwarded = client.request(
                "GET", "/", headers: ["Forwarded": "for=\"[2001:db8::9]:4711\";proto=https, for=10.0.0.3"]
            ).body
            let proto = client.request(
                "GET", "/", headers: ["X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"]
            ).body
            let garbage = client.request("GET", "/", headers: ["X-Forwarded-For": "<script>"]).body
            let none = client.request("GET", "/").body
            if trusted {
                #expect(xff == "203.0.113.7 127.0.0.1 http")
                #expect(forwarded == "2001:db8::9 127.0.0.1 https")
                #expect(proto == "203.0.113.7 127.0.0.1 https")
            } else {
                #expect(xff == "127.0.0.1 127.0.0.1 http")
                #expect(forwarded == "127.0.0.1 127.0.0.1 http")
                #expect(proto == "127.0.0.1 127.0.0.1 http")
            }
            #expect(garbage == "127.0.0.1 127.0.0.1 http")
            #expect(none == "127.0.0.1 127.0.0.1 http")
        }
    }
}

/// Answers with the request's peer, socket peer and forwarded protocol.
struct WhoAmI: HTTPHandler {
    func handle(_ request: HTTPRequest, respond: @escaping @Sendable (HTTPResponse) -> Void) {
        let body = "\(request.peer) \(request.socketPeer) \(request.forwardedHTTPS ? "https" : "http")"
        respond(HTTPResponse(status: 200, contentType: "text/plain", body: body))
    }
}
