import VoxPopEngine
import VoxPopHTTP

extension WebApp {
    /// A page: HTML with the headers every page carries. Its Content-Security-Policy lets it run
    /// only the server's own script and style files (`WebAssets`), nothing inline; a results page
    /// runs no script at all and may use only its own one inline style, allowed by the hash of
    /// that exact element (`resultsStyle`, from `PublicationHTML.styleHash(of:)`).
    func html(
        _ status: Int, _ body: String, headers: [(name: String, value: String)] = [], resultsStyle: String? = nil
    ) -> HTTPResponse {
        let policy =
            if let resultsStyle {
                "default-src 'none'; style-src \(resultsStyle); img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
            } else {
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
            }
        return HTTPResponse(
            status: status,
            headers: [
                ("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store"),
                ("Referrer-Policy", "no-referrer"), ("X-Content-Type-Options", "nosniff"),
                ("Content-Security-Policy", policy),
            ] + headers, body: Array(body.utf8))
    }
}
