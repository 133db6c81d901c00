import Foundation
import VoxPopHTTP

extension WebApp {
    /// Every route the server answers, in one table.
    static func routes() -> Router {
        var router = Router()
        // The plain endpoints and the public JSON API (docs/api.md).
        router.add(
            "GET", "/healthz", face: .api,
            .now { _ in HTTPResponse(status: 200, contentType: "text/plain", body: "ok\n") })
        router.add("GET", "/metrics", face: .api, .now { $0.app.metricsText() })
        router.add("GET", "/v1/campaigns", face: .api, .now { .json($0.app.campaignList()) })
        router.add("GET", "/v1/campaigns/:campaign", face: .api, .now { .json(try $0.app.campaignDetail($0[0])) })
        router.add(
            "POST", "/v1/campaigns/:campaign/ballots/:ballot/votes", face: .api, .later { $0.app.vote($0, respond: $1) }
        )
        router.add(
            "GET", "/v1/campaigns/:campaign/ballots/:ballot/ideas", face: .api,
            .now { .json(try $0.app.ideasJSON($0[0], $0[1], all: false)) })
        router.add(
            "POST", "/v1/campaigns/:campaign/ballots/:ballot/ideas", face: .api, on: .worker,
            .now { try $0.app.suggestIdea($0) })
        router.add(
            "GET", "/v1/campaigns/:campaign/ballots/:ballot/results", face: .api, on: .worker,
            .now { .json(try $0.app.results($0[0], $0[1])) })
        router.add(
            "GET", "/v1/campaigns/:campaign/ballots/:ballot/receipts/:receipt", face: .api, on: .worker,
            .now { .json(try $0.app.receipt($0[0], $0[1], $0[2])) })

        // The operator API: every route needs the operator key, and all of them read the store.
        let admin = "/v1/admin/campaigns/:campaign"
        let operatorRoutes: [(String, String, @Sendable (WebRequest, String) throws -> HTTPResponse)] = [
            ("POST", "/v1/admin/reload", { .json(try $0.app.reload(by: $1)) }),
            ("GET", "/v1/admin/log", { request, _ in .json(try request.app.logJSON(query: request.query)) }),
            ("GET", admin + "/invites", { request, _ in .json(try request.app.inviteCounts(request[0])) }),
            ("POST", admin + "/invites", { try $0.app.invites($0[0], $0.body, by: $1) }),
            ("POST", admin + "/invites/revoke", { .json(try $0.app.revokeInvites($0[0], $0.body, by: $1)) }),
            ("POST", admin + "/ballots/:ballot/open", { .json(try $0.app.open($0[0], $0[1], by: $1)) }),
            ("POST", admin + "/ballots/:ballot/close", { .json(try $0.app.close($0[0], $0[1], by: $1)) }),
            ("POST", admin + "/ballots/:ballot/publish", { .json(try $0.app.publish($0[0], $0[1], by: $1)) }),
            (
                "POST", admin + "/ballots/:ballot/withdraw",
                { .json(try $0.app.withdraw($0[0], $0[1], $0.body, by: $1)) }
            ),
            (
                "GET", admin + "/ballots/:ballot/tally",
                { request, _ in .json(try request.app.operatorTally(request[0], request[1])) }
            ),
            (
                "GET", admin + "/ballots/:ballot/write-ins",
                { request, _ in .json(try request.app.writeInsJSON(request[0], request[1], query: request.query)) }
            ),
            (
                "POST", admin + "/ballots/:ballot/write-ins",
                { .json(try $0.app.moderate($0[0], $0[1], $0.body, by: $1)) }
            ),
            (
                "GET", admin + "/ballots/:ballot/ideas",
                { request, _ in .json(try request.app.ideasJSON(request[0], request[1], all: true)) }
            ),
            (
                "POST", admin + "/ballots/:ballot/ideas",
                { .json(try $0.app.changeIdea($0[0], $0[1], $0.body, by: $1)) }
            ),
        ]
        for (method, pattern, body) in operatorRoutes {
            router.add(
                method, pattern, face: .api, on: .worker,
                .now { request in try body(request, try request.app.authorizeOperator(request)) })
        }

        // The voters' pages (docs/pages.md) and their style sheet and script.
        router.add("GET", "/assets/:name", face: .page, .now { try WebAssets.response($0[0]) })
        router.add("GET", "/media/*", face: .page, on: .worker, .now { try $0.app.mediaFile($0) })
        router.add("GET", "/", face: .page, .now { $0.app.indexPage($0) })
        // The voting page reads a returning voter's current vote and live points: on a worker.
        router.add("GET", "/c/:campaign", face: .page, on: .worker, .now { try $0.app.votingPage($0) })
        router.add(
            "GET", "/c/:campaign/embed", face: .page, on: .worker, .now { try $0.app.votingPage($0, embed: true) })
        router.add("GET", "/c/:campaign/receipt", face: .page, on: .worker, .now { try $0.app.receiptPage($0) })
        router.add("POST", "/c/:campaign/:ballot", face: .page, .later { try $0.app.formVote($0, respond: $1) })
        router.add(
            "POST", "/c/:campaign/:ballot/suggest", face: .page, on: .worker, .now { try $0.app.formSuggestion($0) })
        router.add("GET", "/c/:campaign/:ballot/results", face: .page, on: .worker, .now { try $0.app.resultsPage($0) })

        // The operator console: signed in by a cookie; every page reads the store.
        router.add(
            "GET", "/admin", face: .console, on: .worker, .now { try $0.app.console($0) { $0.overview($2) } })
        router.add("POST", "/admin/login", face: .console, on: .worker, .now { try $0.app.consoleLogin($0) })
        router.add(
            "POST", "/admin/logout", face: .console, on: .worker,
            .now { try $0.app.console($0) { app, request, _ in try app.consoleLogout(request) } })
        let campaign = "/admin/c/:campaign"
        let ballot = campaign + "/:ballot"
        let consoleRoutes:
            [(String, String, @Sendable (WebApp, WebRequest, WebApp.ConsoleSession) throws -> HTTPResponse)] = [
                ("GET", "/admin/log", { try $0.logPage($1, $2) }),
                ("GET", campaign + "/invites", { try $0.invitesPage($1, $2) }),
                ("POST", campaign + "/invites", { try $0.consoleMint($1, $2) }),
                ("POST", campaign + "/invites/revoke", { try $0.consoleRevoke($1, $2) }),
                ("GET", ballot + "/review", { try $0.reviewPage($1, $2) }),
                ("GET", ballot + "/write-ins", { try $0.writeInsPage($1, $2) }),
                ("POST", ballot + "/write-ins", { try $0.consoleModerate($1, $2) }),
                ("POST", ballot + "/write-ins/suggestions", { try $0.consoleSuggestion($1, $2) }),
                ("POST", ballot + "/write-ins/label", { try $0.consoleLabel($1, $2) }),
                ("GET", ballot + "/ideas", { try $0.ideasPage($1, $2) }),
                ("POST", ballot + "/ideas", { try $0.consoleChangeIdea($1, $2) }),
                ("GET", ballot + "/ideas/:idea", { try $0.ideaPage($1, $2) }),
                // Each asks for confirmation first (`Console+Confirm.swift`).
                ("POST", ballot + "/open", { try $0.consoleConfirmed(.open, $1, $2) }),
                ("POST", ballot + "/close", { try $0.consoleConfirmed(.close, $1, $2) }),
                ("POST", ballot + "/publish", { try $0.consoleConfirmed(.publish, $1, $2) }),
                ("POST", ballot + "/withdraw", { try $0.consoleConfirmed(.withdraw, $1, $2) }),
            ]
        for (method, pattern, body) in consoleRoutes {
            router.add(method, pattern, face: .console, on: .worker, .now { try $0.app.console($0, body) })
        }
        return router
    }
}
