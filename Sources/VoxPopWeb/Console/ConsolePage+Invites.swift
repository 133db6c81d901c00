import Foundation
import VoxPopEngine

extension ConsolePage {
    /// The invites page: counts, the mint form (two buttons: show on a page, or download CSV)
    /// and the revoke form.
    static func invites(
        campaign: String, title: String, counts: (total: Int, used: Int, revoked: Int), formToken: String
    ) -> String {
        let base = campaignPath(campaign)
        var body = crumbs([])
        body += "<h1>Invites: \(esc(title))</h1><p class=\"muted\"><code>\(esc(campaign))</code></p>"
        body += countsList(counts)
        body += "<h2>Mint codes</h2>"
        body +=
            "<p>Each code is a voter's one vote: 26 letters and digits, read aloud or retyped in any case. Its personal link fills it in: <code>/c/\(esc(campaign))?invite=CODE</code>.</p>"
        // A batch id of its own: posting this form again (a reload) shows the same codes.
        body +=
            "<form method=\"post\" action=\"\(esc(base))/invites\">\(token(formToken))"
            + "<input type=\"hidden\" name=\"batch\" value=\"\(WebApp.newVoterID())\"><div class=\"row\">"
        body += "<div class=\"field\"><label for=\"count\">How many codes (1 to 10,000)</label>"
        body +=
            "<input type=\"number\" id=\"count\" name=\"count\" min=\"1\" max=\"10000\" value=\"100\" required inputmode=\"numeric\"></div>"
        body += "<button type=\"submit\" name=\"as\" value=\"page\">Mint and show</button>"
        body += "<button type=\"submit\" name=\"as\" value=\"csv\" class=\"secondary\">Mint and download CSV</button>"
        body += "</div></form>"
        body +=
            "<p class=\"note warn\">Codes are shown once, right after minting: VoxPop keeps only a hash of each. For more than a few hundred, download the CSV.</p>"
        body += revokeForm(campaign, formToken: formToken)
        return document(title: "Invites: \(campaign)", body: body, formToken: formToken)
    }

    private static func countsList(_ counts: (total: Int, used: Int, revoked: Int)) -> String {
        let unused = max(0, counts.total - counts.used - counts.revoked)
        return "<dl class=\"facts\"><dt>Codes</dt><dd>\(counts.total)</dd><dt>Voted</dt><dd>\(counts.used)</dd>"
            + "<dt>Revoked</dt><dd>\(counts.revoked)</dd><dt>Not yet used</dt><dd>\(unused)</dd></dl>"
    }

    private static func revokeForm(_ campaign: String, formToken: String) -> String {
        var form = "<h2>Revoke codes</h2>"
        form +=
            "<p>A revoked code can no longer vote. A code that has voted already keeps its vote and is not revoked.</p>"
        form += "<form method=\"post\" action=\"\(esc(campaignPath(campaign)))/invites/revoke\">\(token(formToken))"
        form += "<div class=\"field\"><label for=\"codes\">Codes to revoke, one a line</label>"
        form += "<textarea id=\"codes\" name=\"codes\" rows=\"5\" required spellcheck=\"false\"></textarea></div>"
        form += "<div class=\"actions\"><button type=\"submit\" class=\"danger\">Revoke</button></div></form>"
        return form
    }

    /// The codes just minted, with their links: shown this once.
    static func minted(campaign: String, codes: [(code: String, link: String)], formToken: String) -> String {
        let base = campaignPath(campaign)
        var body = crumbs([(base + "/invites", "Invites")])
        body += "<h1>\(plural(codes.count, "new code")) for \(esc(campaign))</h1>"
        body +=
            "<p class=\"note warn\" role=\"alert\"><strong>Copy them now: they are not shown again.</strong> VoxPop keeps only a hash of each code.</p>"
        body += "<ol class=\"codes\">"
        for (code, link) in codes {
            body += "<li><code>\(esc(code))</code><br><a href=\"\(esc(link))\">\(esc(link))</a></li>"
        }
        body +=
            "</ol><div class=\"actions\"><a class=\"button secondary\" href=\"\(esc(base))/invites\">Back to invites</a></div>"
        return document(title: "New codes: \(campaign)", body: body, formToken: formToken)
    }

    /// What became of each code asked to be revoked.
    static func revoked(
        campaign: String, outcomes: [(code: String, outcome: Engine.Revocation)],
        counts: (total: Int, used: Int, revoked: Int), formToken: String
    ) -> String {
        let base = campaignPath(campaign)
        var body = crumbs([(base + "/invites", "Invites")])
        let done = outcomes.filter { $0.outcome == .revoked }.count
        body += "<h1>Revoked \(done) of \(plural(outcomes.count, "code"))</h1>"
        body += "<div class=\"scroll\" role=\"region\" aria-labelledby=\"outcomes\" tabindex=\"0\">"
        body += "<table><caption id=\"outcomes\">What became of each code</caption>"
        body += "<thead><tr><th scope=\"col\">Code</th><th scope=\"col\">Outcome</th></tr></thead><tbody>"
        for (code, outcome) in outcomes {
            let text =
                switch outcome {
                case .revoked: "revoked: it can no longer vote"
                case .used: "had voted: its vote stands, not revoked"
                case .unknown: "unknown: not one of this campaign's codes"
                }
            body += "<tr><th scope=\"row\"><code>\(esc(code))</code></th><td>\(text)</td></tr>"
        }
        body += "</tbody></table></div>" + countsList(counts)
        body +=
            "<div class=\"actions\"><a class=\"button secondary\" href=\"\(esc(base))/invites\">Back to invites</a></div>"
        return document(title: "Revoked: \(campaign)", body: body, formToken: formToken)
    }
}
