import Foundation
import VoxPopCampaigns
import VoxPopEngine
import VoxPopHTTP

/// What a page's form post (a vote or an idea) carries and how it is answered: the form, the
/// page language, the campaign and ballot, the sender's credentials, and an answer page that
/// leads back to the ballot (to the embed page when it came from one, framed as that was).
struct FormPost: Sendable {
    let form: FormData
    let language: PageLanguage
    let campaign: Campaign
    let ballot: String
    let definition: Ballot
    let credentials: VoterIdentity.Credentials
    /// Posted from the embed page: the answer may be framed by the campaign's embed origins.
    let embed: Bool
    private let back: String
    private let cookie: String?

    /// Throws the problem for a form sent from another site, an unknown campaign or ballot.
    init(_ request: WebRequest, app: WebApp) throws(Problem) {
        let engine = app.engine
        let (id, ballot) = (request[0], request[1])
        guard SameSiteForm.allows(request.http) else {
            throw Problem(.notFromPage, "a voting form may only be sent from this site's own pages")
        }
        form = request.form
        language = request.language
        guard let campaign = engine.campaign(id) else { throw Problem(.unknownCampaign, "no campaign \(id)") }
        guard let definition = campaign.ballot(ballot) else {
            throw Problem(.unknownBallot, "campaign \(id) has no ballot \(ballot)")
        }
        self.campaign = campaign
        self.ballot = ballot
        self.definition = definition
        embed = form.first("embed") == "1"
        let token = form.first("t").flatMap { $0.isEmpty ? nil : $0 }
        // The way back keeps what the voter came with: their token link, or the invite code
        // (a voter from a personal link would have to type it again).
        let invite = form.first("invite")?.trimmingCharacters(in: .whitespacesAndNewlines)
        back =
            "/c/\(FormData.encode(id))\(embed ? "/embed" : "")?lang=\(language.rawValue)"
            + (token.map { "&t=" + FormData.encode($0) } ?? "")
            + (invite.flatMap { $0.isEmpty || $0.utf8.count > 200 ? nil : "&invite=" + FormData.encode($0) } ?? "")
        // Open campaigns: the browser's voter id, from its cookie or new.
        let known = request.cookie(WebApp.voterCookie).flatMap { $0.isEmpty ? nil : $0 }
        let voterID = campaign.audience == .open ? known ?? WebApp.newVoterID() : nil
        cookie =
            campaign.audience == .open && known == nil
            ? voterID.map { [embed] in app.pageCookie(WebApp.voterCookie, $0, request, embed: embed) } : nil
        credentials = VoterIdentity.Credentials(
            token: token.map { .bearer($0) }, inviteCode: form.first("invite"), voterID: voterID, peer: request.peer)
    }

    /// The answer page: a status, what happened, the receipt when there is one.
    func answer(
        _ app: WebApp, status: Int, _ message: String, receipt: String? = nil,
        headers: [(name: String, value: String)] = []
    ) -> HTTPResponse {
        let check = receipt.map {
            "/c/\(FormData.encode(campaign.id))/receipt?lang=\(language.rawValue)&receipt=\(FormData.encode($0))"
        }
        let theme = campaign.theme?.accent.flatMap(ThemeStylesheet.init(accent:)).map {
            "<link rel=\"stylesheet\" href=\"\($0.path)\">"
        }
        return app.html(
            status,
            AnswerPage.render(
                language: language, title: language.text(definition.question), message: message, receipt: receipt,
                back: back, check: check, head: theme ?? ""),
            headers: (cookie.map { [("Set-Cookie", $0)] } ?? []) + headers, campaign: campaign, embed: embed)
    }

    /// The answer page for a refused vote or idea, in the page's words.
    func answer(
        _ app: WebApp, _ problem: Problem, labels: @escaping (String) -> String? = { _ in nil }, ideas: [Idea] = []
    ) -> HTTPResponse {
        answer(
            app, status: problem.status, message(problem, labels: labels, ideas: ideas), receipt: problem.receipt,
            headers: problem.headers.filter { $0.name != "WWW-Authenticate" })
    }

    /// What a refused vote or idea is told, in the page's words.
    func message(_ problem: Problem, labels: @escaping (String) -> String? = { _ in nil }, ideas: [Idea] = []) -> String
    {
        let context = PageProblem.Context(
            audience: campaign.audience, label: labels,
            maxLength: definition.writeIns?.maxLength ?? WriteInPolicy.defaultMaxLength,
            ideas: Dictionary(ideas.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }))
        return PageProblem.message(problem, language, context)
    }
}
