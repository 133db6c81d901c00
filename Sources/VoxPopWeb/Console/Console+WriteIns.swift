import Foundation
import VoxPopEngine
import VoxPopHTTP

/// Write-in review from the console: a page of groups by merged total (search, pages), one bulk
/// form over them (merge into a group or option, approve, reject), suggested merges accepted or
/// dismissed, and a group's label set on a small page of its own.
extension WebApp {
    /// What a write-ins page shows: the search, the page and its size (`?q=&page=&per=`).
    struct WriteInsView: Sendable {
        var search: String?
        var page: Int
        var perPage: Int

        init(_ fields: FormData) throws(Problem) {
            search = fields.first("q").flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            page = try WebApp.number(fields.first("page"), "page", in: 1...1_000_000) ?? 1
            perPage = try WebApp.number(fields.first("per"), "per", in: 1...500) ?? 50
        }

        /// The query that shows this view again (after a post).
        var query: String {
            var parts: [String] = []
            if let search { parts.append("q=" + FormData.encode(search)) }
            if page != 1 { parts.append("page=\(page)") }
            if perPage != 50 { parts.append("per=\(perPage)") }
            return parts.joined(separator: "&")
        }
    }

    /// `GET /admin/c/:campaign/:ballot/write-ins`.
    func writeInsPage(_ request: WebRequest, _ session: ConsoleSession) throws -> HTTPResponse {
        if let id = request.query.first("label") { return try writeInLabelPage(request[0], request[1], id, session) }
        let view = try WriteInsView(request.query)
        let done = request.query.first("done").flatMap(ConsolePage.WriteInsDone.init)
        return try writeIns(
            request[0], request[1], view: view, session: session,
            notice: done.map { ($0.text(count: Int(request.query.first("n") ?? "") ?? 1), false) })
    }

    /// The page, with a notice when a post was just made (done, or refused with the reason).
    private func writeIns(
        _ campaign: String, _ ballot: String, view: WriteInsView, session: ConsoleSession,
        notice: (text: String, error: Bool)?, status: Int = 200, checked: Set<String> = [], into: String = ""
    ) throws -> HTTPResponse {
        guard let definition = engine.campaign(campaign)?.ballot(ballot) else { throw unknown(campaign, ballot) }
        // An idea forum's write-ins arrive as ideas, not votes: they have a page of their own.
        guard definition.writeIns != nil, !definition.takesIdeas else {
            throw Problem(
                .notFound,
                "\(campaign)/\(ballot) takes no write-ins"
                    + (definition.takesIdeas ? "; its ideas are on its Ideas page" : ""))
        }
        let review = try engine.writeInReview(
            campaign: campaign, ballot: ballot, search: view.search, page: view.page, perPage: view.perPage)
        // Every group (the 500 most voted), for the merge targets and to name groups by label.
        let all =
            review.matching == review.groups.count && view.search == nil
            ? review.groups : try engine.writeInReview(campaign: campaign, ballot: ballot, perPage: 500).groups
        let page = ConsolePage.WriteInsPage(
            campaign: campaign, ballot: ballot, state: engine.state(campaign: campaign, ballot: ballot) ?? .scheduled,
            review: review, all: all, view: view, formToken: session.formToken, notice: notice, checked: checked,
            into: into)
        return html(status, page.render())
    }

    /// `POST .../write-ins`: `ids` (one per checked group), `action` (the button: merge, approve,
    /// reject), `into` for a merge, and the view to return to. The old single form (`id`) works
    /// too. A refusal (a merge target that is no group or option) shows the page again with the
    /// reason and the boxes still checked; nothing changes.
    func consoleModerate(_ request: WebRequest, _ session: ConsoleSession) throws -> HTTPResponse {
        let (campaign, ballot) = (request[0], request[1])
        let form = request.form
        let view = try WriteInsView(form)
        let ids = form.values("ids") + form.values("id")
        let action = form.first("action") ?? ""
        let into = form.first("into")?.trimmingCharacters(in: .whitespaces) ?? ""
        let refused = { (reason: String) throws -> HTTPResponse in
            try self.writeIns(
                campaign, ballot, view: view, session: session, notice: (reason, true), status: 422,
                checked: Set(ids), into: into)
        }
        guard ["approve", "reject", "merge"].contains(action) else {
            return try refused("Choose Merge, Approve or Reject.")
        }
        guard !ids.isEmpty else { return try refused("Check at least one write-in group first.") }
        guard ids.count <= 10_000, ids.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 400 }) else {
            return try refused("Each write-in group is named by its key, at most 400 bytes, and 10,000 at a time.")
        }
        guard action != "merge" || !into.isEmpty else {
            return try refused("Type the group or option to merge into, then press Merge.")
        }
        do {
            try engine.decideWriteIns(
                campaign: campaign, ballot: ballot, ids: ids, action: action, into: action == "merge" ? into : nil,
                by: session.operatorName)
        } catch let error as EngineError where error.kind != .failed {
            return try refused(error.description)
        }
        return redirect(
            ConsolePage.ballotPath(campaign, ballot) + "/write-ins?"
                + [view.query, "done=\(action)&n=\(ids.count)"]
                .filter { !$0.isEmpty }.joined(separator: "&"))
    }

    /// `POST .../write-ins/suggestions`: `accept=ID` merges the suggestion's groups into its
    /// target; `dismiss=ID` stops suggesting it. A suggestion that changed since the page was
    /// shown (a member merged meanwhile) is not found, and says so.
    func consoleSuggestion(_ request: WebRequest, _ session: ConsoleSession) throws -> HTTPResponse {
        let (campaign, ballot) = (request[0], request[1])
        let form = request.form
        let view = try WriteInsView(form)
        let back = ConsolePage.ballotPath(campaign, ballot) + "/write-ins?"
        if let id = form.first("dismiss") {
            try engine.dismissSuggestion(campaign: campaign, ballot: ballot, id: id, by: session.operatorName)
            return redirect(back + [view.query, "done=dismiss"].filter { !$0.isEmpty }.joined(separator: "&"))
        }
        guard let id = form.first("accept") else { throw Problem(.malformedBody, "Choose Accept or Dismiss.") }
        let suggestions = try engine.writeInReview(campaign: campaign, ballot: ballot, perPage: 1).suggestions
        guard let suggestion = suggestions.first(where: { $0.id == id }), !suggestion.ids.isEmpty else {
            return try writeIns(
                campaign, ballot, view: view, session: session,
                notice: ("That suggestion has changed since the page was shown; here it is as it stands now.", true),
                status: 409)
        }
        do {
            try engine.decideWriteIns(
                campaign: campaign, ballot: ballot, ids: suggestion.ids, action: "merge",
                into: suggestion.into, by: session.operatorName)
        } catch let error as EngineError where error.kind != .failed {
            return try writeIns(campaign, ballot, view: view, session: session, notice: (error.description, true))
        }
        return redirect(
            back
                + [view.query, "done=accept&n=\(suggestion.ids.count)"].filter { !$0.isEmpty }.joined(
                    separator: "&"))
    }

    /// `GET .../write-ins?label=KEY`: a group's label, to set or clear.
    private func writeInLabelPage(_ campaign: String, _ ballot: String, _ id: String, _ session: ConsoleSession)
        throws -> HTTPResponse
    {
        guard !id.isEmpty else { throw Problem(.malformedQuery, "name the write-in group: ?label=KEY") }
        let review = try engine.writeInReview(campaign: campaign, ballot: ballot, search: id, perPage: 500)
        guard let group = review.groups.first(where: { $0.id == id }) else {
            throw Problem(.unknownWriteIn, "\(campaign)/\(ballot) has no write-in group \"\(id)\"")
        }
        return html(
            200,
            ConsolePage.writeInLabel(campaign: campaign, ballot: ballot, group: group, formToken: session.formToken))
    }

    /// `POST .../write-ins/label`: `id`, `label` (`clear` set: back to the most common spelling).
    func consoleLabel(_ request: WebRequest, _ session: ConsoleSession) throws -> HTTPResponse {
        let (campaign, ballot) = (request[0], request[1])
        let form = request.form
        guard let id = form.first("id"), !id.isEmpty else { throw Problem(.malformedBody, "name the write-in group") }
        let label = form.first("clear") == nil ? form.first("label") ?? "" : nil
        try engine.labelWriteIn(campaign: campaign, ballot: ballot, id: id, label: label, by: session.operatorName)
        return redirect(
            ConsolePage.ballotPath(campaign, ballot) + "/write-ins?q=\(FormData.encode(id))&done=label")
    }
}
