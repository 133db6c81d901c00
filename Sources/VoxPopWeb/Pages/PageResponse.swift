import VoxPopEngine
import VoxPopHTTP

extension WebApp {
    /// A page: HTML with the headers every page carries. Its Content-Security-Policy lets it run
    /// only the server's own script and style files (`WebAssets`), nothing inline; a results page
    /// (`results: true`) runs no script at all and may use only the published page's own style.
    func html(
        _ status: Int, _ body: String, headers: [(name: String, value: String)] = [], results: Bool = false
    ) -> HTTPResponse {
        let policy =
            results
            ? "default-src 'none'; style-src \(PublicationHTML.styleHash); img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
            : "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
        return HTTPResponse(
            status: status,
            headers: [
                ("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store"),
                ("Referrer-Policy", "no-referrer"), ("X-Content-Type-Options", "nosniff"),
                ("Content-Security-Policy", policy),
            ] + headers, body: Array(body.utf8))
    }
}
