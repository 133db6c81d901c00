import Foundation
import VoxPopEngine
import VoxPopHTTP

extension WebApp {
    /// `GET /admin/log?before=SEQ&campaign=&ballot=`: the operator log, newest first, 50 a page.
    func logPage(_ request: WebRequest, _ session: ConsoleSession) throws -> HTTPResponse {
        let query = request.query
        let before = try query.first("before").map { text throws(Problem) -> Int64 in
            guard text.utf8.count <= 18, let seq = Int64(text), seq > 0 else {
                throw Problem(.malformedQuery, "before must be the number an \"Older\" link carries")
            }
            return seq
        }
        let campaign = query.first("campaign").flatMap { $0.isEmpty ? nil : $0 }
        let ballot = campaign == nil ? nil : query.first("ballot").flatMap { $0.isEmpty ? nil : $0 }
        let perPage = 50
        // One more than a page: whether an older page exists.
        let entries = try engine.operatorLog(before: before, limit: perPage + 1, campaign: campaign, ballot: ballot)
        return html(
            200,
            ConsolePage.log(
                Array(entries.prefix(perPage)), older: entries.count > perPage ? entries[perPage - 1].seq : nil,
                campaign: campaign, ballot: ballot, campaigns: engine.campaignIDs, first: before == nil,
                formToken: session.formToken))
    }
}

extension ConsolePage {
    /// Every operator action and scheduler step, newest first: when (UTC), who, what, on which
    /// ballot, and the detail. A list, not a table, so it reflows on a phone.
    static func log(
        _ entries: [OperatorLogEntry], older: Int64?, campaign: String?, ballot: String?, campaigns: [String],
        first: Bool, formToken: String
    ) -> String {
        var body = crumbs([])
        let scope = campaign.map { " of " + ($0 + (ballot.map { "/" + $0 } ?? "")) } ?? ""
        body += "<h1>Log\(esc(scope))</h1>"
        body +=
            "<p class=\"muted\">Every operator action and scheduler step, newest first. Times are UTC.</p>"
        body += "<form method=\"get\" action=\"/admin/log\"><div class=\"row\"><div class=\"field\">"
        body += "<label for=\"campaign\">Campaign</label><select id=\"campaign\" name=\"campaign\">"
        body += "<option value=\"\">All campaigns</option>"
        for id in campaigns {
            body += "<option\(id == campaign ? " selected" : "")>\(esc(id))</option>"
        }
        body += "</select></div><div class=\"field\"><label for=\"ballot\">Ballot (optional)</label>"
        body += "<input type=\"text\" id=\"ballot\" name=\"ballot\" value=\"\(esc(ballot ?? ""))\"></div>"
        body += "<button type=\"submit\">Show</button></div></form>"
        if entries.isEmpty {
            body += "<p>\(first ? "Nothing on record yet." : "No older entries.")</p>"
        } else {
            body += "<ol class=\"list log\">"
            for entry in entries {
                let target = [entry.campaign, entry.ballot].compactMap { $0 }.joined(separator: "/")
                body += "<li><p><span class=\"when\">\(utc(entry.at))</span> · <strong>\(esc(entry.actor))</strong> "
                body += "<span class=\"tag\">\(esc(entry.action))</span>"
                if !target.isEmpty { body += " <code>\(esc(target))</code>" }
                body += "</p><p>\(esc(entry.detail))</p></li>"
            }
            body += "</ol>"
        }
        var filter = ""
        if let campaign { filter += "&amp;campaign=\(esc(FormData.encode(campaign)))" }
        if let ballot { filter += "&amp;ballot=\(esc(FormData.encode(ballot)))" }
        body += "<nav class=\"pages\" aria-label=\"Pages\">"
        if !first { body += "<a href=\"/admin/log\(filter.isEmpty ? "" : "?" + filter.dropFirst(5))\">Newest</a>" }
        if let older { body += "<a href=\"/admin/log?before=\(older)\(filter)\" rel=\"next\">Older</a>" }
        body += "</nav>"
        return document(title: "Log", body: body, formToken: formToken)
    }
}
