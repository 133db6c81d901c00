import VoxPopHTTP

/// Whether a voting page's form post came from a page of this site. Another site could post
/// the form in a visitor's browser: on an open campaign, whose voter cookie is `SameSite=Lax`
/// and so not sent, that cast a vote as a new voter from the visitor's address each time.
///
/// `Sec-Fetch-Site: cross-site` is refused (same-site stays allowed: a brand's page on a sibling
/// host may post to its own VoxPop). A browser that does not send that header is judged by
/// `Origin`: refused when it names another host, or is `null` (what a page with no-referrer or a
/// sandboxed frame sends; VoxPop's own pages, `Referrer-Policy: same-origin`, send their origin).
/// No header at all (curl, very old browsers) is allowed, and the voter's credentials decide.
enum SameSiteForm {
    static func allows(_ request: HTTPRequest) -> Bool {
        if let site = request.header("Sec-Fetch-Site") {
            return !HTTPRequest.equalIgnoringASCIICase(site.utf8, "cross-site".utf8)
        }
        guard let origin = request.header("Origin") else { return true }
        guard let host = request.header("Host") else { return false }
        let authority = origin.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first
        return authority.map { HTTPRequest.equalIgnoringASCIICase($0.utf8, host.utf8) } ?? false
    }
}
