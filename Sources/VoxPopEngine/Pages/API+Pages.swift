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
        case ("POST", .suggest(let campaign, let ballot)):
            formSuggestion(request, campaign: campaign, ballot: ballot, respond: respond)
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
        case suggest(String, String)

        init?(_ segments: [String]) {
            switch segments.count {
            case 1 where segments[0].isEmpty: self = .index
            case 2 where segments[0] == "c" && !segments[1].isEmpty: self = .campaign(segments[1])
            case 3 where segments[0] == "c" && !segments[1].isEmpty && !segments[2].isEmpty:
                self = .vote(segments[1], segments[2])
            case 4 where segments[0] == "c" && segments[3] == "results" && !segments[1].isEmpty:
                self = .results(segments[1], segments[2])
            case 4 where segments[0] == "c" && segments[3] == "suggest" && !segments[1].isEmpty:
                self = .suggest(segments[1], segments[2])
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
        guard let (post, answer) = formPost(request, campaign: id, ballot: ballot, respond: respond) else { return }
        let language = post.language
        let vote: Vote
        do {
            vote = try FormVote.vote(from: post.form, shape: post.definition.method.ballotShape)
        } catch {
            metrics.voteRefused(error.type)
            return answer(422, language(.invalid), error.detail, nil)
        }
        cast(vote, ballot: ballot, campaign: post.campaign, post.credentials) { result in
            switch result {
            case .success(let accepted): answer(201, language(.thanks), nil, accepted.receipt)
            case .failure(let problem) where problem.type == "already-voted":
                answer(409, language(.alreadyVoted), nil, problem.receipt)
            case .failure(let problem): post.refuse(problem, answer)
            }
        }
    }

    /// An idea from the idea forum's form: the same identity checks and path as the JSON API,
    /// answered with a page (201 waiting for moderation or public, 409 there already, 429 too many).
    private func formSuggestion(
        _ request: HTTPRequest, campaign id: String, ballot: String,
        respond: @escaping @Sendable (HTTPResponse) -> Void
    ) {
        guard let (post, answer) = formPost(request, campaign: id, ballot: ballot, respond: respond) else { return }
        let language = post.language
        suggest(post.form.first("idea") ?? "", ballot: ballot, campaign: post.campaign, post.credentials) { result in
            switch result {
            case .success(let idea):
                answer(201, language(idea.status.isPublic ? .ideaPublic : .ideaWaits), nil, nil)
            case .failure(let problem):
                switch problem.type {
                case "duplicate-idea": answer(409, language(.ideaExists), problem.detail, nil)
                case "too-many-ideas": answer(429, language(.tooManyIdeas), nil, nil)
                default: post.refuse(problem, answer)
                }
            }
        }
    }

    /// A form post and its answer, or nil once answered 404 for an unknown campaign or ballot.
    private func formPost(
        _ request: HTTPRequest, campaign id: String, ballot: String,
        respond: @escaping @Sendable (HTTPResponse) -> Void
    ) -> (FormPost, FormPost.Answer)? {
        guard let post = FormPost(request, campaign: id, ballot: ballot, engine: engine) else {
            respond(notFound(PageLanguage.pick(query: nil, acceptLanguage: request.header("Accept-Language"))))
            return nil
        }
        return (post, post.answer(self, respond))
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

    static func newVoterID() -> String {
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
