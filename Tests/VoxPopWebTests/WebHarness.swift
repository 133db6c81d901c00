import Foundation
import VoxPopCampaigns
import VoxPopEngine
import VoxPopFoundation
import VoxPopHTTP
import VoxPopTestSupport
import VoxPopWeb

/// The whole web application in process, without sockets: requests are parsed from bytes as the
/// server would and handed to `WebApp.handle`; the answer is waited for, whichever thread gives
/// it. Over the example campaigns, with a fake clock, voter-token secrets and an operator key.
final class WebHarness {
    let engines: EngineHarness
    let app: WebApp

    init(
        at start: String, operatorKey: String? = APIHarness.operatorKey, environment extra: [String: String] = [:],
        campaignFiles: [String] = APIHarness.files
    ) throws {
        engines = try EngineHarness(campaignFiles: campaignFiles, at: start)
        try engines.engine.tick()
        var environment = APIHarness.secrets
        environment["VOXPOP_OPERATOR_KEY"] = operatorKey
        environment["VOXPOP_OPEN_RATE"] = "1000"
        environment.merge(extra) { _, new in new }
        let paths = campaignFiles.map { EngineHarness.repository.appendingPathComponent("Campaigns/\($0)").path }
        app = WebApp(
            engine: engines.engine, campaigns: engines.campaigns, environment: environment, clock: engines.clock,
            mediaDirectory: EngineHarness.repository.appendingPathComponent("Campaigns/media"),
            loadCampaigns: { CampaignLoader.load(paths: paths) })
    }

    deinit {
        app.stop()
        engines.stop()
    }

    var engine: Engine { engines.engine }

    /// An answer: status, headers, body, and the body as a JSON object when it is one.
    struct Answer {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: String
        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
        }
        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
        /// The last part of a problem's type.
        var problem: String? { problemType(json) }
        /// What a page says at its top (`role="alert"`): a refused post's reason.
        var alert: String? { pageAlert(body) }
    }

    /// One request, as the parser would hand it over from `peer`.
    func send(
        _ method: String, _ target: String, headers: [String: String] = [:], body: String? = nil,
        peer: String = "127.0.0.1", overHTTPS: Bool = false
    ) -> Answer {
        var text = "\(method) \(target) HTTP/1.1\r\nHost: voxpop.test\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { text += "\(name): \(value)\r\n" }
        if let body { text += "Content-Length: \(body.utf8.count)\r\n" }
        text += "\r\n" + (body ?? "")
        var parser = HTTPParser()
        parser.append(Array(text.utf8))
        guard var request = try? parser.next() else { fatalError("the test's request does not parse: \(text)") }
        request.peer = peer
        request.forwardedHTTPS = overHTTPS
        let answer = Handoff<HTTPResponse>()
        app.handle(request) { answer.put($0) }
        let response = answer.take()
        return Answer(
            status: response.status, headers: response.headers, body: String(decoding: response.body, as: UTF8.self))
    }

    func vote(_ campaign: String, _ ballot: String, _ body: String, headers: [String: String] = [:]) -> Answer {
        send("POST", "/v1/campaigns/\(campaign)/ballots/\(ballot)/votes", headers: headers, body: body)
    }

    func admin(_ method: String, _ path: String, body: String? = nil, key: String = APIHarness.operatorKey) -> Answer {
        send(method, "/v1/admin/\(path)", headers: ["Authorization": "Bearer \(key)"], body: body)
    }

    /// A form post from a page.
    func post(_ target: String, form: String, headers: [String: String] = [:], overHTTPS: Bool = false) -> Answer {
        var headers = headers
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        return send("POST", target, headers: headers, body: form, overHTTPS: overHTTPS)
    }

    func token(_ campaign: String, voter: String, secretOf variable: String, lifetime: Double = 600) -> [String: String]
    {
        let jwt = JWT(secret: Array(APIHarness.secrets[variable]!.utf8))
        let token = jwt.sign(subject: voter, audience: campaign, issuedAt: engines.clock.now, lifetime: lifetime)
        return ["Authorization": "Bearer \(token)"]
    }

    /// Moves the fake clock and lets the scheduler act, as the server's scheduler thread would.
    func at(_ instant: String) throws {
        engines.at(instant)
        try engine.tick()
    }
}

/// What a page says at its top (`role="alert"`): a refused post's reason.
func pageAlert(_ body: String) -> String? {
    guard let start = body.range(of: #"role="alert">"#)?.upperBound,
        let end = body[start...].range(of: "</p>")?.lowerBound
    else { return nil }
    return String(body[start..<end])
}
