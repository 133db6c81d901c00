import Foundation
import VoxPopCampaigns
import VoxPopCounting
import VoxPopEngine
import VoxPopFoundation
import VoxPopHTTP

/// The audience's pages: `/` (the campaigns), `/c/{campaign}` (vote) and its `/embed`,
/// `POST /c/{campaign}/{ballot}` (a plain form post), `/c/{campaign}/receipt` (check a receipt).
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

    /// `GET /c/{campaign}` and `GET /c/{campaign}/embed`. Runs on a worker: a returning voter's
    /// current vote and an idea forum's live points are read from the store.
    func votingPage(_ request: WebRequest, embed: Bool = false) throws -> HTTPResponse {
        let query = request.query
        return try votingPage(
            request, embed: embed, token: query.first("t"), invite: query.first("invite"), sort: query.first("sort"))
    }

    /// The voting page for the link's token and invite code; with `refill`, a refused post's
    /// page: what was sent filled back in and why it was refused, answered with `status`.
    func votingPage(
        _ request: WebRequest, embed: Bool, token: String?, invite: String?, sort: String?,
        refill: VotingPage.Refill? = nil, status: Int = 200, headers: [(name: String, value: String)] = []
    ) throws -> HTTPResponse {
        let id = request[0]
        guard let campaign = engine.campaign(id), let views = engine.ballotViews(campaign: id) else {
            throw Problem(.unknownCampaign, "no campaign \(id)")
        }
        let language = request.language
        let token = token.flatMap { $0.isEmpty ? nil : $0 }
        let visitor = self.visitor(request, campaign: campaign, token: token, embed: embed)
        // A token link that does not name a voter (expired, forged, another campaign's) gets no
        // form: the vote it would send is refused.
        let badLink: Bool = if case .token = campaign.audience { token != nil && visitor.voter == nil } else { false }
        var page = VotingPage(
            campaign: campaign, views: views, language: language, token: badLink ? nil : token,
            media: MediaMarkup(language: language, sizes: media.sizes), embed: embed)
        page.linkInvalid = badLink
        page.refill = refill
        // A personal invite link fills the code in; whether it is one is for the vote to say.
        if case .invite = campaign.audience, let code = invite, !code.isEmpty, code.utf8.count <= 200 {
            page.invite = code
        }
        for view in views where view.state == .open {
            let ballot = view.definition
            if ballot.shownOrder == .shuffle {
                page.orders[ballot.id] = engine.shuffled(
                    view.options.map(\.id), campaign: id, ballot: ballot.id, seed: visitor.seed)
            }
            if let voter = visitor.voter, page.canPost,
                let vote = try engine.currentVote(campaign: id, ballot: ballot.id, voter: voter)
            {
                if ballot.revote == .replace { page.current[ballot.id] = vote } else { page.voted.insert(ballot.id) }
            }
            if ballot.takesIdeas, view.results == ResultsVisibility.live.rawValue {
                page.points[ballot.id] = try livePoints(campaign: id, view)
            }
        }
        let sort = sort.flatMap(VotingPage.IdeaSort.init(rawValue:))
        page.sort = sort ?? (page.points.isEmpty ? .new : .points)
        page.head = linkPreview(campaign, language: language, request)
        return html(
            status, page.render(), headers: (visitor.cookie.map { [("Set-Cookie", $0)] } ?? []) + headers,
            campaign: campaign, embed: embed)
    }

    /// Who is looking at a voting page, as far as the page can tell before a vote: the voter of a
    /// valid token link or an open campaign's browser (its `vp_voter` cookie, set now if new);
    /// anyone else is seeded by a random `vp_order` cookie, so the order stays theirs on reload.
    struct PageVisitor {
        var voter: Voter?
        var seed: String
        var cookie: String?
    }

    static let voterCookie = "vp_voter"
    static let orderCookie = "vp_order"

    /// A page cookie (`vp_voter`, `vp_order`) for a year. On the embed page over HTTPS it is
    /// `SameSite=None; Secure; Partitioned`: a browser does not send a Lax cookie from a frame on
    /// the brand's site, so each embedded vote of an open campaign came as a new voter; the
    /// partitioned cookie is sent there, and only there (it is kept per framing site).
    func pageCookie(_ name: String, _ value: String, _ request: WebRequest, embed: Bool) -> String {
        let base = "\(name)=\(value); Path=/; Max-Age=31536000; HttpOnly"
        let secure = secureCookies || request.http.forwardedHTTPS
        return base + (embed && secure ? "; SameSite=None; Secure; Partitioned" : "; SameSite=Lax")
    }

    func visitor(_ request: WebRequest, campaign: Campaign, token: String?, embed: Bool) -> PageVisitor {
        switch campaign.audience {
        case .open:
            if let id = request.cookie(Self.voterCookie), !id.isEmpty, id.utf8.count <= 200 {
                return PageVisitor(voter: .open(id), seed: Voter.open(id).orderSeed)
            }
            let id = Self.newVoterID()
            return PageVisitor(
                voter: .open(id), seed: Voter.open(id).orderSeed,
                cookie: pageCookie(Self.voterCookie, id, request, embed: embed))
        case .token:
            let credentials = Credentials(
                token: token.map { .bearer($0) }, inviteCode: nil, voterID: nil, peer: request.peer)
            if token != nil, case .success(let voter) = identity.voter(credentials, campaign: campaign, now: clock.now)
            {
                return PageVisitor(voter: voter, seed: voter.orderSeed)
            }
        case .invite: break
        }
        if let seed = request.cookie(Self.orderCookie), seed.utf8.count == 32 {
            return PageVisitor(seed: "order\u{0}" + seed)
        }
        let seed = Self.newVoterID()
        return PageVisitor(seed: "order\u{0}" + seed, cookie: pageCookie(Self.orderCookie, seed, request, embed: embed))
    }

    /// An idea forum's points per option id, from its live count (reads the store).
    func livePoints(campaign: String, _ view: Engine.BallotView) throws -> [String: Int] {
        guard let json = try engine.liveTally(campaign: campaign, ballot: view.definition.id),
            let tally = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
            let rounds = tally["rounds"] as? [[String: Any]], let votes = rounds.first?["votes"] as? [String: Any]
        else { return [:] }
        var points: [String: Int] = [:]
        for option in view.options {
            if let value = votes[option.label] as? NSNumber { points[option.id] = value.intValue }
        }
        return points
    }

    /// Open Graph and Twitter card tags: a shared link to the campaign previews with its title,
    /// description and hero picture. Their addresses are absolute: `VOXPOP_PUBLIC_URL` when set,
    /// else the request's own host. The voter's token never goes into them.
    func linkPreview(_ campaign: Campaign, language: PageLanguage, _ request: WebRequest) -> String {
        let esc = PageHTML.escape
        let title = esc(language.text(campaign.title))
        var tags =
            "<meta property=\"og:type\" content=\"website\"><meta property=\"og:title\" content=\"\(title)\">"
            + "<meta name=\"twitter:title\" content=\"\(title)\">"
        if let description = campaign.description.map({ esc(language.text($0)) }) {
            tags +=
                "<meta name=\"description\" content=\"\(description)\"><meta property=\"og:description\" content=\"\(description)\">"
                + "<meta name=\"twitter:description\" content=\"\(description)\">"
        }
        let place = previewPlace(
            campaign, path: "/c/\(FormData.encode(campaign.id))?lang=\(language.rawValue)",
            title: language.text(campaign.title), request)
        return tags
            + (place.isEmpty || !place.contains("og:image")
                ? place + "<meta name=\"twitter:card\" content=\"summary\">" : place)
    }

    /// The address and picture of a link preview: `og:url` for `path` on the public origin, and
    /// the campaign's hero as `og:image` (with Twitter's large card, described by `title`, the
    /// campaign's title in the page's language); empty without an origin.
    func previewPlace(_ campaign: Campaign, path: String, title: String, _ request: WebRequest) -> String {
        let esc = PageHTML.escape
        guard let origin = publicOrigin(request) else { return "" }
        var tags = "<meta property=\"og:url\" content=\"\(esc(origin + path))\">"
        guard let hero = campaign.theme?.hero else { return tags }
        let title = esc(title)
        let image = esc(hero.contains("://") ? hero : origin + MediaMarkup.source(hero))
        tags +=
            "<meta property=\"og:image\" content=\"\(image)\"><meta name=\"twitter:card\" content=\"summary_large_image\">"
            + "<meta name=\"twitter:image\" content=\"\(image)\"><meta property=\"og:image:alt\" content=\"\(title)\">"
        if !hero.contains("://"), let size = media.sizes.size(of: hero) {
            tags +=
                "<meta property=\"og:image:width\" content=\"\(size.width)\"><meta property=\"og:image:height\" content=\"\(size.height)\">"
        }
        return tags
    }

    /// `https://vote.example.com`: from `VOXPOP_PUBLIC_URL`, or the scheme and `Host` of the
    /// request when that is a plain host name (nil otherwise).
    func publicOrigin(_ request: WebRequest) -> String? {
        if let configured = environment["VOXPOP_PUBLIC_URL"], !configured.isEmpty {
            return configured.hasSuffix("/") ? String(configured.dropLast()) : configured
        }
        guard let host = request.http.header("Host"), !host.isEmpty, host.utf8.count <= 255,
            host.utf8.allSatisfy({ byte in
                (byte >= 0x30 && byte <= 0x3A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "[")
                    || byte == UInt8(ascii: "]")
            })
        else { return nil }
        return (request.http.forwardedHTTPS ? "https://" : "http://") + host
    }

    /// `GET /media/{path}`: a file the campaigns name in the media folder.
    func mediaFile(_ request: WebRequest) throws -> HTTPResponse {
        let campaigns = engine.campaignIDs.compactMap { engine.campaign($0) }
        return try media.response(request[0], named: MediaFiles.named(by: campaigns), request: request.http)
    }

    /// A vote from the page's form: the same identity checks and engine as the JSON API, answered
    /// with a page (201 thanks and the receipt, 409 already voted or closed, 401/403 not eligible,
    /// 422 a broken rule, said with the options' labels in the page's language).
    func formVote(_ request: WebRequest, respond: @escaping Router.Respond) throws {
        let post = try FormPost(request, app: self)
        let ideas =
            post.definition.takesIdeas
            ? try engine.ideas(campaign: post.campaign.id, ballot: post.ballot, all: false) : nil
        let reader = FormVote(
            ballot: post.definition, options: engine.options(campaign: post.campaign.id, ballot: post.ballot) ?? [],
            language: post.language, closed: Set((ideas ?? []).filter { !$0.isOpen }.map(\.id)))
        let vote: Vote
        do {
            vote = try reader.vote(from: post.form)
        } catch {
            metrics.voteRefused(error.problem.type)
            let message = error.message(post.language)
            // The page reads the store (the current vote, live points): on a worker, never on
            // the loop or the writer that answered.
            let queued = workers.submit { [self] in respond(refusedPage(post, request, error.problem, message: message))
            }
            if !queued { respond(post.answer(self, status: error.problem.status, message)) }
            return
        }
        cast(vote, ballot: post.ballot, campaign: post.campaign, post.credentials) { [self] result in
            switch result {
            case .success(let accepted):
                respond(post.answer(self, status: 201, post.language(.thanks), receipt: accepted.receipt))
            case .failure(let problem) where Self.putRightInTheForm(problem):
                let message = post.message(problem, labels: reader.label)
                let queued = workers.submit { [self] in respond(refusedPage(post, request, problem, message: message)) }
                if !queued { respond(post.answer(self, problem, labels: reader.label)) }
            case .failure(let problem): respond(post.answer(self, problem, labels: reader.label))
            }
        }
    }

    /// Refusals the voter puts right in the form (a rule, a code, an option gone, a moment's
    /// wait): shown on the voting page with what was sent filled back in. The rest (already
    /// voted, closed, the server's trouble) get the answer page.
    static func putRightInTheForm(_ problem: Problem) -> Bool {
        switch problem.type {
        case .invalidChoices, .refused, .unknownOption, .missingCredential, .badCredential, .notEligible,
            .rateLimited, .invalidIdea, .duplicateIdea, .malformedBody:
            true
        default: false
        }
    }

    /// The voting page again after a refused post: what was sent filled back in, the refusal
    /// at the top, the refusal's status. Falls back to the answer page should the page fail.
    func refusedPage(
        _ post: FormPost, _ request: WebRequest, _ problem: Problem, message: String, suggestion: Bool = false
    ) -> HTTPResponse {
        let refill = VotingPage.Refill(ballot: post.ballot, suggestion: suggestion, form: post.form, message: message)
        let headers = problem.headers.filter { $0.name != "WWW-Authenticate" }
        do {
            return try votingPage(
                request, embed: post.embed, token: post.form.first("t"), invite: post.form.first("invite"), sort: nil,
                refill: refill, status: problem.status, headers: headers)
        } catch {
            return post.answer(self, status: problem.status, message, headers: headers)
        }
    }

    /// An idea from the idea forum's form: the same identity checks and path as the JSON API,
    /// answered with a page (201 waiting for moderation or public, 409 there already, 429 too many).
    func formSuggestion(_ request: WebRequest) throws -> HTTPResponse {
        let post = try FormPost(request, app: self)
        let text = post.form.first("idea") ?? ""
        switch suggest(text, ballot: post.ballot, campaign: post.campaign, post.credentials) {
        case .success(let idea):
            return post.answer(self, status: 201, post.language(idea.status.isPublic ? .ideaPublic : .ideaWaits))
        case .failure(let problem):
            let reader = FormVote(
                ballot: post.definition,
                options: engine.options(campaign: post.campaign.id, ballot: post.ballot) ?? [],
                language: post.language)
            let labels = { reader.label($0) }
            let ideas = (try? engine.ideas(campaign: post.campaign.id, ballot: post.ballot, all: false)) ?? []
            guard Self.putRightInTheForm(problem) else {
                return post.answer(self, problem, labels: labels, ideas: ideas)
            }
            return refusedPage(
                post, request, problem, message: post.message(problem, labels: labels, ideas: ideas),
                suggestion: true)
        }
    }

    /// A problem as a page in the reader's language, with a way back to the campaign.
    func pageProblem(_ problem: Problem, _ request: WebRequest) -> HTTPResponse {
        let language = request.language
        let campaign = request.parameters.first.flatMap { engine.campaign($0) }
        var response = html(
            problem.status,
            AnswerPage.render(
                language: language, title: "\(problem.status)",
                message: PageProblem.message(problem, language, PageProblem.Context(audience: campaign?.audience)),
                // The incident's id, for whoever the voter asks for help; nothing else of it.
                detail: problem.type == .internalError ? "(\(problem.detail))" : nil,
                back: campaign.map { "/c/\(FormData.encode($0.id))?lang=\(language.rawValue)" }))
        response.headers += problem.headers.filter { $0.name != "WWW-Authenticate" }
        return response
    }

    static func newVoterID() -> String {
        var random = SystemRandomNumberGenerator()
        return SHA256.hex((0..<16).map { _ in UInt8.random(in: 0...255, using: &random) })
    }
}
