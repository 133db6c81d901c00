import Foundation
import Testing
import VoxPopTestSupport

/// An operator at the console over real sockets, as a browser without script would be: signed
/// in with a session cookie, posting forms with the session's form token.
struct ConsoleOperator {
    struct Answer {
        var status: Int
        var body: String
        var client: TestClient

        func header(_ name: String) -> String? { client.lastHeader(name) }
    }

    let api: APIHarness
    let cookie: String
    let csrf: String

    init(_ api: APIHarness, key: String = APIHarness.operatorKey) throws {
        self.api = api
        let signIn = try Self.send(api, "POST", "/admin/login", headers: [:], form: "key=" + Self.encode(key))
        #expect(signIn.status == 303)
        cookie = String(try #require(signIn.header("Set-Cookie")).split(separator: ";")[0])
        let page = try Self.send(api, "GET", "/admin/", headers: ["Cookie": cookie], form: nil)
        csrf = String(
            try #require(page.body.components(separatedBy: #"name="csrf" value=""#).dropFirst().first?.prefix(64)))
    }

    func get(_ target: String) throws -> Answer {
        try Self.send(api, "GET", target, headers: ["Cookie": cookie], form: nil)
    }

    /// Posts a form: `fields` in order (a name may repeat, as check boxes send), with the form
    /// token first unless `token` is false.
    func post(_ target: String, _ fields: [(String, String)], token: Bool = true) throws -> Answer {
        let all = (token ? [("csrf", csrf)] : []) + fields
        let form = all.map { Self.encode($0.0) + "=" + Self.encode($0.1) }.joined(separator: "&")
        return try Self.send(api, "POST", target, headers: ["Cookie": cookie], form: form)
    }

    static func send(
        _ api: APIHarness, _ method: String, _ target: String, headers: [String: String], form: String?
    ) throws -> Answer {
        let client = try api.client()
        var headers = headers
        if form != nil { headers["Content-Type"] = "application/x-www-form-urlencoded" }
        var text = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { text += "\(name): \(value)\r\n" }
        if let form { text += "Content-Length: \(form.utf8.count)\r\n" }
        client.send(text + "\r\n" + (form ?? ""))
        let answer = client.responses(1).responses.first ?? (0, "")
        return Answer(status: answer.status, body: answer.body, client: client)
    }

    /// Percent-encoding for a form field: everything but unreserved ASCII.
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(
            withAllowedCharacters: CharacterSet(
                charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~"))!
    }

    /// How often `needle` occurs in `text`.
    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// The values of every element attribute `name="..."` that follows `prefix` in `html`.
    static func values(after prefix: String, in html: String) -> [String] {
        html.components(separatedBy: prefix).dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
    }
}

extension APIHarness {
    /// Airline nominations from fans `fan-1`, `fan-2`, ...: each place written in by as many fans
    /// as its count; every vote must be taken.
    func nominate(_ places: [(String, Int)]) {
        var fan = 0
        for (place, count) in places {
            for _ in 0..<count {
                fan += 1
                let outcome = engine.vote(
                    campaign: "airline-summer", ballot: "nominations", voter: .token("fan-\(fan)"),
                    vote: .writeIn(place))
                #expect((try? outcome.get()) != nil, "\(place): \(outcome)")
            }
        }
    }
}
