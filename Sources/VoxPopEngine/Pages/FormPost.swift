import Foundation
import VoxPopCampaigns
import VoxPopHTTP

/// What a page's form post (a vote or an idea) carries and how it is answered: the form, the
/// page language, the campaign and ballot, the sender's credentials, and an answer page that
/// leads back to the ballot.
struct FormPost: Sendable {
    let form: FormData
    let language: PageLanguage
    let campaign: Campaign
    let definition: Ballot
    let credentials: VoterIdentity.Credentials
    private let back: String
    private let cookie: String?

    /// Nil when the campaign or ballot is unknown.
    init?(_ request: HTTPRequest, campaign id: String, ballot: String, engine: Engine) {
        form = FormData(request.body)
        language = PageLanguage.pick(query: form.first("lang"), acceptLanguage: request.header("Accept-Language"))
        guard let campaign = engine.campaign(id), let definition = campaign.ballot(ballot) else { return nil }
        self.campaign = campaign
        self.definition = definition
        let token = form.first("t").flatMap { $0.isEmpty ? nil : $0 }
        back = "/c/\(FormData.encode(id))?lang=\(language.rawValue)" + (token.map { "&t=" + FormData.encode($0) } ?? "")
        // Open campaigns: the browser's voter id, from its cookie or new.
        let voterID = campaign.audience == .open ? API.cookie("vp_voter", in: request) ?? API.newVoterID() : nil
        cookie = voterID.map { "vp_voter=\($0); Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax" }
        credentials = VoterIdentity.Credentials(
            token: token.map { .bearer($0) }, inviteCode: form.first("invite"), voterID: voterID, peer: request.peer)
    }

    /// Answers with a page: status, message, detail, receipt.
    typealias Answer = @Sendable (Int, String, String?, String?) -> Void

    func answer(_ api: API, _ respond: @escaping @Sendable (HTTPResponse) -> Void) -> Answer {
        let title = language.text(definition.question)
        return { [self] status, message, detail, receipt in
            respond(
                api.html(
                    status,
                    AnswerPage.render(
                        language: language, title: title, message: message, detail: detail, receipt: receipt,
                        back: back),
                    headers: cookie.map { [("Set-Cookie", $0)] } ?? []))
        }
    }

    /// The page for the refusals both forms share: not open, not eligible, too busy, or the rule
    /// the post breaks.
    func refuse(_ problem: Problem, _ answer: Answer) {
        switch problem.type {
        case "ballot-not-open": answer(409, language(.notOpen), nil, nil)
        case "missing-credential", "bad-credential", "not-eligible", "campaign-not-configured":
            answer(problem.status, language(.notEligible), problem.detail, nil)
        case "rate-limited": answer(429, language(.busy), nil, nil)
        default: answer(problem.status, language(.invalid), problem.detail, nil)
        }
    }
}
