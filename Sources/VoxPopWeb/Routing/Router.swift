import Foundation
import VoxPopHTTP

/// The one table of every resource the server answers: the JSON API, the voting and results
/// pages, and the operator console. A route is a method, a path pattern, who reads its problems
/// (`Face`) and where it runs (`Execution`); the router finds it, answers 404 or 405 (with
/// `Allow`) when none fits, answers HEAD as GET, and hands the work to a worker thread when the
/// route reads the store or counts, so an event loop never waits for either.
struct Router: Sendable {
    /// Who reads a route's problems: a program (problem+json), a voter (a page in their
    /// language), or an operator (a console page).
    enum Face: Sendable { case api, page, console }

    /// Where a route's handler runs: on the event loop (memory only, quick) or on a worker (it
    /// reads the store, syncs the writer or counts).
    enum Execution: Sendable { case loop, worker }

    typealias Respond = @Sendable (HTTPResponse) -> Void

    enum Handler: Sendable {
        /// Answers at once (where it runs), or throws a problem.
        case now(@Sendable (WebRequest) throws -> HTTPResponse)
        /// Answers later through `respond` (a vote answers once it is on disk), or throws a
        /// problem before it has answered.
        case later(@Sendable (WebRequest, @escaping Respond) throws -> Void)
    }

    struct Route: Sendable {
        enum Segment: Sendable, Equatable {
            case literal(String)
            case parameter
            /// The rest of the path, one or more segments, as one parameter (`a/b/c`): last only.
            case rest
        }
        var method: String
        var segments: [Segment]
        var face: Face
        var execution: Execution
        var handler: Handler

        /// The parameters, when the path fits the pattern.
        func match(_ path: [Substring]) -> [String]? {
            let open = segments.last == .rest
            guard open ? path.count >= segments.count : path.count == segments.count else { return nil }
            var parameters: [String] = []
            for (index, segment) in segments.enumerated() {
                let part = path[index]
                switch segment {
                case .literal(let text): guard part == text else { return nil }
                case .parameter:
                    guard !part.isEmpty else { return nil }
                    parameters.append(String(part))
                case .rest:
                    parameters.append(path[index...].joined(separator: "/"))
                }
            }
            return parameters
        }
    }

    private(set) var routes: [Route] = []
    /// The routes by their number of segments, as indexes into `routes`: a request is matched
    /// only against patterns of its length.
    private var bySegments: [Int: [Int]] = [:]
    /// The routes whose pattern ends in `*`, tried after those.
    private var openRoutes: [Int] = []

    /// Adds a route. `pattern` is a path whose `:name` segments are parameters, handed to the
    /// handler in order: `/v1/campaigns/:campaign/ballots/:ballot/votes`; a last segment `*`
    /// takes the rest of the path.
    mutating func add(
        _ method: String, _ pattern: String, face: Face, on execution: Execution = .loop, _ handler: Handler
    ) {
        let segments = Self.split(pattern[...]).map {
            $0 == "*" ? .rest : $0.first == ":" ? Route.Segment.parameter : .literal(String($0))
        }
        if segments.last == .rest {
            openRoutes.append(routes.count)
        } else {
            bySegments[segments.count, default: []].append(routes.count)
        }
        routes.append(Route(method: method, segments: segments, face: face, execution: execution, handler: handler))
    }

    /// A path's segments, without the leading slash; a trailing slash is ignored (`/admin/` is
    /// `/admin`), but `/` is the one empty segment.
    static func split(_ path: Substring) -> [Substring] {
        // On the UTF-8 view: the parser admits only ASCII targets, and splitting by Characters
        // cost a request more than the rest of routing.
        var segments: [Substring] = []
        let utf8 = path.utf8
        var start = utf8.startIndex
        if start != utf8.endIndex, utf8[start] == UInt8(ascii: "/") { start = utf8.index(after: start) }
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == UInt8(ascii: "/") {
                segments.append(Substring(utf8[start..<index]))
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        segments.append(Substring(utf8[start..<utf8.endIndex]))
        if segments.count > 1, segments.last!.isEmpty { segments.removeLast() }
        return segments
    }

    /// What a request resolves to: a route and its parameters, or the problem to answer.
    enum Resolution {
        case route(Route, parameters: [String])
        case problem(Problem, face: Face)
    }

    func resolve(method: String, path: Substring) -> Resolution {
        let segments = Self.split(path)
        let asked = method == "HEAD" ? "GET" : method
        var allowed: [String] = []
        var face: Face?
        func find(among positions: [Int]) -> Resolution? {
            for position in positions {
                let route = routes[position]
                guard let parameters = route.match(segments) else { continue }
                if route.method == asked { return .route(route, parameters: parameters) }
                allowed.append(route.method)
                face = face ?? route.face
            }
            return nil
        }
        if let found = find(among: bySegments[segments.count] ?? []) ?? find(among: openRoutes) { return found }
        guard let face else {
            return .problem(Problem(.notFound, "no such resource: \(path)"), face: Self.face(of: segments))
        }
        if allowed.contains("GET") { allowed.append("HEAD") }
        var problem = Problem(.methodNotAllowed, "\(method) is not allowed on \(path)")
        problem.allowed = allowed
        return .problem(problem, face: face)
    }

    /// Who reads a problem for a path no route knows: programs under /v1 and the plain
    /// endpoints, operators under /admin, voters elsewhere.
    static func face(of segments: [Substring]) -> Face {
        switch segments.first {
        case "v1", "healthz", "metrics": .api
        case "admin": .console
        default: .page
        }
    }
}
