import Foundation
import VoxPopCampaigns
import VoxPopHTTP
import VoxPopStore

/// The VoxPop HTTP API of SPEC.md, as an `HTTPHandler`: routes, voter identity, problem+json
/// errors and metrics. Votes answer after their commit, from the writer's syncer thread; every
/// other route answers at once.
public final class API: HTTPHandler, @unchecked Sendable {
    // @unchecked: every stored property is immutable or guards itself.
    let engine: Engine
    let identity: VoterIdentity
    let metrics = Metrics()
    let rates = VoteRates()
    let operatorKey: [UInt8]?
    /// Loads the campaign files again, for `POST /v1/admin/reload`.
    let loadCampaigns: @Sendable () -> CampaignLoader.Loaded
    let environment: [String: String]
    let clock: any Clock

    /// Reads the operator key (`VOXPOP_OPERATOR_KEY`) and the campaigns' token secrets from
    /// `environment`; returns the API and warnings worth printing at start.
    public init(
        engine: Engine, campaigns: [Campaign], environment: [String: String], clock: any Clock,
        loadCampaigns: @escaping @Sendable () -> CampaignLoader.Loaded
    ) throws {
        self.engine = engine
        self.environment = environment
        self.clock = clock
        self.loadCampaigns = loadCampaigns
        operatorKey = environment["VOXPOP_OPERATOR_KEY"].flatMap { $0.isEmpty ? nil : Array($0.utf8) }
        identity = VoterIdentity(
            campaigns: campaigns, environment: environment, key: engine.key, invites: try engine.store.invites())
    }

    /// What an operator should know at start: unset token secrets, an admin API that is off.
    public var warnings: [String] {
        var warnings = identity.startWarnings
        if operatorKey == nil { warnings.append("VOXPOP_OPERATOR_KEY is not set: the operator API is off (404)") }
        return warnings
    }

    public func handle(_ request: HTTPRequest, respond: @escaping @Sendable (HTTPResponse) -> Void) {
        let started = ContinuousClock.now
        let metrics = self.metrics
        let answer: @Sendable (HTTPResponse) -> Void = { response in
            let elapsed = ContinuousClock.now - started
            metrics.request(
                status: response.status,
                seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            respond(response)
        }
        let path = request.path
        // Split on the bytes (the parser admits only ASCII targets), not Character by Character.
        let segments = Array(path.utf8).split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            .dropFirst().map { String(decoding: $0, as: UTF8.self) }
        let method = request.method == "HEAD" ? "GET" : request.method
        if segments.first == "admin" { return console(request, Array(segments.dropFirst()), respond: answer) }
        if let route = PageRoute(segments) { return page(request, route, respond: answer) }
        guard let route = Route(segments) else {
            return answer(Problem(404, "not-found", "no such resource: \(path)").response)
        }
        switch (method, route) {
        case ("GET", .health):
            answer(HTTPResponse(status: 200, contentType: "text/plain", body: "ok\n"))
        case ("GET", .metrics):
            answer(
                HTTPResponse(
                    status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8",
                    body: metrics.text(openBallots: engine.openBallots)))
        case (_, .admin(let rest)):
            admin(request, rest, respond: answer)
        case ("POST", .votes(let campaign, let ballot)):
            vote(request, campaign: campaign, ballot: ballot, respond: answer)
        case ("POST", .ideas(let campaign, let ballot)):
            suggest(request, campaign: campaign, ballot: ballot, respond: answer)
        case ("GET", .ideas(let campaign, let ballot)):
            answer(result { try self.ideas(campaign, ballot, all: false) })
        case ("GET", .campaigns):
            answer(json(200, campaignList()))
        case ("GET", .campaign(let campaign)):
            answer(result { try self.campaignDetail(campaign) })
        case ("GET", .results(let campaign, let ballot)):
            answer(result { try self.results(campaign, ballot) })
        case ("GET", .receipt(let campaign, let ballot, let receipt)):
            answer(result { try self.receipt(campaign, ballot, receipt) })
        default:
            answer(Problem(405, "method-not-allowed", "\(request.method) is not allowed on \(path)").response)
        }
    }

    /// The public resources, by path.
    enum Route {
        case health, metrics, campaigns
        case campaign(String)
        case votes(String, String)
        case ideas(String, String)
        case results(String, String)
        case receipt(String, String, String)
        case admin([String])

        init?(_ segments: [String]) {
            guard !segments.contains(where: \.isEmpty) else { return nil }
            switch segments.count {
            case 1 where segments[0] == "healthz": self = .health
            case 1 where segments[0] == "metrics": self = .metrics
            case 2 where segments == ["v1", "campaigns"]: self = .campaigns
            case 3 where segments[0] == "v1" && segments[1] == "campaigns": self = .campaign(segments[2])
            case 3... where segments[0] == "v1" && segments[1] == "admin": self = .admin(Array(segments.dropFirst(2)))
            case 6 where segments[0] == "v1" && segments[1] == "campaigns" && segments[3] == "ballots":
                switch segments[5] {
                case "votes": self = .votes(segments[2], segments[4])
                case "ideas": self = .ideas(segments[2], segments[4])
                case "results": self = .results(segments[2], segments[4])
                default: return nil
                }
            case 7
            where segments[0] == "v1" && segments[1] == "campaigns" && segments[3] == "ballots"
                && segments[5] == "receipts":
                self = .receipt(segments[2], segments[4], segments[6])
            default: return nil
            }
        }
    }

    func json(_ status: Int, _ body: String) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "application/json", body: body)
    }

    /// Runs a route that answers 200 with JSON or throws a `Problem`.
    func result(_ body: () throws -> String) -> HTTPResponse {
        do {
            return json(200, try body())
        } catch let problem as Problem {
            return problem.response
        } catch {
            return Problem(500, "internal-error", "\(error)").response
        }
    }

    // MARK: Public reading

    func campaignList() -> String {
        JSONText.object([
            (
                "campaigns",
                JSONText.array(
                    engine.campaignIDs.compactMap { id in
                        guard let campaign = engine.campaign(id), let views = engine.ballotViews(campaign: id) else {
                            return nil
                        }
                        return JSONText.object([
                            ("id", JSONText.string(id)), ("title", JSONText.localized(campaign.title)),
                            ("identity", JSONText.string(campaign.audience.identityName)),
                            ("ballots", JSONText.array(views.map { ballotJSON($0, withOptions: false) })),
                        ])
                    })
            )
        ])
    }

    func campaignDetail(_ id: String) throws -> String {
        guard let campaign = engine.campaign(id), let views = engine.ballotViews(campaign: id) else {
            throw Problem(404, "unknown-campaign", "no campaign \(id)")
        }
        return JSONText.object([
            ("id", JSONText.string(id)), ("title", JSONText.localized(campaign.title)),
            ("description", JSONText.localized(campaign.description)),
            ("timeZone", JSONText.string(campaign.timeZone)),
            ("identity", JSONText.string(campaign.audience.identityName)),
            ("ballots", JSONText.array(views.map { ballotJSON($0, withOptions: true) })),
        ])
    }

    func ballotJSON(_ view: Engine.BallotView, withOptions: Bool) -> String {
        let ballot = view.definition
        var members: [(String, String?)] = [
            ("id", JSONText.string(ballot.id)), ("state", JSONText.string(view.state.rawValue)),
            ("opens", JSONText.instant(view.opens)), ("closes", JSONText.instant(view.closes)),
        ]
        if case .after(let other)? = ballot.opens, view.opens == nil {
            members.append(("opensAfter", JSONText.string(other)))
        }
        if case .after(let other)? = ballot.closes, view.closes == nil {
            members.append(("closesAfter", JSONText.string(other)))
        }
        guard withOptions else { return JSONText.object(members) }
        let fileOptions = Dictionary(ballot.options.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let ideas = Dictionary(view.ideas.map { ($0.id, $0.status) }, uniquingKeysWith: { first, _ in first })
        members += [
            ("question", JSONText.localized(ballot.question)), ("description", JSONText.localized(ballot.description)),
            ("method", JSONText.string(ballot.method.rawValue)), ("seats", "\(ballot.seats)"),
            ("maxChoices", ballot.maxChoices.map { "\($0)" }), ("budget", ballot.budget.map { "\($0)" }),
            ("maxScore", ballot.maxScore.map { "\($0)" }), ("shortlist", ballot.shortlist.map { "\($0)" }),
            ("revote", JSONText.string(ballot.revote.rawValue)), ("results", JSONText.string(view.results)),
            (
                "writeIns",
                ballot.writeIns.map {
                    JSONText.object([
                        ("maxLength", "\($0.maxLength)"), ("moderation", JSONText.string($0.moderation.rawValue)),
                    ])
                }
            ),
            (
                "options",
                JSONText.array(
                    view.options.map { option in
                        let file = fileOptions[option.id]
                        return JSONText.object([
                            ("id", JSONText.string(option.id)),
                            ("label", file.map { JSONText.localized($0.label) } ?? JSONText.string(option.label)),
                            ("description", JSONText.localized(file?.description)),
                            ("status", ideas[option.id].map { JSONText.string($0.rawValue) }),
                            (
                                "media",
                                file?.media.map {
                                    JSONText.object([
                                        ("kind", JSONText.string($0.kind.rawValue)), ("url", JSONText.string($0.url)),
                                        ("alt", JSONText.localized($0.alt)),
                                    ])
                                }
                            ),
                        ])
                    })
            ),
        ]
        return JSONText.object(members)
    }

    func results(_ campaign: String, _ ballot: String) throws -> String {
        guard let state = engine.state(campaign: campaign, ballot: ballot) else { throw unknown(campaign, ballot) }
        if state == .published, let tally = try engine.tally(campaign: campaign, ballot: ballot) { return tally }
        if state == .open, let live = try engine.liveTally(campaign: campaign, ballot: ballot) { return live }
        throw Problem(
            404, "results-not-published",
            "\(campaign)/\(ballot) is \(state.rawValue); its results are shown once published")
    }

    func receipt(_ campaign: String, _ ballot: String, _ receipt: String) throws -> String {
        guard engine.state(campaign: campaign, ballot: ballot) != nil else { throw unknown(campaign, ballot) }
        guard let counts = try engine.receiptCounts(campaign: campaign, ballot: ballot, receipt: receipt) else {
            throw Problem(404, "unknown-receipt", "\(campaign)/\(ballot) gave no receipt \(receipt)")
        }
        return JSONText.object([
            ("receipt", JSONText.string(receipt)), ("ballot", JSONText.string(ballot)),
            ("counted", counts ? "true" : "false"),
        ])
    }

    func unknown(_ campaign: String, _ ballot: String) -> Problem {
        engine.campaign(campaign) == nil
            ? Problem(404, "unknown-campaign", "no campaign \(campaign)")
            : Problem(404, "unknown-ballot", "campaign \(campaign) has no ballot \(ballot)")
    }
}
