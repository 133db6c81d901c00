import Foundation
import VoxPopCounting
import VoxPopEngine
import VoxPopFoundation
import VoxPopHTTP

/// The audience's pages: `/` (the campaigns), `/c/{campaign}` (vote), `POST /c/{campaign}/{ballot}`
/// (a plain form post), `/c/{campaign}/{ballot}/results` (live or published results).
extension WebApp {
    func indexPage(_ request: WebRequest) -> HTTPResponse {
        let language = request.language
        let items = engine.campaignIDs.compactMap { id -> String? in
            guard let campaign = engine.campaign(id) else { return nil }
            return "<li><a href=\"/c/\(FormData.encode(id))?lang=\(language.rawValue)\">"
                + "\(PageHTML.escape(language.text(campaign.title)))</a></li>"
        }
        return html(
            200,
            PageHTML.document(
                language: language.rawValue, title: "VoxPop", body: "<h1>VoxPop</h1><ul>\(items.joined())</ul>"))
    }

    func votingPage(_ request: WebRequest) throws -> HTTPResponse {
        let id = request[0]
        guard let campaign = engine.campaign(id), let views = engine.ballotViews(campaign: id) else {
            throw Problem(.unknownCampaign, "no campaign \(id)")
        }
        let token = request.query.first("t").flatMap { $0.isEmpty ? nil : $0 }
        return html(
            200, VotingPage(campaign: campaign, views: views, language: request.language, token: token).render())
    }

    /// `GET /media/{path}`: a file the campaigns name in the media folder.
    func mediaFile(_ request: WebRequest) throws -> HTTPResponse {
        let campaigns = engine.campaignIDs.compactMap { engine.campaign($0) }
        return try media.response(request[0], named: MediaFiles.named(by: campaigns), request: request.http)
    }

    /// A vote from the page's form: the same identity checks and engine as the JSON API, answered
    /// with a page (201 thanks and the receipt, 409 already voted or closed, 401/403 not eligible,
    /// 422 a broken rule).
    func formVote(_ request: WebRequest, respond: @escaping Router.Respond) throws {
        let post = try FormPost(request, engine: engine)
        let vote: Vote
        do {
            vote = try FormVote.vote(from: post.form, shape: post.definition.method.ballotShape)
        } catch {
            metrics.voteRefused(error.type)
            throw error
        }
        cast(vote, ballot: post.ballot, campaign: post.campaign, post.credentials) { [self] result in
            switch result {
            case .success(let accepted):
                respond(post.answer(self, status: 201, post.language(.thanks), receipt: accepted.receipt))
            case .failure(let problem): respond(post.answer(self, problem))
            }
        }
    }

    /// An idea from the idea forum's form: the same identity checks and path as the JSON API,
    /// answered with a page (201 waiting for moderation or public, 409 there already, 429 too many).
    func formSuggestion(_ request: WebRequest) throws -> HTTPResponse {
        let post = try FormPost(request, engine: engine)
        switch suggest(post.form.first("idea") ?? "", ballot: post.ballot, campaign: post.campaign, post.credentials) {
        case .success(let idea):
            return post.answer(self, status: 201, post.language(idea.status.isPublic ? .ideaPublic : .ideaWaits))
        case .failure(let problem):
            return post.answer(self, problem)
        }
    }

    /// A problem as a page in the reader's language, with a way back to the campaign.
    func pageProblem(_ problem: Problem, _ request: WebRequest) -> HTTPResponse {
        let language = request.language
        let campaign = request.parameters.first.flatMap { engine.campaign($0) == nil ? nil : $0 }
        var response = html(
            problem.status,
            AnswerPage.render(
                language: language, title: "\(problem.status)", message: PageProblem.message(problem, language),
                detail: PageProblem.detail(problem),
                back: campaign.map { "/c/\(FormData.encode($0))?lang=\(language.rawValue)" }))
        response.headers += problem.headers.filter { $0.name != "WWW-Authenticate" }
        return response
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

    private static func invalid(_ why: String) -> Problem { Problem(.invalidChoices, why) }
}
