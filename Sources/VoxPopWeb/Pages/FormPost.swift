import Foundation
import VoxPopCampaigns
import VoxPopEngine
import VoxPopHTTP

/// What a page's form post (a vote or an idea) carries and how it is answered: the form, the
/// page language, the campaign and ballot, the sender's credentials, and an answer page that
/// leads back to the ballot.
struct FormPost: Sendable {
    let form: FormData
    let language: PageLanguage
    let campaign: Campaign
    let ballot: String
    let definition: Ballot
    let credentials: VoterIdentity.Credentials
    private let back: String
    private let cookie: String?

    /// Throws the problem for an unknown campaign or ballot.
    init(_ request: WebRequest, engine: Engine) throws(Problem) {
        let (id, ballot) = (request[0], request[1])
        form = request.form
        language = request.language
        guard let campaign = engine.campaign(id) else { throw Problem(.unknownCampaign, "no campaign \(id)") }
        guard let definition = campaign.ballot(ballot) else {
            throw Problem(.unknownBallot, "campaign \(id) has no ballot \(ballot)")
        }
        self.campaign = campaign
        self.ballot = ballot
        self.definition = definition
        let token = form.first("t").flatMap { $0.isEmpty ? nil : $0 }
        back = "/c/\(FormData.encode(id))?lang=\(language.rawValue)" + (token.map { "&t=" + FormData.encode($0) } ?? "")
        // Open campaigns: the browser's voter id, from its cookie or new.
        let voterID = campaign.audience == .open ? request.cookie("vp_voter") ?? WebApp.newVoterID() : nil
        cookie = voterID.map { "vp_voter=\($0); Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax" }
        credentials = VoterIdentity.Credentials(
            token: token.map { .bearer($0) }, inviteCode: form.first("invite"), voterID: voterID, peer: request.peer)
    }

    /// The answer page: a status, what happened, the receipt when there is one.
    func answer(
        _ app: WebApp, status: Int, _ message: String, detail: String? = nil, receipt: String? = nil,
        headers: [(name: String, value: String)] = []
    ) -> HTTPResponse {
        app.html(
            status,
            AnswerPage.render(
                language: language, title: language.text(definition.question), message: message, detail: detail,
                receipt: receipt, back: back),
            headers: (cookie.map { [("Set-Cookie", $0)] } ?? []) + headers)
    }

    /// The answer page for a refused vote or idea, in the page's words.
    func answer(_ app: WebApp, _ problem: Problem) -> HTTPResponse {
        answer(
            app, status: problem.status, PageProblem.message(problem, language), detail: PageProblem.detail(problem),
            receipt: problem.receipt, headers: problem.headers.filter { $0.name != "WWW-Authenticate" })
    }
}
