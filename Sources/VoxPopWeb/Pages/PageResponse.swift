import VoxPopCampaigns
import VoxPopEngine
import VoxPopHTTP

extension WebApp {
    /// A page: HTML with the headers every page carries. Its Content-Security-Policy lets it run
    /// only the server's own script and style files (`WebAssets`), nothing inline; a results page
    /// runs no script at all and may use only its own one inline style, allowed by the hash of
    /// that exact element (`resultsStyle`, from `PublicationHTML.styleHash(of:)`).
    ///
    /// A campaign's page may also show pictures and videos from the origins the campaign lists
    /// (`mediaOrigins`), and its embed page (`embed: true`) may be framed by its `embedOrigins`;
    /// no other page may be framed at all.
    func html(
        _ status: Int, _ body: String, headers: [(name: String, value: String)] = [], resultsStyle: String? = nil,
        campaign: Campaign? = nil, embed: Bool = false
    ) -> HTTPResponse {
        let policy =
            if let resultsStyle {
                "default-src 'none'; style-src \(resultsStyle); img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
            } else {
                Self.pagePolicy(campaign: campaign, embed: embed)
            }
        return HTTPResponse(
            status: status,
            headers: [
                ("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store"),
                // same-origin, not no-referrer: the page's own form posts then carry a real
                // Origin (no-referrer made it `null`, which another site can send too), and a
                // link to another site still gets no Referer, so no token leaks.
                ("Referrer-Policy", "same-origin"), ("X-Content-Type-Options", "nosniff"),
                ("Content-Security-Policy", policy),
            ] + headers, body: Array(body.utf8))
    }

    static func pagePolicy(campaign: Campaign?, embed: Bool) -> String {
        // The origins were checked when the file was read: a scheme and a host, nothing more.
        let media = (campaign?.mediaOrigins ?? []).map { " " + $0 }.joined()
        let framers = embed ? (campaign?.embedOrigins ?? []).joined(separator: " ") : ""
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:\(media); "
            + "media-src 'self'\(media); form-action 'self'; base-uri 'none'; "
            + "frame-ancestors \(framers.isEmpty ? "'none'" : framers)"
    }
}
