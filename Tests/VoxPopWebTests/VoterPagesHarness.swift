import Foundation
import VoxPopCampaigns
import VoxPopEngine
import VoxPopFoundation
import VoxPopHTTP
import VoxPopTestSupport

@testable import VoxPopWeb

/// The web application in process over the example campaigns and, beside them, campaigns a test
/// writes (a ballot of six to rank, eight options to shuffle, embed and media origins), with the
/// page-reading helpers the voter-page tests share.
final class VoterPagesHarness {
    let web: WebHarnessCore

    /// An open campaign: `six` (irv, replace, options a...f), `eight` (plurality, shuffled),
    /// `eight-file` (plurality, the file's order), `invited` lives in `inviteCampaign`.
    static let testCampaign = #"""
        {"id": "test", "title": {"en": "Test", "sv": "Test"}, "timeZone": "UTC", "audience": {"identity": "open"},
         "mediaOrigins": ["https://cdn.example.com"], "embedOrigins": ["https://www.example.com"],
         "theme": {"accent": "#0F766E"},
         "ballots": [
          {"id": "six", "question": "Rank the letters", "method": "irv", "revote": "replace",
           "options": [{"id": "a", "label": {"en": "Letter A", "sv": "Bokstaven A"}}, {"id": "b", "label": "Letter B"},
                       {"id": "c", "label": "Letter C"}, {"id": "d", "label": "Letter D"},
                       {"id": "e", "label": "Letter E"}, {"id": "f", "label": "Letter F"}]},
          {"id": "eight", "question": "Pick", "method": "plurality",
           "options": [{"id": "o1", "label": "One", "media": {"type": "image", "url": "https://cdn.example.com/one.png", "alt": "A one"}},
                       {"id": "o2", "label": "Two"}, {"id": "o3", "label": "Three"}, {"id": "o4", "label": "Four"},
                       {"id": "o5", "label": "Five"}, {"id": "o6", "label": "Six"}, {"id": "o7", "label": "Seven"},
                       {"id": "o8", "label": "Eight"}]},
          {"id": "eight-file", "question": "Pick in order", "method": "approval", "optionOrder": "file",
           "options": [{"id": "o1", "label": "One"}, {"id": "o2", "label": "Two"}, {"id": "o3", "label": "Three"},
                       {"id": "o4", "label": "Four"}, {"id": "o5", "label": "Five"}, {"id": "o6", "label": "Six"},
                       {"id": "o7", "label": "Seven"}, {"id": "o8", "label": "Eight"}]}
         ]}
        """#

    init(at start: String = "2027-05-01T10:00Z", environment: [String: String] = [:]) throws {
        let decoded = CampaignLoader.decode(Array(Self.testCampaign.utf8), file: "test.json")
        precondition(decoded.problems.isEmpty, "\(decoded.problems)")
        web = try WebHarnessCore(at: start, extra: [decoded.campaign!], environment: environment)
    }

    var engine: Engine { web.engines.engine }
    var engines: EngineHarness { web.engines }

    func get(_ target: String, cookie: String? = nil, headers: [String: String] = [:]) -> WebHarness.Answer {
        var headers = headers
        if let cookie { headers["Cookie"] = cookie }
        return web.send("GET", target, headers: headers)
    }

    func post(_ target: String, form: String, cookie: String? = nil) -> WebHarness.Answer {
        var headers = ["Content-Type": "application/x-www-form-urlencoded"]
        if let cookie { headers["Cookie"] = cookie }
        return web.send("POST", target, headers: headers, body: form)
    }

    /// The `name=value` of an answer's `Set-Cookie`.
    static func cookie(_ answer: WebHarness.Answer) -> String? {
        answer.header("Set-Cookie").flatMap { $0.split(separator: ";").first.map(String.init) }
    }

    /// The option ids of a ballot's form, in page order.
    static func options(_ page: String, ballot: String) -> [String] {
        guard let start = page.range(of: "action=\"/c/test/\(ballot)\"") ?? page.range(of: "/\(ballot)\">"),
            let end = page[start.upperBound...].range(of: "</form>")
        else { return [] }
        return page[start.upperBound..<end.lowerBound].components(separatedBy: #"data-option=""#).dropFirst().map {
            String($0.prefix { $0 != "\"" })
        }
    }

    static func receipt(in page: String) -> String? {
        page.range(of: #"<code id="receipt">"#).flatMap { start in
            page[start.upperBound...].range(of: "</code>").map { String(page[start.upperBound..<$0.lowerBound]) }
        }
    }

    func token(_ campaign: String, voter: String, secretOf variable: String) -> String {
        String(web.token(campaign, voter: voter, secretOf: variable)["Authorization"]!.dropFirst(7))
    }
}

/// `WebHarness` with more campaigns than the examples.
final class WebHarnessCore {
    let engines: EngineHarness
    let app: WebApp
    private let inner: WebHarnessSender

    init(at start: String, extra: [Campaign], environment extra2: [String: String]) throws {
        engines = try EngineHarness(campaignFiles: APIHarness.files, at: start)
        engines.campaigns += extra
        try engines.engine.tick()
        var environment = APIHarness.secrets
        environment["VOXPOP_OPERATOR_KEY"] = APIHarness.operatorKey
        environment["VOXPOP_OPEN_RATE"] = "1000"
        environment.merge(extra2) { _, new in new }
        let campaigns = engines.campaigns
        app = WebApp(
            engine: engines.engine, campaigns: campaigns, environment: environment, clock: engines.clock,
            mediaDirectory: EngineHarness.repository.appendingPathComponent("Campaigns/media"),
            loadCampaigns: { CampaignLoader.load(paths: []) })
        inner = WebHarnessSender(app: app)
    }

    deinit {
        app.stop()
        engines.stop()
    }

    func send(_ method: String, _ target: String, headers: [String: String] = [:], body: String? = nil)
        -> WebHarness.Answer
    {
        inner.send(method, target, headers: headers, body: body)
    }

    func token(_ campaign: String, voter: String, secretOf variable: String) -> [String: String] {
        let jwt = JWT(secret: Array(APIHarness.secrets[variable]!.utf8))
        let token = jwt.sign(subject: voter, audience: campaign, issuedAt: engines.clock.now, lifetime: 600)
        return ["Authorization": "Bearer \(token)"]
    }

    func at(_ instant: String) throws {
        engines.at(instant)
        try engines.engine.tick()
    }
}

/// One request parsed from bytes as the server would, answered by `WebApp.handle`.
struct WebHarnessSender {
    let app: WebApp

    func send(_ method: String, _ target: String, headers: [String: String], body: String?) -> WebHarness.Answer {
        var text = "\(method) \(target) HTTP/1.1\r\nHost: voxpop.test\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { text += "\(name): \(value)\r\n" }
        if let body { text += "Content-Length: \(body.utf8.count)\r\n" }
        text += "\r\n" + (body ?? "")
        var parser = HTTPParser()
        parser.append(Array(text.utf8))
        guard var request = try? parser.next() else { fatalError("the test's request does not parse: \(text)") }
        request.peer = "127.0.0.1"
        let answer = Handoff<HTTPResponse>()
        app.handle(request) { answer.put($0) }
        let response = answer.take()
        return WebHarness.Answer(
            status: response.status, headers: response.headers, body: String(decoding: response.body, as: UTF8.self))
    }
}
