import Foundation
import VoxPopHTTP

/// One request as a handler sees it: the HTTP request, the path's parameters in the pattern's
/// order, its query, and what pages need (the language, cookies, the form).
struct WebRequest: Sendable {
    /// The application answering it (the route table is static; its handlers find the engine here).
    let app: WebApp
    let http: HTTPRequest
    let parameters: [String]

    init(_ http: HTTPRequest, app: WebApp, parameters: [String] = []) {
        self.app = app
        self.http = http
        self.parameters = parameters
    }

    /// The query string's fields (read when asked: most requests have none).
    var query: FormData { FormData(query: http.target) }

    /// The `index`th parameter of the route's pattern.
    subscript(_ index: Int) -> String { parameters[index] }

    var method: String { http.method }
    var body: [UInt8] { http.body }
    /// The client's address, for per-address limits.
    var peer: String { http.peer }

    /// A `application/x-www-form-urlencoded` body.
    var form: FormData { FormData(http.body) }

    /// The language of a page: `?lang=` (or a form's `lang`), then `Accept-Language`, then English.
    var language: PageLanguage {
        PageLanguage.pick(
            query: query.first("lang") ?? form.first("lang"), acceptLanguage: http.header("Accept-Language"))
    }

    /// A cookie's value, by name.
    func cookie(_ name: String) -> String? {
        for field in http.headers where HTTPRequest.equalIgnoringASCIICase(field.name.utf8, "cookie".utf8) {
            for pair in field.value.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                    return String(parts[1]).trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return nil
    }
}
