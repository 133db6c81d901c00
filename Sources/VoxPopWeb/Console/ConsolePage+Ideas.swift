import Foundation
import VoxPopEngine

extension ConsolePage {
    /// A forum as the console shows it: every idea (pending and rejected ones too), the ballot's
    /// state, and points by idea text from the count as it stands.
    struct Forum {
        var ideas: [Idea]
        var state: BallotState
        var points: [String: String]

        func points(of idea: Idea) -> String? { points[idea.text] }

        /// The statuses an operator may move an idea to: a public idea stays public (votes may
        /// name it), and once the ballot is closed nothing new becomes public.
        func choices(for idea: Idea) -> [Idea.Status] {
            Idea.Status.allCases.filter { status in
                if idea.status.isPublic { return status.isPublic }
                return state < .closed || !status.isPublic || status == idea.status
            }
        }

        /// The ideas another may be merged into: public, taking points, not itself.
        func targets(for idea: Idea) -> [Idea] { ideas.filter { $0.isOpen && $0.id != idea.id } }
    }

    /// What a post on the ideas pages did, from its redirect (`?done=status&id=idea-3&to=planned`).
    struct IdeaDone {
        var text: String
        var id: String

        init?(_ query: FormData) {
            guard let done = query.first("done"), let id = query.first("id") else { return nil }
            self.id = id
            let to = query.first("to") ?? ""
            switch done {
            case "status": text = "Saved: \(id) is now \(to)."
            case "merge": text = "Merged \(id) into \(to): its points count there."
            case "reply": text = "Reply to \(id) posted."
            case "unreply": text = "Reply to \(id) removed."
            default: return nil
            }
        }
    }

    /// The ideas page: pending first (the moderation queue), then the rest in the forum's order;
    /// a filter by status; on each idea its points, a status menu, and a link to merge or reply.
    static func ideas(
        campaign: String, ballot: String, forum: Forum, filter: Idea.Status?, done: IdeaDone?, formToken: String
    ) -> String {
        let base = ballotPath(campaign, ballot)
        var body = crumbs([(base + "/review", ballotName(ballot))])
        body += "<h1>Ideas: \(esc(ballotTitle(campaign, ballot)))</h1>"
        if let done { body += notice(done.text) }
        body += "<nav class=\"pages\" aria-label=\"Filter by status\">"
        body += filterLink(base, nil, "All", forum.ideas.count, current: filter)
        for status in Idea.Status.allCases {
            let count = forum.ideas.filter { $0.status == status }.count
            body += filterLink(base, status, status.rawValue, count, current: filter)
        }
        body += "</nav>"
        let shown = forum.ideas.filter { filter == nil || $0.status == filter }
        // Pending first (the queue); the idea just saved, if any, above them with its notice, so
        // the operator sees what the save did.
        let saved = shown.first { $0.id == done?.id }
        let rest = shown.filter { $0.id != saved?.id }
        let ordered =
            (saved.map { [$0] } ?? []) + rest.filter { $0.status == .pending } + rest.filter { $0.status != .pending }
        guard !ordered.isEmpty else {
            body += "<p>\(filter == nil ? "No ideas yet." : "No idea has that status.")</p>"
            return document(title: "Ideas: \(ballotName(ballot))", body: body, formToken: formToken)
        }
        if forum.points.isEmpty { body += "<p class=\"muted\">Points show once the ballot is open.</p>" }
        body += "<ul class=\"cards\">"
        for (index, idea) in ordered.enumerated() {
            body += "<li class=\"card\"><h2>\(esc(idea.text))</h2>"
            body += facts(idea, forum: forum)
            body += "<form method=\"post\" action=\"\(esc(base))/ideas\">\(token(formToken))"
            body += "<input type=\"hidden\" name=\"id\" value=\"\(esc(idea.id))\">"
            if let filter { body += "<input type=\"hidden\" name=\"filter\" value=\"\(filter.rawValue)\">" }
            body += "<div class=\"row\"><label for=\"status-\(index)\">Status</label>"
            body += statusMenu(idea, forum: forum, id: "status-\(index)")
            body += "<button type=\"submit\">Save</button>"
            body +=
                "<a class=\"button secondary\" href=\"\(esc(base))/ideas/\(esc(FormData.encode(idea.id)))\">Merge or reply<span class=\"vh\"> to \(esc(idea.id))</span></a></div></form></li>"
        }
        body += "</ul>"
        return document(title: "Ideas: \(ballotName(ballot))", body: body, formToken: formToken)
    }

    private static func filterLink(
        _ base: String, _ status: Idea.Status?, _ text: String, _ count: Int, current: Idea.Status?
    ) -> String {
        let href = "\(esc(base))/ideas" + (status.map { "?status=\($0.rawValue)" } ?? "")
        let here = status == current ? " aria-current=\"page\"" : ""
        return "<a href=\"\(href)\"\(here)>\(esc(text)) (\(count))</a>"
    }

    /// An idea's id, when it came, its points, status, merge and reply.
    private static func facts(_ idea: Idea, forum: Forum) -> String {
        var facts: [String] = ["<code>\(esc(idea.id))</code>"]
        facts.append(idea.suggestedAt.map { "suggested \(utc($0))" } ?? "from the campaign file")
        if let points = forum.points(of: idea) { facts.append("<strong>\(esc(points)) points</strong>") }
        let tag = idea.status == .rejected || idea.status == .declined ? "tag bad" : "tag"
        facts.append("<span class=\"\(tag)\">\(esc(idea.status.rawValue))</span>")
        if let into = idea.mergedInto {
            let target = forum.ideas.first { $0.id == into }?.text ?? into
            facts.append("merged into “\(esc(target))”")
        }
        var html = "<p class=\"muted\">" + facts.joined(separator: " · ") + "</p>"
        if let reply = idea.reply {
            html += "<p><strong>Official reply:</strong> \(esc(reply))</p>"
        }
        return html
    }

    private static func statusMenu(_ idea: Idea, forum: Forum, id: String) -> String {
        let options = forum.choices(for: idea).map { status in
            "<option\(status == idea.status ? " selected" : "")>\(status.rawValue)</option>"
        }.joined()
        return "<select id=\"\(id)\" name=\"status\">\(options)</select>"
    }

    /// One idea: its status, a merge into another open idea, and the official reply.
    static func idea(
        _ idea: Idea, campaign: String, ballot: String, forum: Forum, done: IdeaDone?, formToken: String
    ) -> String {
        let base = ballotPath(campaign, ballot)
        var body = crumbs([(base + "/review", ballotName(ballot)), (base + "/ideas", "Ideas")])
        body += "<h1>\(esc(idea.text))</h1>"
        if let done { body += notice(done.text) }
        body += facts(idea, forum: forum)
        let hidden =
            token(formToken) + "<input type=\"hidden\" name=\"id\" value=\"\(esc(idea.id))\">"
            + "<input type=\"hidden\" name=\"from\" value=\"idea\">"
        body += "<h2>Status</h2><form method=\"post\" action=\"\(esc(base))/ideas\">\(hidden)"
        body += "<div class=\"row\"><label for=\"status-0\">Status</label>"
        body += statusMenu(idea, forum: forum, id: "status-0")
        body += "<button type=\"submit\" class=\"secondary\">Save</button></div></form>"
        if !idea.status.isPublic {
            body += "<p class=\"muted\">Only a public idea can be merged; make it public first.</p>"
        } else if idea.mergedInto == nil, forum.state < .published {
            let targets = forum.targets(for: idea)
            body += "<h2>Merge into another idea</h2>"
            if targets.isEmpty {
                body += "<p>No other idea is open for points.</p>"
            } else {
                body +=
                    "<p>Its points then count for the other idea (each voter's within their budget), it takes no more, and it points there.</p>"
                body += "<form method=\"post\" action=\"\(esc(base))/ideas\">\(hidden)"
                body += "<input type=\"hidden\" name=\"action\" value=\"merge\"><div class=\"field\">"
                body += "<label for=\"into\">Merge into</label><select id=\"into\" name=\"into\" required>"
                body += "<option value=\"\">Choose an idea</option>"
                for target in targets {
                    body += "<option value=\"\(esc(target.id))\">\(esc(target.text)) (\(esc(target.id)))</option>"
                }
                body += "</select></div><div class=\"actions\"><button type=\"submit\">Merge</button></div></form>"
            }
        }
        body += "<h2>Official reply</h2><form method=\"post\" action=\"\(esc(base))/ideas\">\(hidden)"
        body += "<input type=\"hidden\" name=\"action\" value=\"reply\"><div class=\"field\">"
        body += "<label for=\"text\">Reply shown under the idea (empty removes it)</label>"
        body += "<textarea id=\"text\" name=\"text\" maxlength=\"2000\" rows=\"5\">\(esc(idea.reply ?? ""))</textarea>"
        body += "</div><div class=\"actions\"><button type=\"submit\">Save reply</button></div></form>"
        return document(title: "Idea: \(idea.id)", body: body, formToken: formToken)
    }
}
