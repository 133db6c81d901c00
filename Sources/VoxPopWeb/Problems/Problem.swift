import Foundation
import VoxPopFoundation
import VoxPopHTTP

/// An error answer as RFC 9457 problem details: a `ProblemType` (which knows its status), the
/// detail of this instance, and members a client may need (the receipt of the vote that stands).
///
/// Handlers throw it, or a refusal that converts to it (`ProblemConvertible`); the router turns
/// it into problem+json for the API and into a page in the reader's language for the pages.
public struct Problem: Error, Sendable {
    public var type: ProblemType
    public var detail: String
    /// Further members of the JSON body, each a key and its JSON text.
    public var extra: [(key: String, json: String)]
    /// For already-voted: the receipt of the vote that stands.
    public var receipt: String?
    /// Seconds a client should wait (429, 503): sent as `Retry-After`.
    public var retryAfter: Int?
    /// For method-not-allowed: the methods the resource takes, sent as `Allow`.
    public var allowed: [String] = []

    public init(
        _ type: ProblemType, _ detail: String, extra: [(key: String, json: String)] = [], receipt: String? = nil,
        retryAfter: Int? = nil
    ) {
        self.type = type
        self.detail = detail
        self.extra = extra
        self.receipt = receipt
        self.retryAfter = retryAfter ?? (type == .rateLimited || type == .tooManyIdeas ? 1 : nil)
    }

    public var status: Int { type.status }

    /// The headers the status calls for: `Retry-After`, `WWW-Authenticate`, `Allow`.
    var headers: [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        if let retryAfter { headers.append(("Retry-After", "\(retryAfter)")) }
        if status == 401 { headers.append(("WWW-Authenticate", "Bearer")) }
        if !allowed.isEmpty { headers.append(("Allow", allowed.joined(separator: ", "))) }
        return headers
    }

    /// The problem as `application/problem+json`; `nosniff`, since its detail may quote a path or
    /// text the client sent and no browser may take it for a page.
    var response: HTTPResponse {
        var members: [(String, String?)] = [
            ("type", JSONText.string(type.urn)), ("title", JSONText.string(type.title)), ("status", "\(status)"),
            ("detail", JSONText.string(detail)),
        ]
        if let receipt { members.append(("receipt", JSONText.string(receipt))) }
        members += extra.map { ($0.key, $0.json) }
        return HTTPResponse(
            status: status,
            headers: [("Content-Type", "application/problem+json"), ("X-Content-Type-Options", "nosniff")] + headers,
            body: Array(JSONText.object(members).utf8))
    }
}

/// A refusal of a layer below that knows which problem it is.
protocol ProblemConvertible: Error {
    var problem: Problem { get }
}

extension Problem: ProblemConvertible {
    var problem: Problem { self }
}
