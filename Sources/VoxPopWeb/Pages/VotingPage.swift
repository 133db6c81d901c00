import Foundation
import VoxPopCampaigns
import VoxPopEngine

/// `/c/{campaign}`: every ballot of a campaign, with a form for each open one that works as a
/// plain form post and is better with the script (`VotingScript`: ranking by arrows or drag, points left).
struct VotingPage {
    var campaign: Campaign
    var views: [Engine.BallotView]
    var language: PageLanguage
    /// The voter token from the link the marketer's site built (`?t=`), carried in the form body.
    var token: String?

    func render() -> String {
        let lang = language
        var body = languageLinks() + "<h1>\(esc(lang.text(campaign.title)))</h1>"
        if let description = campaign.description { body += "<p>\(esc(lang.text(description)))</p>" }
        if views.isEmpty { body += "<p>\(lang(.noBallots))</p>" }
        for view in views { body += section(view) }
        return PageHTML.document(
            language: lang.rawValue, title: lang.text(campaign.title), body: body, script: true)
    }

    private func languageLinks() -> String {
        let links = PageLanguage.allCases.map { other -> String in
            let name = ["en": "English", "sv": "Svenska", "nb": "Norsk", "da": "Dansk"][other.rawValue]!
            let current = other == language ? " aria-current=\"true\"" : ""
            return "<a href=\"\(esc(link(language: other)))\" lang=\"\(other.rawValue)\"\(current)>\(name)</a>"
        }
        return "<nav aria-label=\"\(language(.language))\">\(links.joined(separator: " "))</nav>"
    }

    private func link(language other: PageLanguage) -> String {
        var query = "?lang=\(other.rawValue)"
        if let token { query += "&t=" + FormData.encode(token) }
        return "/c/\(FormData.encode(campaign.id))\(query)"
    }

    private func section(_ view: Engine.BallotView) -> String {
        let lang = language
        let ballot = view.definition
        let id = "b-\(ballot.id)"
        var html =
            "<section aria-labelledby=\"\(esc(id))\"><h2 id=\"\(esc(id))\">\(esc(lang.text(ballot.question)))</h2>"
        if let description = ballot.description { html += "<p>\(esc(lang.text(description)))</p>" }
        let results = "/c/\(FormData.encode(campaign.id))/\(FormData.encode(ballot.id))/results?lang=\(lang.rawValue)"
        switch view.state {
        case .scheduled:
            let when = view.opens.map { PageHTML.local($0, timeZone: campaign.timeZone) } ?? "…"
            html += "<p class=\"note\">\(lang(.opensLater)) \(esc(when))</p>"
        case .open:
            html += form(view)
            if ballot.takesIdeas, canPost {
                html += suggestionForm(ballot)
            }
            if view.results == ResultsVisibility.live.rawValue {
                html += "<p><a href=\"\(esc(results))\">\(lang(.liveResults))</a></p>"
            }
        case .closed, .tallied:
            html += "<p class=\"note\">\(lang(.closed))</p>"
        case .published:
            html += "<p class=\"note\">\(lang(.closed)). <a href=\"\(esc(results))\">\(lang(.results))</a></p>"
        }
        return html + "</section>"
    }

    private func form(_ view: Engine.BallotView) -> String {
        let lang = language
        let ballot = view.definition
        guard canPost else { return "<p class=\"note\">\(lang(.tokenMissing))</p>" }
        var html =
            "<form method=\"post\" action=\"/c/\(esc(FormData.encode(campaign.id)))/\(esc(FormData.encode(ballot.id)))\">"
            + "<input type=\"hidden\" name=\"lang\" value=\"\(lang.rawValue)\">"
        if let token { html += "<input type=\"hidden\" name=\"t\" value=\"\(esc(token))\">" }
        let statuses = Dictionary(view.ideas.map { ($0.id, $0.status) }, uniquingKeysWith: { first, _ in first })
        let options = view.options.map { frozen in
            (
                id: frozen.id, definition: ballot.options.first { $0.id == frozen.id },
                label: frozen.label, status: statuses[frozen.id]
            )
        }
        let count = options.count
        switch ballot.method.ballotShape {
        case .single, .approval:
            let single = ballot.method.ballotShape == .single
            let hint =
                single
                ? lang(.chooseOne)
                : ballot.maxChoices.map { String(format: lang(.chooseUpTo), $0) } ?? lang(.chooseAny)
            html += "<fieldset><legend>\(esc(hint))</legend>"
            for (index, option) in options.enumerated() {
                html += row(
                    "<input type=\"\(single ? "radio" : "checkbox")\" name=\"choice\" value=\"\(esc(option.id))\" id=\"\(ballot.id)-\(index)\">",
                    id: "\(ballot.id)-\(index)", option.definition, option.label, status: option.status)
            }
            html += "</fieldset>"
        case .ranking:
            let most = min(ballot.maxChoices ?? count, count)
            html += "<fieldset><legend>\(esc(String(format: lang(.rankHint), most)))</legend>"
            html +=
                "<ol class=\"rank\" data-most=\"\(most)\" data-up=\"\(esc(lang(.moveUp)))\" data-down=\"\(esc(lang(.moveDown)))\">"
            for (index, option) in options.enumerated() {
                // A number field, not a select: a select per option of 1...N would grow the page
                // with the square of the options.
                let input =
                    "<input type=\"number\" name=\"rank-\(esc(option.id))\" id=\"\(ballot.id)-\(index)\" min=\"1\" max=\"\(most)\" inputmode=\"numeric\">"
                html +=
                    "<li draggable=\"true\">"
                    + row(input, id: "\(ballot.id)-\(index)", option.definition, option.label, status: option.status)
                    + "</li>"
            }
            html += "</ol></fieldset>"
        case .ratings:
            let top = ballot.maxScore ?? 5
            html += "<fieldset><legend>\(esc(String(format: lang(.scoreHint), top)))</legend>"
            for (index, option) in options.enumerated() {
                let select =
                    "<select name=\"score-\(esc(option.id))\" id=\"\(ballot.id)-\(index)\">"
                    + (0...top).map { "<option>\($0)</option>" }.joined() + "</select>"
                html += row(select, id: "\(ballot.id)-\(index)", option.definition, option.label, status: option.status)
            }
            html += "</fieldset>"
        case .points:
            let budget = ballot.budget ?? 10
            html +=
                "<fieldset data-budget=\"\(budget)\"><legend>\(esc(String(format: lang(.pointsHint), budget)))</legend>"
            for (index, option) in options.enumerated() {
                let input =
                    "<input type=\"number\" name=\"points-\(esc(option.id))\" id=\"\(ballot.id)-\(index)\" min=\"0\" max=\"\(budget)\" value=\"0\" inputmode=\"numeric\">"
                html += row(input, id: "\(ballot.id)-\(index)", option.definition, option.label, status: option.status)
            }
            html += "<p aria-live=\"polite\" class=\"left\"></p></fieldset>"
        }
        if let policy = ballot.writeIns, ballot.method.ballotShape == .single || ballot.method.ballotShape == .approval
        {
            html +=
                "<p><label for=\"\(ballot.id)-write-in\">\(lang(.writeIn))</label><br>"
                + "<input type=\"text\" name=\"writeIn\" id=\"\(ballot.id)-write-in\" maxlength=\"\(policy.maxLength)\" autocomplete=\"off\"></p>"
        }
        if case .invite = campaign.audience {
            html +=
                "<p><label for=\"\(ballot.id)-invite\">\(lang(.inviteCode))</label><br>"
                + "<input type=\"text\" name=\"invite\" id=\"\(ballot.id)-invite\" required autocomplete=\"off\" autocapitalize=\"none\"></p>"
        }
        return html + "<p class=\"actions\"><button type=\"submit\">\(lang(.vote))</button></p></form>"
    }

    /// An idea forum's second form: a new idea, posted to `/c/{campaign}/{ballot}/suggest`.
    private func suggestionForm(_ ballot: Ballot) -> String {
        let lang = language
        let id = "\(ballot.id)-idea"
        var html =
            "<form method=\"post\" action=\"/c/\(esc(FormData.encode(campaign.id)))/\(esc(FormData.encode(ballot.id)))/suggest\">"
            + "<input type=\"hidden\" name=\"lang\" value=\"\(lang.rawValue)\">"
        if let token { html += "<input type=\"hidden\" name=\"t\" value=\"\(esc(token))\">" }
        html +=
            "<p><label for=\"\(esc(id))\">\(lang(.suggestIdea))</label><br>"
            + "<input type=\"text\" name=\"idea\" id=\"\(esc(id))\" maxlength=\"\(ballot.writeIns?.maxLength ?? WriteInPolicy.defaultMaxLength)\" required autocomplete=\"off\"></p>"
        if case .invite = campaign.audience {
            html +=
                "<p><label for=\"\(esc(id))-invite\">\(lang(.inviteCode))</label><br>"
                + "<input type=\"text\" name=\"invite\" id=\"\(esc(id))-invite\" required autocomplete=\"off\" autocapitalize=\"none\"></p>"
        }
        return html + "<p class=\"actions\"><button type=\"submit\">\(lang(.suggest))</button></p></form>"
    }

    /// One option: its input, label, description and a link to its picture or video (a link, not
    /// an embed: media live on other servers, and the page makes no request outside this one).
    private func row(
        _ input: String, id: String, _ option: BallotOption?, _ fallback: String, status: Idea.Status? = nil
    ) -> String {
        let lang = language
        var text = "<label for=\"\(esc(id))\">\(esc(option.map { lang.text($0.label) } ?? fallback))"
        if let word = status.flatMap(Self.statusWord) { text += "<span class=\"tag\">\(lang(word))</span>" }
        if let description = option?.description { text += "<small>\(esc(lang.text(description)))</small>" }
        text += "</label>"
        if let media = option?.media {
            let word = media.kind == .video ? lang(.watch) : lang(.see)
            let alt = media.alt.map { ": " + lang.text($0) } ?? ""
            text += "<a href=\"\(esc(media.url))\" rel=\"noopener noreferrer\">\(word)\(esc(alt))</a>"
        }
        return "<div class=\"option\">\(input)\(text)</div>"
    }

    private func esc(_ text: String) -> String { PageHTML.escape(text) }

    /// A token campaign's forms need the voter's token from the link.
    private var canPost: Bool {
        if case .token = campaign.audience { return token != nil }
        return true
    }

    private static func statusWord(_ status: Idea.Status) -> PageWord? {
        switch status {
        case .underReview: .underReview
        case .planned: .planned
        case .done: .done
        case .declined: .declined
        case .pending, .rejected: nil
        }
    }
}
