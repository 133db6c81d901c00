import Foundation
import VoxPopEngine
import VoxPopHTTP

/// An idea forum run from the console: the ideas with their points, pending ones first; a
/// status for each; merges; official replies.
extension WebApp {
    /// `GET /admin/c/:campaign/:ballot/ideas?status=`.
    func ideasPage(_ request: WebRequest, _ session: ConsoleSession) throws -> HTTPResponse {
        let (campaign, ballot) = (request[0], request[1])
        let filter = try request.query.first("status").flatMap { text throws(Problem) -> Idea.Status? in
            guard text != "all", !text.isEmpty else { return nil }
            guard let status = Idea.Status(rawValue: text) else {
                throw Problem(
                    .malformedQuery,
                    "status must be all or one of " + Idea.Status.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return status
        }
        let forum = try ideaForum(campaign, ballot)
        return html(
            200,
            ConsolePage.ideas(
                campaign: campaign, ballot: ballot, forum: forum, filter: filter,
                done: ConsolePage.IdeaDone(request.query), formToken: session.formToken))
    }

    /// `GET /admin/c/:campaign/:ballot/ideas/:idea`: one idea, to merge or answer.
    func ideaPage(_ request: WebRequest, _ session: ConsoleSession) throws -> HTTPResponse {
        let (campaign, ballot, id) = (request[0], request[1], request[2])
        let forum = try ideaForum(campaign, ballot)
        guard let idea = forum.ideas.first(where: { $0.id == id }) else {
            throw Problem(.unknownIdea, "\(campaign)/\(ballot) has no idea \(id)")
        }
        return html(
            200,
            ConsolePage.idea(
                idea, campaign: campaign, ballot: ballot, forum: forum, done: ConsolePage.IdeaDone(request.query),
                formToken: session.formToken))
    }

    /// A forum's ideas, its state, and each idea's points in the count as it stands (when open).
    private func ideaForum(_ campaign: String, _ ballot: String) throws -> ConsolePage.Forum {
        guard let ideas = try engine.ideas(campaign: campaign, ballot: ballot, all: true),
            let state = engine.state(campaign: campaign, ballot: ballot)
        else { throw unknown(campaign, ballot) }
        guard engine.campaign(campaign)?.ballot(ballot)?.takesIdeas == true else {
            throw Problem(.notFound, "\(campaign)/\(ballot) takes no ideas")
        }
        var points: [String: String] = [:]
        if let json = try engine.operatorTally(campaign: campaign, ballot: ballot) {
            let tally = try ConsoleTally(json: json)
            for name in tally.ranking { points[name] = tally.lastVotes(name) }
        }
        return ConsolePage.Forum(ideas: ideas, state: state, points: points)
    }

    /// `POST /admin/c/:campaign/:ballot/ideas`: `id` and `action` (`status` with `status`, the
    /// default; `merge` with `into`; `reply` with `text`, empty removing it). `from=idea` returns
    /// to the idea's page, else to the list (its `filter` kept).
    func consoleChangeIdea(_ request: WebRequest, _ session: ConsoleSession) throws -> HTTPResponse {
        let (campaign, ballot) = (request[0], request[1])
        let form = request.form
        guard let id = form.first("id"), !id.isEmpty else { throw Problem(.malformedBody, "choose an idea") }
        let by = session.operatorName
        let action = form.first("action") ?? "status"
        var done = "done=\(FormData.encode(action))&id=\(FormData.encode(id))"
        switch action {
        case "status":
            guard let status = form.first("status").flatMap(Idea.Status.init(rawValue:)) else {
                throw Problem(.malformedBody, "choose a status")
            }
            _ = try engine.setIdeaStatus(campaign: campaign, ballot: ballot, id: id, status: status, by: by)
            done += "&to=\(status.rawValue)"
        case "merge":
            guard let into = form.first("into"), !into.isEmpty else {
                throw Problem(.malformedBody, "choose the idea to merge into")
            }
            _ = try engine.mergeIdea(campaign: campaign, ballot: ballot, id: id, into: into, by: by)
            done += "&to=\(FormData.encode(into))"
        case "reply":
            let text = form.first("text")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            _ = try engine.replyToIdea(
                campaign: campaign, ballot: ballot, id: id, text: text.isEmpty ? nil : text, by: by)
            if text.isEmpty { done = "done=unreply&id=\(FormData.encode(id))" }
        default:
            throw Problem(.malformedBody, "action must be status, merge or reply")
        }
        let base = ConsolePage.ballotPath(campaign, ballot) + "/ideas"
        if form.first("from") == "idea" { return redirect(base + "/\(FormData.encode(id))?" + done) }
        let filter = form.first("filter").flatMap(Idea.Status.init(rawValue:)).map { "status=\($0.rawValue)&" } ?? ""
        return redirect(base + "?" + filter + done)
    }
}
