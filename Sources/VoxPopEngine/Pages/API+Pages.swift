import Foundation
import VoxPopCampaigns
import VoxPopCounting
import VoxPopHTTP

/// The audience's pages: `/` (the campaigns), `/c/{campaign}` (vote), `POST /c/{campaign}/{ballot}`
/// (a plain form post), `/c/{campaign}/{ballot}/results` (live or published results).
extension API {
    func page(_ request: HTTPRequest, _ route: PageRoute, respond: @escaping @Sendable (HTTPResponse) -> Void) {
        let query = FormData(query: request.target)
        let language = PageLanguage.pick(query: query.first("lang"), acceptLanguage: request.header("Accept-Language"))
        switch (request.method == "HEAD" ? "GET" : request.method, route) {
        case ("GET", .index):
            respond(html(200, indexPage(language)))
        case ("GET", .campaign(let id)):
            guard let campaign = engine.campaign(id), let views = engine.ballotViews(campaign: id) else {
                return respond(notFound(language))
            }
            let token = query.first("t").flatMap { $0.isEmpty ? nil : $0 }
            respond(html(200, VotingPage(campaign: campaign, views: views, language: language, token: token).render()))
        case ("POST", .vote(let campaign, let ballot)):
            formVote(request, campaign: campaign, ballot: ballot, respond: respond)
        case ("GET", .results(let campaign, let ballot)):
            DispatchQueue.global().async {
                guard let page = try? self.engine.resultsHTML(campaign: campaign, ballot: ballot) else {
                    return respond(self.notFound(language, self.engine.campaign(campaign) == nil ? nil : campaign))
                }
                respond(self.html(200, page))
            }
        default:
            respond(html(405, AnswerPage.render(language: language, title: "405", message: "Method not allowed")))
        }
    }

    /// The page routes, by path.
    enum PageRoute {
        case index
        case campaign(String)
        case vote(String, String)
        case results(String, String)

        init?(_ segments: [String]) {
            switch segments.count {
            case 1 where segments[0].isEmpty: self = .index
            case 2 where segments[0] == "c" && !segments[1].isEmpty: self = .campaign(segments[1])
            case 3 where segments[0] == "c" && !segments[1].isEmpty && !segments[2].isEmpty:
                self = .vote(segments[1], segments[2])
            case 4 where segments[0] == "c" && segments[3] == "results" && !segments[1].isEmpty:
                self = .results(segments[1], segments[2])
            default: return nil
            }
        }
    }

    func html(_ status: Int, _ body: String, headers: [(name: String, value: String)] = []) -> HTTPResponse {
        HTTPResponse(
            status: status,
            headers: [
                ("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store"),
                ("Referrer-Policy", "no-referrer"), ("X-Content-Type-Options", "nosniff"),
                (
                    "Content-Security-Policy",
                    "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'"
                ),
            ] + headers, body: Array(body.utf8))
    }

    private func notFound(_ language: PageLanguage, _ campaign: String? = nil) -> HTTPResponse {
        html(
            404,
            AnswerPage.render(
                language: language, title: "404", message: language(.notOpen),
                back: campaign.map { "/c/\(FormData.encode($0))?lang=\(language.rawValue)" }))
    }

    private func indexPage(_ language: PageLanguage) -> String {
        let items = engine.campaignIDs.compactMap { id -> String? in
            guard let campaign = engine.campaign(id) else { return nil }
            return "<li><a href=\"/c/\(FormData.encode(id))?lang=\(language.rawValue)\">"
                + "\(PageHTML.escape(language.text(campaign.title)))</a></li>"
        }
        return PageHTML.document(
            language: language.rawValue, title: "VoxPop", body: "<h1>VoxPop</h1><ul>\(items.joined())</ul>")
    }

    /// A vote from the page's form: the same identity checks and engine as the JSON API, answered
    /// with a page (201 thanks and the receipt, 409 already voted or closed, 401/403 not eligible,
    /// 422 a broken rule).
    private func formVote(
        _ request: HTTPRequest, campaign id: String, ballot: String,
        respond: @escaping @Sendable (HTTPResponse) -> Void
    ) {
        let form = FormData(request.body)
        let language = PageLanguage.pick(query: form.first("lang"), acceptLanguage: request.header("Accept-Language"))
        guard let campaign = engine.campaign(id), let definition = campaign.ballot(ballot) else {
            return respond(notFound(language))
        }
        let token = form.first("t").flatMap { $0.isEmpty ? nil : $0 }
        let back =
            "/c/\(FormData.encode(id))?lang=\(language.rawValue)" + (token.map { "&t=" + FormData.encode($0) } ?? "")
        let title = language.text(definition.question)
        // Open campaigns: the browser's voter id, from its cookie or new.
        let voterID = campaign.audience == .open ? Self.cookie("vp_voter", in: request) ?? Self.newVoterID() : nil
        let cookie = voterID.map { "vp_voter=\($0); Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax" }
        let answer: @Sendable (Int, String, String?, String?) -> Void = { status, message, detail, receipt in
            respond(
                self.html(
                    status,
                    AnswerPage.render(
                        language: language, title: title, message: message, detail: detail, receipt: receipt,
                        back: back),
                    headers: cookie.map { [("Set-Cookie", $0)] } ?? []))
        }
        let vote: Vote
        do {
            vote = try FormVote.vote(from: form, shape: definition.method.ballotShape)
        } catch {
            metrics.voteRefused(error.type)
            return answer(422, language(.invalid), error.detail, nil)
        }
        let credentials = Credentials(
            token: token.map { .bearer($0) }, inviteCode: form.first("invite"), voterID: voterID, peer: request.peer)
        cast(vote, ballot: ballot, campaign: campaign, credentials) { result in
            switch result {
            case .success(let accepted): answer(201, language(.thanks), nil, accepted.receipt)
            case .failure(let problem):
                switch problem.type {
                case "already-voted": answer(409, language(.alreadyVoted), nil, problem.receipt)
                case "ballot-not-open": answer(409, language(.notOpen), nil, nil)
                case "missing-credential", "bad-credential", "not-eligible", "campaign-not-configured":
                    answer(problem.status, language(.notEligible), problem.detail, nil)
                case "rate-limited": answer(429, language(.busy), nil, nil)
                default: answer(problem.status, language(.invalid), problem.detail, nil)
                }
            }
        }
    }

    static func cookie(_ name: String, in request: HTTPRequest) -> String? {
        for field in request.headers where field.name.lowercased() == "cookie" {
            for pair in field.value.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                    return String(parts[1]).trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return nil
    }

    private static func newVoterID() -> String {
        var random = SystemRandomNumberGenerator()
        return SHA256.hex((0..<16).map { _ in UInt8.random(in: 0...255, using: &random) })
    }
}

/// Turns a voting form into a vote, by the ballot's shape.
enum FormVote {
    static func vote(from form: FormData, shape: CountingMethod.BallotShape) throws(Problem) -> Vote {
        let writeIn = form.first("writeIn")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        switch shape {
        case .single, .approval:
            let choices = form.values("choice").filter { !$0.isEmpty }
            if !choices.isEmpty, !writeIn.isEmpty {
                throw invalid("choose from the list or write your own, not both")
            }
            if !writeIn.isEmpty { return .writeIn(writeIn) }
            guard !choices.isEmpty else { throw invalid("choose an option") }
            return .choices(choices)
        case .ranking:
            var ranked: [(rank: Int, id: String)] = []
            for field in form.fields where field.name.hasPrefix("rank-") && !field.value.isEmpty {
                guard let rank = Int(field.value), rank > 0 else { throw invalid("a rank must be a number from 1") }
                ranked.append((rank, String(field.name.dropFirst(5))))
            }
            guard !ranked.isEmpty else { throw invalid("rank at least one option") }
            ranked.sort { $0.rank < $1.rank }
            for (first, second) in zip(ranked, ranked.dropFirst()) where first.rank == second.rank {
                throw invalid("two options share rank \(first.rank)")
            }
            return .choices(ranked.map(\.id))
        case .ratings, .points:
            let prefix = shape == .ratings ? "score-" : "points-"
            var points: [String: Int] = [:]
            for field in form.fields where field.name.hasPrefix(prefix) {
                let text = field.value.trimmingCharacters(in: .whitespaces)
                guard let value = text.isEmpty ? 0 : Int(text) else {
                    throw invalid("points must be whole numbers, not \(field.value)")
                }
                points[String(field.name.dropFirst(prefix.count))] = value
            }
            return .points(points)
        }
    }

    private static func invalid(_ why: String) -> Problem { Problem(422, "invalid-choices", why) }
}
