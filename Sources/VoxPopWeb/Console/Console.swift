import Foundation
import VoxPopCampaigns
import VoxPopEngine
import VoxPopFoundation
import VoxPopHTTP

/// The operator console under `/admin/`: an operator signs in with their key and gets a session
/// (a random token in an HttpOnly, SameSite=Strict cookie, stored by the engine as a hash, ending
/// at sign-out or after `Engine.sessionLifetime`), then sees campaigns and ballots with their
/// state, vote counts and a vote-rate sparkline; closes; publishes; moderates write-ins and
/// ideas. Every form carries a token derived from the session, so another site cannot post one.
/// Off (404) without an operator key, like the operator API.
extension WebApp {
    /// A signed-in operator's session: their name, and the token their forms must carry.
    struct ConsoleSession: Sendable {
        var operatorName: String
        var formToken: String
    }

    static let sessionCookie = "vp_session"

    /// Runs a console page for a signed-in operator (a post also needs the session's form token);
    /// anyone else gets the sign-in page.
    func console(
        _ request: WebRequest, _ body: @Sendable (WebApp, WebRequest, ConsoleSession) throws -> HTTPResponse
    ) throws -> HTTPResponse {
        guard !operators.isEmpty else {
            throw Problem(
                .notFound, "the console is off: set VOXPOP_OPERATOR_KEY or VOXPOP_OPERATOR_KEYS to turn it on")
        }
        guard let token = request.cookie(Self.sessionCookie), let name = try engine.sessionOperator(token) else {
            let front = request.method == "GET" && Router.split(request.http.path) == ["admin"]
            return html(front ? 200 : 401, ConsolePage.login())
        }
        let session = ConsoleSession(operatorName: name, formToken: Self.formToken(session: token))
        if request.method == "POST" {
            guard let presented = request.form.first("csrf"),
                constantTimeEqual(Array(presented.utf8), Array(session.formToken.utf8))
            else { throw Problem(.notFromConsole, "This form did not come from the console.") }
        }
        return try body(self, request, session)
    }

    /// What a session's forms carry: a hash of its token, which another site cannot read.
    static func formToken(session token: String) -> String {
        SHA256.hex(SHA256.hash(Array("voxpop console form\u{0}\(token)".utf8)))
    }

    func consoleLogin(_ request: WebRequest) throws -> HTTPResponse {
        guard !operators.isEmpty else {
            throw Problem(.notFound, "the console is off: set VOXPOP_OPERATOR_KEY or VOXPOP_OPERATOR_KEYS")
        }
        let key = request.form.first("key") ?? ""
        guard let name = operators.name(forKey: Array(key.utf8)) else {
            return html(401, ConsolePage.login(error: "That is not an operator key."))
        }
        let token = try engine.startSession(operator: name)
        let secure = secureCookies || request.http.forwardedHTTPS ? "; Secure" : ""
        return redirect(
            "/admin/",
            cookie:
                "\(Self.sessionCookie)=\(token); Path=/admin; Max-Age=\(Int(Engine.sessionLifetime)); HttpOnly; SameSite=Strict\(secure)"
        )
    }

    func consoleLogout(_ request: WebRequest) throws -> HTTPResponse {
        if let token = request.cookie(Self.sessionCookie) { try engine.endSession(token) }
        return redirect("/admin/", cookie: "\(Self.sessionCookie)=; Path=/admin; Max-Age=0; HttpOnly; SameSite=Strict")
    }

    func overview(_ session: ConsoleSession) -> HTTPResponse {
        html(200, ConsolePage.overview(app: self, formToken: session.formToken))
    }

    func writeInsPage(_ campaign: String, _ ballot: String, _ session: ConsoleSession) throws -> HTTPResponse {
        let groups = try engine.writeInReview(campaign: campaign, ballot: ballot, perPage: 500).groups
        return html(
            200,
            ConsolePage.writeIns(
                campaign: campaign, ballot: ballot, groups: groups, formToken: session.formToken))
    }

    func ideasPage(_ campaign: String, _ ballot: String, _ session: ConsoleSession) throws -> HTTPResponse {
        guard let ideas = try engine.ideas(campaign: campaign, ballot: ballot, all: true) else {
            throw unknown(campaign, ballot)
        }
        return html(
            200,
            ConsolePage.ideas(campaign: campaign, ballot: ballot, ideas: ideas, formToken: session.formToken))
    }

    func consoleSetIdeaStatus(_ request: WebRequest, _ session: ConsoleSession) throws -> HTTPResponse {
        let (campaign, ballot) = (request[0], request[1])
        let form = request.form
        guard let id = form.first("id"), let status = form.first("status").flatMap(Idea.Status.init) else {
            throw Problem(.malformedBody, "choose an idea and a status")
        }
        _ = try engine.setIdeaStatus(
            campaign: campaign, ballot: ballot, id: id, status: status, by: session.operatorName)
        return redirect("/admin/c/\(FormData.encode(campaign))/\(FormData.encode(ballot))/ideas")
    }

    func consoleClose(_ campaign: String, _ ballot: String, _ session: ConsoleSession) throws -> HTTPResponse {
        try engine.closeNow(campaign: campaign, ballot: ballot, by: session.operatorName)
        return redirect("/admin/")
    }

    func consolePublish(_ campaign: String, _ ballot: String, _ session: ConsoleSession) throws -> HTTPResponse {
        try engine.publish(campaign: campaign, ballot: ballot, by: session.operatorName)
        return redirect("/admin/")
    }

    func consoleModerate(_ request: WebRequest, _ session: ConsoleSession) throws -> HTTPResponse {
        let (campaign, ballot) = (request[0], request[1])
        let form = request.form
        let action = form.first("action") ?? ""
        let into = form.first("into")?.trimmingCharacters(in: .whitespaces) ?? ""
        guard let id = form.first("id"), ["approve", "reject", "merge"].contains(action),
            action != "merge" || !into.isEmpty
        else { throw Problem(.malformedBody, "A merge needs the text it is merged into.") }
        try engine.decideWriteIns(
            campaign: campaign, ballot: ballot, ids: [id], action: action, into: action == "merge" ? into : nil,
            by: session.operatorName)
        return redirect("/admin/c/\(FormData.encode(campaign))/\(FormData.encode(ballot))/write-ins")
    }

    /// A problem as a console page, with a way back to the console.
    func consoleProblem(_ problem: Problem, _ request: WebRequest) -> HTTPResponse {
        var response = html(
            problem.status,
            AnswerPage.render(
                language: .en, title: problem.status == 404 ? "404" : "Not done", message: problem.detail,
                back: "/admin/"))
        response.headers += problem.headers.filter { $0.name != "WWW-Authenticate" }
        return response
    }

    private func redirect(_ location: String, cookie: String? = nil) -> HTTPResponse {
        var headers: [(name: String, value: String)] = [("Location", location), ("Cache-Control", "no-store")]
        if let cookie { headers.append(("Set-Cookie", cookie)) }
        return HTTPResponse(status: 303, headers: headers)
    }
}

/// The console's pages.
enum ConsolePage {
    static func login(error: String? = nil) -> String {
        var body = "<h1>VoxPop console</h1>"
        if let error { body += "<p class=\"note error\" role=\"alert\">\(PageHTML.escape(error))</p>" }
        body += """
            <form method="post" action="/admin/login"><p><label for="key">Operator key</label><br>\
            <input type="password" id="key" name="key" autocomplete="current-password" required></p>\
            <p class="actions"><button type="submit">Sign in</button></p></form>
            """
        return PageHTML.document(language: "en", title: "VoxPop console", body: body)
    }

    static func overview(app: WebApp, formToken: String) -> String {
        let engine = app.engine
        let now = app.clock.now
        var body = "<h1>VoxPop console</h1>" + signOut(formToken)
        for id in engine.campaignIDs {
            guard let campaign = engine.campaign(id), let views = engine.ballotViews(campaign: id) else { continue }
            body +=
                "<section aria-labelledby=\"c-\(esc(id))\"><h2 id=\"c-\(esc(id))\">\(esc(campaign.title.text()))</h2>"
            body +=
                "<p><a href=\"/c/\(esc(FormData.encode(id)))\">Voting page</a> · identity: \(campaign.audience.identityName)</p>"
            body += "<table><caption class=\"note\">Ballots; the line shows votes per minute, last 30 minutes</caption>"
            body +=
                "<tr><th scope=\"col\">Ballot</th><th scope=\"col\">State</th><th scope=\"col\">Votes</th><th scope=\"col\">Rate</th><th scope=\"col\">Actions</th></tr>"
            for view in views {
                let ballot = view.definition.id
                let votes = (try? engine.voteCount(campaign: id, ballot: ballot)).flatMap { $0 } ?? 0
                let rates = app.rates.series(campaign: id, ballot: ballot, now: now)
                var actions = ""
                let base = "/admin/c/\(esc(FormData.encode(id)))/\(esc(FormData.encode(ballot)))"
                if view.state == .open { actions += button(base + "/close", "Close now", formToken) }
                if view.state == .tallied { actions += button(base + "/publish", "Publish", formToken) }
                if view.definition.takesIdeas {
                    actions += "<a href=\"\(base)/ideas\">Ideas</a>"
                } else if view.definition.writeIns != nil {
                    actions += "<a href=\"\(base)/write-ins\">Write-ins</a>"
                }
                if view.state == .published {
                    actions +=
                        "<a href=\"/c/\(esc(FormData.encode(id)))/\(esc(FormData.encode(ballot)))/results\">Results</a>"
                }
                body +=
                    "<tr><th scope=\"row\">\(esc(ballot))</th><td>\(view.state.rawValue)</td><td>\(votes)</td>"
                    + "<td>\(sparkline(rates, label: "\(ballot): \(rates.last ?? 0) votes in the last minute"))</td><td>\(actions)</td></tr>"
            }
            body += "</table></section>"
        }
        return PageHTML.document(language: "en", title: "VoxPop console", body: body)
    }

    static func writeIns(campaign: String, ballot: String, groups: [Engine.WriteInGroup], formToken: String) -> String {
        var body = "<p><a href=\"/admin/\">Console</a></p><h1>Write-ins: \(esc(campaign))/\(esc(ballot))</h1>"
        if groups.isEmpty { body += "<p>No write-ins yet.</p>" }
        let action = "/admin/c/\(esc(FormData.encode(campaign)))/\(esc(FormData.encode(ballot)))/write-ins"
        for (index, group) in groups.enumerated() {
            let spellings = group.spellings.map { "\(esc($0.text)) (\($0.count))" }.joined(separator: ", ")
            let decision = group.decision.map { $0.action + ($0.into.map { " into \(esc($0))" } ?? "") } ?? "waiting"
            body +=
                "<section aria-labelledby=\"w-\(index)\"><h2 id=\"w-\(index)\">\(esc(group.spellings.first?.text ?? group.id)): \(group.count)</h2>"
            body += "<p>Spellings: \(spellings). Decision: <strong>\(decision)</strong></p>"
            let hidden =
                "<input type=\"hidden\" name=\"csrf\" value=\"\(formToken)\"><input type=\"hidden\" name=\"id\" value=\"\(esc(group.id))\">"
            body +=
                "<form method=\"post\" action=\"\(action)\">\(hidden)<input type=\"hidden\" name=\"action\" value=\"approve\"><button type=\"submit\">Approve</button></form> "
            body +=
                "<form method=\"post\" action=\"\(action)\">\(hidden)<input type=\"hidden\" name=\"action\" value=\"reject\"><button type=\"submit\">Reject</button></form>"
            body +=
                "<form method=\"post\" action=\"\(action)\">\(hidden)<input type=\"hidden\" name=\"action\" value=\"merge\">"
                + "<p><label for=\"into-\(index)\">Merge into</label> <input type=\"text\" id=\"into-\(index)\" name=\"into\" required> "
                + "<button type=\"submit\">Merge</button></p></form></section>"
        }
        return PageHTML.document(language: "en", title: "Write-ins: \(ballot)", body: body)
    }

    static func signOut(_ formToken: String) -> String {
        "<form method=\"post\" action=\"/admin/logout\"><input type=\"hidden\" name=\"csrf\" value=\"\(formToken)\"><button type=\"submit\" class=\"small\">Sign out</button></form>"
    }

    private static func button(_ action: String, _ label: String, _ formToken: String) -> String {
        "<form method=\"post\" action=\"\(action)\"><input type=\"hidden\" name=\"csrf\" value=\"\(formToken)\"><button type=\"submit\" class=\"small\">\(label)</button></form>"
    }

    /// Votes per minute as a small inline SVG line.
    static func sparkline(_ values: [Int], label: String) -> String {
        let top = max(values.max() ?? 0, 1)
        let points = values.enumerated().map { index, value in
            "\(index * 4),\(20 - value * 18 / top)"
        }.joined(separator: " ")
        return "<svg role=\"img\" aria-label=\"\(esc(label))\" width=\"120\" height=\"22\" viewBox=\"0 0 120 22\">"
            + "<polyline fill=\"none\" stroke=\"#0b4f9c\" stroke-width=\"2\" points=\"\(points)\"/></svg>"
    }

    static func esc(_ text: String) -> String { PageHTML.escape(text) }
}
