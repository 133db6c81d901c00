import Testing
import VoxPopHTTP

@testable import VoxPopWeb

/// The one route table: paths split on bytes, parameters in order, 404 and 405 told apart, HEAD
/// answered as GET, and the face of a problem chosen by who reads it.
@Suite struct RouterTests {
    let router: Router = {
        var router = Router()
        let ok = Router.Handler.now { _ in HTTPResponse(status: 200) }
        router.add("GET", "/v1/campaigns/:campaign", face: .api, ok)
        router.add("POST", "/v1/campaigns/:campaign/ballots/:ballot/votes", face: .api, ok)
        router.add("GET", "/c/:campaign", face: .page, ok)
        router.add("POST", "/c/:campaign/:ballot", face: .page, on: .worker, ok)
        router.add("GET", "/admin", face: .console, on: .worker, ok)
        return router
    }()

    func parameters(_ method: String, _ path: Substring) -> [String]? {
        if case .route(_, let parameters) = router.resolve(method: method, path: path) { return parameters }
        return nil
    }

    func problem(_ method: String, _ path: Substring) -> (type: ProblemType, face: Router.Face, allowed: [String])? {
        if case .problem(let problem, let face) = router.resolve(method: method, path: path) {
            return (problem.type, face, problem.allowed)
        }
        return nil
    }

    @Test func pathsSplitOnBytesWithATrailingSlashIgnored() {
        #expect(Router.split("/") == [""])
        #expect(Router.split("/admin/") == ["admin"])
        #expect(Router.split("/c/x/y") == ["c", "x", "y"])
        #expect(Router.split("/c//y") == ["c", "", "y"])
        #expect(Router.split("/c/%C3%A5\u{301}/y") == ["c", "%C3%A5\u{301}", "y"])
    }

    @Test func parametersComeInTheirPatternsOrder() {
        #expect(parameters("POST", "/v1/campaigns/quick-poll/ballots/colour/votes") == ["quick-poll", "colour"])
        #expect(parameters("GET", "/admin/") == [])
        #expect(parameters("HEAD", "/c/quick-poll") == ["quick-poll"], "HEAD is answered as GET")
        #expect(parameters("GET", "/c//") == nil, "an empty parameter is no parameter")
    }

    @Test func aKnownPathWithAnotherMethodIs405WithAllowAndItsFace() throws {
        let wrong = try #require(problem("DELETE", "/c/quick-poll"))
        #expect(wrong.type == .methodNotAllowed)
        #expect(wrong.face == .page)
        #expect(wrong.allowed == ["GET", "HEAD"])
        let votes = try #require(problem("GET", "/v1/campaigns/a/ballots/b/votes"))
        #expect(votes.allowed == ["POST"])
        #expect(votes.face == .api)
    }

    @Test func anUnknownPathIs404ReadByWhoeverAsksThere() throws {
        #expect(problem("GET", "/v1/nope")?.type == .notFound)
        #expect(problem("GET", "/v1/nope")?.face == .api)
        #expect(problem("GET", "/metrics/x")?.face == .api)
        #expect(problem("GET", "/admin/nope/deeper")?.face == .console)
        #expect(problem("GET", "/nowhere")?.face == .page)
    }
}
