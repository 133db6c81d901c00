import Foundation
import VoxPopEngine

extension ConsolePage {
    /// An idea forum's ideas for operators: pending ones to make public or reject, public ones to
    /// move between under-review, planned and done.
    static func ideas(campaign: String, ballot: String, ideas: [Idea], formToken: String) -> String {
        var body = "<p><a href=\"/admin/\">Console</a></p><h1>Ideas: \(esc(campaign))/\(esc(ballot))</h1>"
        if ideas.isEmpty { body += "<p>No ideas suggested yet.</p>" }
        let action = "/admin/c/\(esc(FormData.encode(campaign)))/\(esc(FormData.encode(ballot)))/ideas"
        body +=
            "<table><tr><th scope=\"col\">Idea</th><th scope=\"col\">Suggested</th><th scope=\"col\">Status</th></tr>"
        for (index, idea) in ideas.enumerated() {
            // A public idea may only move between public statuses: votes may name it.
            let choices = Idea.Status.allCases.filter { !idea.status.isPublic || $0.isPublic }
            let options = choices.map { status in
                "<option\(status == idea.status ? " selected" : "")>\(status.rawValue)</option>"
            }.joined()
            let suggested: String =
                idea.suggestedAt.map { PageHTML.local($0, timeZone: "UTC") + " UTC" } ?? "campaign file"
            body += "<tr><th scope=\"row\">\(esc(idea.text)) <small>(\(idea.id))</small></th>"
            body += "<td>\(suggested)</td><td>"
            body +=
                "<form method=\"post\" action=\"\(action)\"><input type=\"hidden\" name=\"csrf\" value=\"\(formToken)\">"
                + "<input type=\"hidden\" name=\"id\" value=\"\(esc(idea.id))\">"
                + "<label for=\"status-\(index)\">Status of \(esc(idea.id))</label> "
                + "<select id=\"status-\(index)\" name=\"status\">\(options)</select> "
                + "<button type=\"submit\" class=\"small\">Save</button></form></td></tr>"
        }
        return PageHTML.document(language: "en", title: "Ideas: \(ballot)", body: body + "</table>")
    }
}
