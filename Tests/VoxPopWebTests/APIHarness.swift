import Foundation
import VoxPopCampaigns
import VoxPopEngine
import VoxPopHTTP
import VoxPopTestSupport
import VoxPopWeb

/// The whole API on a real server on 127.0.0.1 (a kernel-picked port), over the example
/// campaigns, with a fake clock, voter-token secrets and an operator key.
final class APIHarness {
    static let secrets = [
        "AIRLINE_VOTER_SECRET": "airline secret", "OATDRINK_VOTER_SECRET": "oat secret",
        "TOYS_VOTER_SECRET": "toys secret", "IDEAS_VOTER_SECRET": "ideas secret",
    ]
    static let operatorKey = "operator key for tests"
    static let files = [
        "airline-summer.json", "candidate-hires.json", "drawings-to-toys.json", "idea-forum.json",
        "product-name.json", "quick-poll.json",
    ]

    let engines: EngineHarness
    let app: WebApp
    let server: HTTPServer
    let port: UInt16

    /// `environment` adds to (or overrides) the test secrets and keys: `VOXPOP_OPERATOR_KEYS`.
    init(
        at start: String, operatorKey: String? = APIHarness.operatorKey, loops: Int = 2,
        environment extra: [String: String] = [:]
    ) throws {
        engines = try EngineHarness(campaignFiles: Self.files, at: start)
        let engine = engines.engine
        try engine.tick()
        var environment = Self.secrets
        environment["VOXPOP_OPERATOR_KEY"] = operatorKey
        environment["VOXPOP_OPEN_RATE"] = "1000"
        environment.merge(extra) { _, new in new }
        let paths = Self.files.map { EngineHarness.repository.appendingPathComponent("Campaigns/\($0)").path }
        app = WebApp(
            engine: engine, campaigns: engines.campaigns, environment: environment, clock: engines.clock,
            mediaDirectory: EngineHarness.repository.appendingPathComponent("Campaigns/media"),
            loadCampaigns: { CampaignLoader.load(paths: paths) })
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        configuration.loops = loops
        server = HTTPServer(configuration: configuration, handler: app)
        port = try server.start()
    }

    deinit {
        server.stop()
        app.stop()
        engines.stop()
    }

    var engine: Engine { engines.engine }

    func client() throws -> TestClient { try TestClient(port: port) }

    /// One request on a fresh connection; the body decoded as a JSON object when it is one.
    func send(
        _ method: String, _ target: String, headers: [String: String] = [:], body: String? = nil
    ) throws -> (status: Int, json: [String: Any], body: String) {
        let (status, text) = try client().request(method, target, headers: headers, body: body)
        let json = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        return (status, json, text)
    }

    func vote(
        _ campaign: String, _ ballot: String, _ body: String, headers: [String: String] = [:]
    ) throws -> (status: Int, json: [String: Any], body: String) {
        try send("POST", "/v1/campaigns/\(campaign)/ballots/\(ballot)/votes", headers: headers, body: body)
    }

    func token(
        _ campaign: String, voter: String, secretOf variable: String, lifetime: Double = 600, audience: String? = nil
    ) -> [String: String] {
        let jwt = JWT(secret: Array(Self.secrets[variable]!.utf8))
        let token = jwt.sign(
            subject: voter, audience: audience ?? campaign, issuedAt: engines.clock.now, lifetime: lifetime)
        return ["Authorization": "Bearer \(token)"]
    }

    func admin(_ method: String, _ path: String, body: String? = nil, key: String = APIHarness.operatorKey) throws
        -> (status: Int, json: [String: Any], body: String)
    {
        try send(method, "/v1/admin/\(path)", headers: ["Authorization": "Bearer \(key)"], body: body)
    }

    /// Moves the fake clock and lets the scheduler act, as the server's scheduler thread would.
    func at(_ instant: String) throws {
        engines.at(instant)
        try engine.tick()
    }
}

/// The last part of a problem's type (`urn:voxpop:problem:already-voted` → `already-voted`).
func problemType(_ json: [String: Any]) -> String? {
    (json["type"] as? String)?.split(separator: ":").last.map(String.init)
}
