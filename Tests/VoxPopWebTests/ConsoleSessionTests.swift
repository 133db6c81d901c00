import Foundation
import Testing
import VoxPopEngine
import VoxPopTestSupport

/// Signing in to the console starts a session of its own: a fresh random cookie each time, which
/// sign-out or the clock ends, marked HttpOnly, SameSite=Strict and (behind TLS) Secure; and each
/// operator signs in with a key of their own.
@Suite struct ConsoleSessionTests {
    func signIn(_ web: WebHarness, key: String = APIHarness.operatorKey, overHTTPS: Bool = false)
        -> WebHarness
        .Answer
    {
        web.post(
            "/admin/login", form: "key=\(key.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)",
            overHTTPS: overHTTPS)
    }

    func cookie(_ answer: WebHarness.Answer) -> String? {
        answer.header("Set-Cookie")?.split(separator: ";").first.map(String.init)
    }

    @Test func eachSignInIsANewSessionThatSignOutEnds() throws {
        let web = try WebHarness(at: "2027-05-01T10:00Z")
        let first = signIn(web)
        #expect(first.status == 303)
        let attributes = try #require(first.header("Set-Cookie"))
        #expect(attributes.hasPrefix("vp_session="))
        #expect(
            attributes.contains("HttpOnly") && attributes.contains("SameSite=Strict")
                && attributes.contains("Path=/admin"))
        #expect(!attributes.contains("Secure"), "plain HTTP on loopback")
        let one = try #require(cookie(first))
        let two = try #require(cookie(signIn(web)))
        #expect(one != two, "a new random session at every sign-in")
        #expect(one.count > "vp_session=".count + 40)

        let overview = web.send("GET", "/admin/", headers: ["Cookie": one])
        #expect(overview.status == 200)
        #expect(overview.body.contains("Sign out"))
        let csrf = try #require(
            overview.body.range(of: #"name="csrf" value="([0-9a-f]+)""#, options: .regularExpression).map {
                String(overview.body[$0].split(separator: "\"")[3])
            })
        #expect(web.post("/admin/logout", form: "csrf=\(csrf)", headers: ["Cookie": one]).status == 303)
        let after = web.send("GET", "/admin/", headers: ["Cookie": one])
        #expect(after.body.contains("Operator key"), "the ended session opens only the sign-in page")
        #expect(!after.body.contains("Sign out"))
        #expect(
            web.send("GET", "/admin/", headers: ["Cookie": two]).body.contains("Sign out"), "the other session goes on")
        let forged = web.post("/admin/c/quick-poll/colour/close", form: "csrf=\(csrf)", headers: ["Cookie": two])
        #expect(forged.status == 403, "one session's form token does not fit another")
        #expect(web.engine.state(campaign: "quick-poll", ballot: "colour") == .open)
    }

    @Test func aSessionExpires() throws {
        let web = try WebHarness(at: "2027-05-01T10:00Z")
        let session = try #require(cookie(signIn(web)))
        try web.at("2027-05-01T21:59Z")
        #expect(web.send("GET", "/admin/", headers: ["Cookie": session]).body.contains("Sign out"))
        try web.at("2027-05-01T22:01Z")
        #expect(!web.send("GET", "/admin/", headers: ["Cookie": session]).body.contains("Sign out"), "after 12 hours")
    }

    @Test func behindTLSTheCookieIsSecure() throws {
        let proxied = try WebHarness(at: "2027-05-01T10:00Z")
        #expect(signIn(proxied, overHTTPS: true).header("Set-Cookie")?.contains("; Secure") == true)
        let told = try WebHarness(at: "2027-05-01T10:00Z", environment: ["VOXPOP_SECURE_COOKIES": "1"])
        #expect(signIn(told).header("Set-Cookie")?.contains("; Secure") == true)
    }

    @Test func operatorsSignInWithKeysOfTheirOwn() throws {
        let web = try WebHarness(
            at: "2027-05-01T10:00Z", operatorKey: nil,
            environment: [
                "VOXPOP_OPERATOR_KEYS": "ann=ann-key-0123456789abcdef, bob=bob-key-0123456789abcdef,eve=short"
            ])
        #expect(web.app.warnings.contains { $0.contains("eve") && $0.contains("shorter than 16") })
        #expect(web.admin("POST", "reload", key: "bob-key-0123456789abcdef").status == 200)
        #expect(web.admin("POST", "reload", key: "short").status == 401)
        #expect(signIn(web, key: "ann-key-0123456789abcdef").status == 303)
        #expect(signIn(web, key: APIHarness.operatorKey).status == 401, "the single key is not set here")
    }

    @Test func aShortSingleKeyIsIgnoredAndSaidSo() throws {
        let web = try WebHarness(at: "2027-05-01T10:00Z", operatorKey: "abc")
        #expect(web.app.warnings.contains { $0.contains("VOXPOP_OPERATOR_KEY is shorter than 16") })
        #expect(web.admin("POST", "reload", key: "abc").status == 404, "no operator: the API is off")
    }

    /// Wrong keys, to the API and the sign-in form alike, are limited per address: past twenty,
    /// the address waits, even with the right key, while another address is served; the right
    /// key works again once the wait is over.
    @Test func wrongKeysAreLimitedPerAddress() throws {
        let web = try WebHarness(at: "2027-05-01T10:00Z")
        func api(_ key: String, from peer: String) -> WebHarness.Answer {
            web.send("POST", "/v1/admin/reload", headers: ["Authorization": "Bearer \(key)"], peer: peer)
        }
        for guess in 0..<10 { #expect(api("guess-\(guess)-0123456789abcdef", from: "10.0.0.9").status == 401) }
        for guess in 0..<10 {
            let answer = web.send(
                "POST", "/admin/login", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: "key=guess-\(guess)-0123456789", peer: "10.0.0.9")
            #expect(answer.status == 401)
        }
        let limited = api(APIHarness.operatorKey, from: "10.0.0.9")
        #expect(limited.status == 429)
        #expect(limited.header("Retry-After") == "6")
        let form = web.send(
            "POST", "/admin/login", headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: "key=x", peer: "10.0.0.9")
        #expect(form.status == 429)
        #expect(form.body.contains("Too many wrong keys from this address"))
        #expect(api(APIHarness.operatorKey, from: "10.0.0.10").status == 200, "another address is served")
        try web.at("2027-05-01T10:00:07Z")
        #expect(api(APIHarness.operatorKey, from: "10.0.0.9").status == 200, "a try comes back every 6 s")
    }
}
