import Foundation
import VoxPopCampaigns
import VoxPopEngine
import VoxPopFoundation
import VoxPopHTTP

/// The operator console under `/admin/` (docs/console.md): an operator signs in with their key
/// and gets a session (a random token in an HttpOnly, SameSite=Strict cookie, stored by the
/// engine as a hash, ending at sign-out or after `Engine.sessionLifetime`). Every form carries a
/// token derived from the session, so another site cannot post one. Off (404) without an
/// operator key, like the operator API. The pages are in `ConsolePage+*.swift`, their actions in
/// `Console+*.swift`; every one runs on a worker, since each reads the store.
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
        let name: String
        switch operators.lookup(Array(key.utf8), from: request.peer, now: clock.now.timeIntervalSince1970) {
        case .found(let found): name = found
        case .wrong: return html(401, ConsolePage.login(error: "That is not an operator key."))
        case .limited(let seconds):
            var response = html(
                429, ConsolePage.login(error: "Too many wrong keys from this address. Try again in \(seconds) seconds.")
            )
            response.headers.append(("Retry-After", "\(seconds)"))
            return response
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

    /// A problem as a console page: what went wrong in the engine's words, and a way back (the
    /// page the form was on, when it has one, else the overview).
    func consoleProblem(_ problem: Problem, _ request: WebRequest) -> HTTPResponse {
        let segments = Router.split(request.http.path[...])
        let pages: Set<Substring> = ["write-ins", "ideas", "invites", "review"]
        var back = "/admin/"
        if segments.count >= 4, segments[1] == "c", let at = segments.firstIndex(where: pages.contains), at >= 3 {
            back = "/" + segments[...at].joined(separator: "/")
        }
        let title = problem.status == 404 ? "Not found" : "Not done"
        var response = html(problem.status, ConsolePage.problem(title: title, message: problem.detail, back: back))
        response.headers += problem.headers.filter { $0.name != "WWW-Authenticate" }
        return response
    }

    /// A 303 to a console page after a post (so a reload does not post again).
    func redirect(_ location: String, cookie: String? = nil) -> HTTPResponse {
        var headers: [(name: String, value: String)] = [("Location", location), ("Cache-Control", "no-store")]
        if let cookie { headers.append(("Set-Cookie", cookie)) }
        return HTTPResponse(status: 303, headers: headers)
    }
}

extension ConsolePage {
    static func login(error: String? = nil) -> String {
        var body = "<h1>VoxPop console</h1>"
        if let error { body += notice(error, error: true) }
        body += """
            <form method="post" action="/admin/login"><div class="field"><label for="key">Operator key</label>\
            <input type="password" id="key" name="key" autocomplete="current-password" required></div>\
            <div class="actions"><button type="submit">Sign in</button></div></form>
            """
        return document(title: "Sign in", body: body, formToken: nil)
    }

    static func problem(title: String, message: String, back: String) -> String {
        let body =
            "<h1>\(esc(title))</h1>" + notice(message, error: true)
            + "<div class=\"actions\"><a class=\"button secondary\" href=\"\(esc(back))\">Back</a>"
            + "<a class=\"button secondary\" href=\"/admin/\">Overview</a></div>"
        return document(title: title, body: body, formToken: nil)
    }
}
