import Foundation
import VoxPopEngine

extension ConsolePage {
    /// What a post on the write-ins page did, said after its redirect (`?done=merge&n=3`).
    enum WriteInsDone: String {
        case merge, approve, reject, accept, dismiss, label

        func text(count: Int) -> String {
            let groups = count == 1 ? "1 group" : "\(count) groups"
            return switch self {
            case .merge: "Merged \(groups). The totals below include it."
            case .approve: "Approved \(groups)."
            case .reject: "Rejected \(groups): their votes no longer count."
            case .accept: "Suggestion accepted: merged \(groups)."
            case .dismiss: "Suggestion dismissed; it is not suggested again."
            case .label: "Label saved."
            }
        }
    }

    /// The write-in review page: suggested merges at the top, then the groups by merged total in
    /// ONE bulk form (a check box each), so 400 groups on a page stay well under 100 KB.
    struct WriteInsPage {
        var campaign: String
        var ballot: String
        var state: BallotState
        var review: Engine.WriteInReview
        /// Every group (up to 500), to name merge targets by label and offer them in the datalist.
        var all: [Engine.WriteInGroup]
        var view: WebApp.WriteInsView
        var formToken: String
        var notice: (text: String, error: Bool)?
        var checked: Set<String>
        var into: String

        static let suggestionsShown = 20

        func render() -> String {
            let base = ballotPath(campaign, ballot)
            let open = state < .published
            var body = crumbs([(base + "/review", ballotName(ballot))])
            body += "<h1>Write-ins: \(esc(ballotTitle(campaign, ballot)))</h1>"
            if let notice { body += ConsolePage.notice(notice.text, error: notice.error) }
            if !open {
                body += "<p class=\"note\">Published: its count is final, so nothing here can change now.</p>"
            }
            body +=
                "<p class=\"muted\">Spellings that differ only in case and accents form one group. A group's total is its own votes and those merged into it: the figure that counts.</p>"
            body += search(base)
            // A search is for the groups it finds: they come first, the suggestions after them.
            let suggested = open && !review.suggestions.isEmpty ? suggestions(base) : ""
            body += view.search == nil ? suggested + groups(base, open: open) : groups(base, open: open) + suggested
            return document(title: "Write-ins: \(ballotName(ballot))", body: body, formToken: formToken)
        }

        /// The fields that bring a post back to this view.
        private var viewFields: String {
            var fields = ""
            if let search = view.search { fields += "<input type=\"hidden\" name=\"q\" value=\"\(esc(search))\">" }
            if view.page != 1 { fields += "<input type=\"hidden\" name=\"page\" value=\"\(view.page)\">" }
            if view.perPage != 50 { fields += "<input type=\"hidden\" name=\"per\" value=\"\(view.perPage)\">" }
            return fields
        }

        private func search(_ base: String) -> String {
            var form =
                "<form method=\"get\" action=\"\(esc(base))/write-ins\" role=\"search\"><div class=\"row\">"
                + "<div class=\"field\"><label for=\"q\">Search spellings and labels</label>"
                + "<input type=\"search\" id=\"q\" name=\"q\" value=\"\(esc(view.search ?? ""))\"></div>"
                + "<div class=\"field short\"><label for=\"per\">Groups a page</label><select id=\"per\" name=\"per\">"
            for size in [50, 100, 200, 400] {
                form += "<option\(size == view.perPage ? " selected" : "")>\(size)</option>"
            }
            form += "</select></div><button type=\"submit\">Search</button>"
            if view.search != nil {
                form += "<a class=\"button secondary\" href=\"\(esc(base))/write-ins\">Show all</a>"
            }
            return form + "</div></form>"
        }

        /// A group's label by its key (merge targets name keys), else the text itself.
        private func label(_ key: String) -> String {
            all.first { $0.id == key }?.label ?? review.groups.first { $0.id == key }?.label ?? key
        }

        private func suggestions(_ base: String) -> String {
            var html =
                "<section class=\"narrow\" aria-labelledby=\"suggested\"><h2 id=\"suggested\">Suggested merges</h2>"
            html +=
                "<p class=\"muted\">Groups that probably name the same place: spelt alike beyond case and accents, a letter or two apart, or named by the campaign's aliases.</p>"
            html +=
                "<form method=\"post\" action=\"\(esc(base))/write-ins/suggestions\">\(token(formToken))\(viewFields)"
            html += "<ul class=\"list\">"
            for (index, suggestion) in review.suggestions.prefix(Self.suggestionsShown).enumerated() {
                let members = suggestion.ids.map { "<b>\(esc(label($0)))</b>" }
                html +=
                    "<li class=\"row\"><p id=\"s\(index)\">Merge \(members.count > 1 ? members.dropLast().joined(separator: ", ") + " and " + members.last! : members.first ?? "") into <b>\(esc(label(suggestion.into)))</b></p>"
                html += "<div class=\"actions\">"
                html +=
                    "<button type=\"submit\" name=\"accept\" value=\"\(esc(suggestion.id))\" aria-describedby=\"s\(index)\">Accept</button>"
                html +=
                    "<button type=\"submit\" name=\"dismiss\" value=\"\(esc(suggestion.id))\" class=\"secondary\" aria-describedby=\"s\(index)\">Dismiss</button>"
                html += "</div></li>"
            }
            html += "</ul></form>"
            if review.suggestions.count > Self.suggestionsShown {
                html +=
                    "<p class=\"muted\">\(review.suggestions.count - Self.suggestionsShown) more after these are dealt with.</p>"
            }
            return html + "</section>"
        }

        /// Rows on a page from which the bulk bar stays in view at the bottom.
        static let stickyBarFrom = 8

        private func groups(_ base: String, open: Bool) -> String {
            let first = (review.page - 1) * view.perPage
            var html =
                "<section class=\"narrow\" aria-labelledby=\"groups\"><h2 id=\"groups\">Groups, most votes first</h2>"
            guard !review.groups.isEmpty else {
                return html
                    + "<p>\(view.search == nil ? "No write-ins yet." : "No group matches that search.")</p></section>"
            }
            html +=
                "<p>\(review.matching) group\(review.matching == 1 ? "" : "s")\(view.search == nil ? "" : " match"); \(first + 1)–\(first + review.groups.count) shown, page \(review.page) of \(review.pages).</p>"
            if open {
                html += "<form method=\"post\" action=\"\(esc(base))/write-ins\">\(token(formToken))\(viewFields)"
            }
            // The boxes share one name, so they are one group to assistive technology.
            if open { html += "<fieldset><legend>Groups on this page</legend>" }
            html += "<ol class=\"list\">"
            for (index, group) in review.groups.enumerated() {
                html += row(group, index: index, open: open)
            }
            html += "</ol>"
            if open { html += "</fieldset>" }
            if open {
                html += "<datalist id=\"targets\">"
                var seen = Set<String>()
                for label in review.options.map(\.label) + all.map(\.label) where seen.insert(label).inserted {
                    html += "<option value=\"\(esc(label))\">"
                }
                html  // Kept in view at the bottom only over a list long enough to scroll past; over a
                // few rows (a search) it would sit on them.
                +=
                    "</datalist><fieldset class=\"bulk\(review.groups.count > Self.stickyBarFrom ? " sticky" : "")\"><legend>With the checked groups</legend><div class=\"row\">"
                html +=
                    "<div class=\"field\"><label for=\"into\">Merge into (a group or option)</label>"
                    + "<input type=\"text\" id=\"into\" name=\"into\" list=\"targets\" autocomplete=\"off\" value=\"\(esc(into))\"></div>"
                html += "<button type=\"submit\" name=\"action\" value=\"merge\">Merge</button>"
                html += "<button type=\"submit\" name=\"action\" value=\"approve\" class=\"secondary\">Approve</button>"
                html += "<button type=\"submit\" name=\"action\" value=\"reject\" class=\"danger\">Reject</button>"
                html += "</div></fieldset></form>"
            }
            return html + pages(base) + "</section>"
        }

        /// One group: its box and label, its total, and what is known of it. Kept short: a page
        /// may hold 400 of them.
        private func row(_ group: Engine.WriteInGroup, index: Int, open: Bool) -> String {
            // Unquoted attributes where the value is ours, the box inside its label: bytes count
            // here, 400 times over.
            var html = "<li><div class=pick>"
            if open {
                html +=
                    "<label><input type=checkbox name=ids value=\"\(esc(group.id))\"\(checked.contains(group.id) ? " checked" : "")> \(esc(group.label))</label>"
            } else {
                html += "<span>\(esc(group.label))</span>"
            }
            // A rejected group counts nothing, but its own votes are what the operator judged.
            let rejected = group.decision?.action == "reject"
            let votes = rejected ? group.count : group.total
            html += "<b>\(votes) vote\(votes == 1 ? "" : "s")</b>"
            // The label editor: this same page with `?label=`, so the link is short and relative.
            if open { html += "<a href=\"?label=\(esc(FormData.encode(group.id)))\">Label</a>" }
            html += "</div>"
            var facts: [String] = []
            if group.spellings.count > 1 || group.spellings.first?.text != group.label {
                facts.append(group.spellings.map { "\(esc($0.text)) \($0.count)" }.joined(separator: ", "))
            }
            if group.total > group.count, group.mergedInto == nil, !rejected {
                facts.append("own \(group.count), merged in \(group.total - group.count)")
            }
            if let into = group.mergedInto {
                let how = group.decision == nil && group.alias != nil ? " (the campaign's alias)" : ""
                facts.append("<span class=\"tag\">\(group.count) merged into \(esc(label(into)))\(how)</span>")
            } else if let decision = group.decision {
                facts.append(
                    decision.action == "reject"
                        ? "<span class=\"tag bad\">rejected</span>"
                        : "<span class=\"tag\">\(esc(decision.action))d</span>")
            }
            if group.labelledByOperator { facts.append("label set by an operator") }
            if !facts.isEmpty { html += "<p class=meta>" + facts.joined(separator: " · ") + "</p>" }
            return html + "</li>"
        }

        private func pages(_ base: String) -> String {
            guard review.pages > 1 else { return "" }
            func link(_ page: Int) -> String {
                var view = self.view
                view.page = page
                let query = view.query
                return "\(esc(base))/write-ins" + (query.isEmpty ? "" : "?" + esc(query))
            }
            var html = "<nav class=\"pages\" aria-label=\"Pages\">"
            if review.page > 1 { html += "<a href=\"\(link(review.page - 1))\" rel=\"prev\">Previous page</a>" }
            html += "<span>Page \(review.page) of \(review.pages)</span>"
            if review.page < review.pages {
                html += "<a href=\"\(link(review.page + 1))\" rel=\"next\">Next page</a>"
            }
            return html + "</nav>"
        }
    }

    /// The label editor of one group: what the public sees for it instead of its most common
    /// spelling ("Madrid" for "madrid").
    static func writeInLabel(campaign: String, ballot: String, group: Engine.WriteInGroup, formToken: String) -> String
    {
        let base = ballotPath(campaign, ballot)
        var body = crumbs([(base + "/review", ballotName(ballot)), (base + "/write-ins", "Write-ins")])
        body += "<h1>Label of “\(esc(group.label))”</h1>"
        body +=
            "<p>Spellings: \(group.spellings.map { "\(esc($0.text)) (\($0.count))" }.joined(separator: ", ")). \(group.labelledByOperator ? "An operator set this label." : "Shown now as its most common spelling.")</p>"
        body += "<form method=\"post\" action=\"\(esc(base))/write-ins/label\">\(token(formToken))"
        body += "<input type=\"hidden\" name=\"id\" value=\"\(esc(group.id))\">"
        body += "<div class=\"field\"><label for=\"label\">Label the public sees</label>"
        body +=
            "<input type=\"text\" id=\"label\" name=\"label\" maxlength=\"200\" required value=\"\(esc(group.label))\"></div>"
        body += "<div class=\"actions\"><button type=\"submit\">Save label</button>"
        if group.labelledByOperator {
            body +=
                "<button type=\"submit\" name=\"clear\" value=\"1\" class=\"secondary\" formnovalidate>Use the most common spelling</button>"
        }
        body += "<a class=\"button secondary\" href=\"\(esc(base))/write-ins\">Cancel</a></div></form>"
        return document(title: "Label: \(group.label)", body: body, formToken: formToken)
    }
}
