import Foundation
import VoxPopCampaigns
import VoxPopEngine
import VoxPopFoundation
import VoxPopHTTP

/// VoxPop on the web, as one `HTTPHandler`: the JSON API, the voting and results pages and the
/// operator console behind one `Router`, voter identity, problems rendered in one place, and
/// metrics. Handlers that read the store, sync the writer or count run on `workers`, never on an
/// event loop; votes answer from the writer once they are on disk.
public final class WebApp: HTTPHandler, Sendable {
    let engine: Engine
    let identity: VoterIdentity
    let metrics = Metrics()
    let rates = VoteRates()
    let mintedBatches = MintedBatches()
    /// Who may use the operator API and the console.
    let operators: Operators
    /// Console cookies always carry `Secure` (`VOXPOP_SECURE_COOKIES=1`: the server is behind
    /// TLS); otherwise only on requests a trusted proxy says came over HTTPS.
    let secureCookies: Bool
    /// Loads the campaign files again, for `POST /v1/admin/reload`.
    let loadCampaigns: @Sendable () -> CampaignLoader.Loaded
    let environment: [String: String]
    let clock: any Clock
    /// The media folder's files, served at `/media/`.
    let media: MediaFiles
    /// The threads that run the handlers an event loop must not wait for.
    let workers: Worker<@Sendable () -> Void>
    private let router: Router
    /// What an operator should know at start: unset token secrets, an operator API that is off.
    public let warnings: [String]

    /// How many threads run the handlers that read the store or count.
    static let workerThreads = 4

    /// Reads the operator keys and the campaigns' token secrets from `environment`; serves media
    /// from `mediaDirectory` (the media folder beside the campaign files).
    public init(
        engine: Engine, campaigns: [Campaign], environment: [String: String], clock: any Clock,
        mediaDirectory: URL, loadCampaigns: @escaping @Sendable () -> CampaignLoader.Loaded
    ) {
        media = MediaFiles(directory: mediaDirectory)
        self.engine = engine
        self.environment = environment
        self.clock = clock
        self.loadCampaigns = loadCampaigns
        operators = Operators(environment: environment)
        secureCookies = environment["VOXPOP_SECURE_COOKIES"] == "1"
        identity = VoterIdentity(environment: environment)
        var warnings = identity.update(campaigns, environment: environment) + operators.problems
        if operators.isEmpty {
            warnings.append(
                "neither VOXPOP_OPERATOR_KEY nor VOXPOP_OPERATOR_KEYS is set: the operator API and console are off (404)"
            )
        }
        self.warnings = warnings
        workers = Worker(name: "voxpop web worker", threads: Self.workerThreads, maximumBatch: 1) { jobs in
            for job in jobs { job() }
        }
        router = Self.routes()
        // On a shared database, another node's reload is this node's too, from its own files.
        engine.whenAnotherNodeReloads { [weak self] in _ = try? self?.reload(by: "another node", announced: false) }
    }

    /// Lets the workers finish what they were handed, then stops them (after the server).
    public func stop() { workers.stop() }

    public func handle(_ request: HTTPRequest, respond: @escaping @Sendable (HTTPResponse) -> Void) {
        let started = ContinuousClock.now
        let metrics = self.metrics
        let answer: Router.Respond = { response in
            let elapsed = ContinuousClock.now - started
            metrics.request(
                status: response.status,
                seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            respond(response)
        }
        switch router.resolve(method: request.method, path: request.path) {
        case .problem(let problem, let face):
            answer(render(problem, face: face, WebRequest(request, app: self)))
        case .route(let route, let parameters):
            let webRequest = WebRequest(request, app: self, parameters: parameters)
            switch route.execution {
            case .loop: run(route, webRequest, answer)
            case .worker:
                let accepted = workers.submit { [self] in run(route, webRequest, answer) }
                if !accepted {
                    answer(render(Problem(.internalError, "the server is stopping"), face: route.face, webRequest))
                }
            }
        }
    }

    private func run(_ route: Router.Route, _ request: WebRequest, _ answer: @escaping Router.Respond) {
        do {
            switch route.handler {
            case .now(let body): answer(try body(request))
            case .later(let body): try body(request, answer)
            }
        } catch {
            answer(render(error, face: route.face, request))
        }
    }

    /// Any error as the face's reader should see it. An error that is no known refusal is an
    /// internal error: its description goes to the server's log under a fresh id, and the answer
    /// carries only that id, never SQL or a Swift error's text.
    func render(_ error: any Error, face: Router.Face, _ request: WebRequest) -> HTTPResponse {
        var problem = (error as? ProblemConvertible)?.problem ?? Problem(.internalError, "\(error)")
        if problem.type == .internalError {
            let id = Self.incidentID()
            printLog("voxpop: internal error \(id) on \(request.method) \(request.http.path): \(problem.detail)")
            problem.detail = "internal error; the server's log has it under id \(id)"
        }
        switch face {
        case .api: return problem.response
        case .page: return pageProblem(problem, request)
        case .console: return consoleProblem(problem, request)
        }
    }

    /// 12 random hexadecimal digits: enough to find one line in a log.
    static func incidentID() -> String {
        var random = SystemRandomNumberGenerator()
        return SHA256.hex((0..<6).map { _ in UInt8.random(in: 0...255, using: &random) })
    }
}

/// One line on standard error, whole (lines from several threads do not interleave).
func printLog(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

extension HTTPResponse {
    /// A JSON answer.
    static func json(_ body: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "application/json", body: body)
    }
}
