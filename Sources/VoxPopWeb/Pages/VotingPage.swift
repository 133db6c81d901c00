import Foundation
import VoxPopCampaigns
import VoxPopEngine

/// `/c/{campaign}` (and its compact `/c/{campaign}/embed`): every ballot of a campaign, with a
/// form for each open one that works as a plain form post and is better with the script
/// (`VotingScript`: ranking by controls, points left, pictures larger).
///
/// Options come in the visitor's own order (`orders`), a returning voter's current vote is
/// filled in (`current`), an idea forum lists its ideas to anyone, and the campaign's brand
/// (accent, logo, hero) frames it all.
struct VotingPage {
    var campaign: Campaign
    var views: [Engine.BallotView]
    var language: PageLanguage
    /// The voter token from the link the marketer's site built (`?t=`), carried in the form body.
    var token: String?
    /// An invite campaign's code from a personal link (`?invite=`), filled into the code fields.
    var invite: String?
    var media: MediaMarkup
    /// Each ballot's option ids in the order this visitor sees them (absent: the given order).
    var orders: [String: [String]] = [:]
    /// The visitor's vote that counts now, per ballot (a `replace` ballot and a known voter).
    var current: [String: Vote] = [:]
    /// Ballots of one vote each (`revote: once`) this voter has voted on: the page says so
    /// instead of a form that could only be refused.
    var voted: Set<String> = []
    /// An idea forum's points so far, per ballot and option id (live results only).
    var points: [String: [String: Int]] = [:]
    /// How an idea forum's ideas are sorted.
    var sort: IdeaSort = .points
    /// The compact page for a frame on the campaign's site: no hero, no logo.
    var embed = false
    /// The rest of the head: link preview tags.
    var head = ""
    /// A voter link that is no longer (or never was) valid: said at once, not after the voter
    /// has filled the form in.
    var linkInvalid = false

    /// A refused post shown again: the ballot it was for, whether it was the idea form, what
    /// was sent (filled back in, so 20 typed ranks are not lost) and why it was refused.
    struct Refill {
        var ballot: String
        var suggestion = false
        var form: FormData
        var message: String
    }
    var refill: Refill?

    enum IdeaSort: String { case points, new }

    func render() -> String {
        let lang = language
        var body = embed ? "" : header()
        body += "<h1>\(esc(lang.text(campaign.title)))</h1>"
        if let description = campaign.description { body += "<p class=\"lead\">\(esc(lang.text(description)))</p>" }
        if linkInvalid { body += "<p class=\"note error\" role=\"alert\">\(esc(lang(.linkInvalid)))</p>" }
        // A post from a link that names no voter: the link is the one thing to say.
        if let refill, !linkInvalid { body += "<p class=\"note error\" role=\"alert\">\(esc(refill.message))</p>" }
        if views.isEmpty { body += "<p>\(esc(lang(.noBallots)))</p>" }
        for view in views { body += section(view) }
        let receipts = "/c/\(FormData.encode(campaign.id))/receipt?lang=\(lang.rawValue)"
        body += "<footer><a href=\"\(esc(receipts))\">\(esc(lang(.checkReceipt)))</a></footer>"
        var head = self.head
        if let theme = campaign.theme?.accent.flatMap(ThemeStylesheet.init(accent:)) {
            head += "<link rel=\"stylesheet\" href=\"\(theme.path)\">"
        }
        return PageHTML.document(
            language: lang.rawValue, title: lang.text(campaign.title), body: body, script: true, head: head)
    }

    /// The brand's logo and the language links, then the hero picture.
    private func header() -> String {
        var html = "<header class=\"top\">"
        if let logo = campaign.theme?.logo {
            let size = media.size(logo, fallback: .init(width: 240, height: 64))
            html +=
                "<img class=\"logo\" src=\"\(esc(MediaMarkup.source(logo)))\" alt=\"\" width=\"\(size.width)\" height=\"\(size.height)\">"
        }
        html += languageLinks() + "</header>"
        if let hero = campaign.theme?.hero {
            let size = media.size(hero, fallback: .init(width: 1200, height: 630))
            html +=
                "<img class=\"hero\" src=\"\(esc(MediaMarkup.source(hero)))\" alt=\"\" width=\"\(size.width)\" height=\"\(size.height)\">"
        }
        return html
    }

    private func languageLinks() -> String {
        let links = PageLanguage.allCases.map { other -> String in
            let current = other == language ? " aria-current=\"true\"" : ""
            return
                "<a href=\"\(esc(link(language: other)))\" lang=\"\(other.rawValue)\" hreflang=\"\(other.rawValue)\"\(current)>\(PageLanguage.name(of: other.rawValue))</a>"
        }
        return "<nav class=\"lang\" aria-label=\"\(esc(language(.language)))\">\(links.joined(separator: " "))</nav>"
    }

    private var base: String { "/c/\(FormData.encode(campaign.id))" + (embed ? "/embed" : "") }

    private func link(language other: PageLanguage, sort: IdeaSort? = nil) -> String {
        var query = "?lang=\(other.rawValue)"
        if let sort { query += "&sort=\(sort.rawValue)" }
        if let token { query += "&t=" + FormData.encode(token) }
        if let invite { query += "&invite=" + FormData.encode(invite) }
        return base + query
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
        case .scheduled where ballot.optionsFrom?.confirm == true:
            // It opens when an operator says so: any instant shown would be a guess, or past.
            html += "<p class=\"note\">\(esc(lang(.opensWhenConfirmed)))</p>"
        case .scheduled:
            let when = view.opens.map { PageHTML.local($0, timeZone: campaign.timeZone) } ?? "…"
            html += "<p class=\"note\">\(esc(lang(.opensLater))) \(esc(when))</p>"
        case .open:
            if ballot.takesIdeas { html += sortLinks() }
            if canPost, voted.contains(ballot.id) {
                html += "<p class=\"note\">\(esc(lang(.alreadyVoted)))</p>"
                if ballot.takesIdeas { html += ideaList(view) }
            } else if canPost {
                html += form(view)
                if ballot.takesIdeas { html += suggestionForm(ballot) }
            } else if ballot.takesIdeas {
                html += "<p class=\"note\">\(esc(lang(.openLinkToVote)))</p>" + ideaList(view)
            } else {
                html += "<p class=\"note\">\(esc(lang(.tokenMissing)))</p>"
            }
            if view.results == ResultsVisibility.live.rawValue {
                html += "<p><a href=\"\(esc(results))\">\(esc(lang(.liveResults)))</a></p>"
            }
        case .closed, .tallied:
            html += "<p class=\"note\">\(esc(lang(.closed)))</p>"
        case .published:
            html +=
                "<p class=\"note\">\(esc(lang(.closed))). <a href=\"\(esc(results))\">\(esc(lang(.results)))</a></p>"
        }
        return html + "</section>"
    }

    /// One option as the page shows it.
    struct Shown {
        var id: String
        var definition: BallotOption?
        var label: String
        var status: Idea.Status?
        var points: Int?
        /// An idea forum's idea: whether it takes points, what it was merged into, the reply.
        var idea: Idea?
        /// The idea it was merged into, at the end of a chain of merges (where its points count),
        /// and that idea's label.
        var mergedTarget: String?
        var mergedInto: String?

        /// Shown, but taking no more points: declined, or merged into another idea.
        var isShut: Bool { idea.map { !$0.isOpen } ?? false }
    }

    /// The options of a ballot in this visitor's order, or an idea forum's in the order asked.
    func shown(_ view: Engine.BallotView) -> [Shown] {
        let ballot = view.definition
        let ideas = Dictionary(view.ideas.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let counted = points[ballot.id]
        let label = { (frozen: FrozenBallot.Option) in
            ballot.options.first { $0.id == frozen.id }.map { language.text($0.label) } ?? frozen.label
        }
        let labels = Dictionary(view.options.map { ($0.id, label($0)) }, uniquingKeysWith: { first, _ in first })
        // A merge into an idea merged since counts at the end of the chain, as the count has it.
        let target = { (id: String) in ideas[id]?.mergedInto == nil ? nil : Idea.mergeEnd(of: id, in: ideas) }
        var options = view.options.map { frozen in
            let merged = target(frozen.id)
            return Shown(
                id: frozen.id, definition: ballot.options.first { $0.id == frozen.id }, label: label(frozen),
                status: ideas[frozen.id]?.status, points: counted.map { $0[frozen.id] ?? 0 }, idea: ideas[frozen.id],
                mergedTarget: merged, mergedInto: merged.flatMap { labels[$0] })
        }
        if ballot.takesIdeas {
            let position = Dictionary(options.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
            switch sort {
            case .points where counted != nil:
                options.sort { ($0.points ?? 0, -position[$0.id]!) > ($1.points ?? 0, -position[$1.id]!) }
            default:
                // Newest first; the file's options, which have no date, after the ideas.
                let since = { (id: String) in ideas[id]?.suggestedAt ?? .distantPast }
                options.sort { (since($0.id), -position[$0.id]!) > (since($1.id), -position[$1.id]!) }
            }
        } else if let order = orders[ballot.id] {
            let byID = Dictionary(options.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            options = order.compactMap { byID[$0] }
        }
        return options
    }

    private func sortLinks() -> String {
        let links = [(IdeaSort.points, PageWord.sortPoints), (.new, .sortNewest)].map { sort, word in
            let current = sort == self.sort ? " aria-current=\"true\"" : ""
            return "<a href=\"\(esc(link(language: language, sort: sort)))\"\(current)>\(esc(language(word)))</a>"
        }
        return "<p class=\"sort\">\(esc(language(.sortBy))) \(links.joined(separator: " "))</p>"
    }

    /// An idea forum to a visitor without a voter link: its ideas, their statuses and points.
    private func ideaList(_ view: Engine.BallotView) -> String {
        var html = "<ul class=\"options ideas\">"
        for option in shown(view) {
            html +=
                "<li data-option=\"\(esc(option.id))\"><p class=\"name\">\(text(option))</p>"
                + (option.points.map { "<p class=\"score\">\(esc(language.fill(.pointsSoFar, "\($0)")))</p>" } ?? "")
                + notes(option) + "</li>"
        }
        return html + "</ul>"
    }

    /// An option's label, its status and description, escaped.
    func text(_ option: Shown) -> String {
        var html = esc(option.label)
        // A merged idea's status is its target's now; the note under it says where it went.
        if option.mergedInto == nil, let word = option.status.flatMap(Self.statusWord) {
            html += "<span class=\"tag\">\(esc(language(word)))</span>"
        }
        if let description = option.definition?.description {
            html += "<small>\(esc(language.text(description)))</small>"
        }
        return html
    }

    /// Under an idea: what it was merged into, and the organisers' reply.
    func notes(_ option: Shown) -> String {
        var html = ""
        if let target = option.mergedInto {
            html += "<p class=\"note\">\(esc(language.fill(.mergedInto, target)))</p>"
        }
        if let reply = option.idea?.reply {
            html +=
                "<div class=\"reply\"><p><strong>\(esc(language(.organisersReply)))</strong></p>"
                + "<p>\(esc(reply))</p></div>"
        }
        return html
    }

    func esc(_ text: String) -> String { PageHTML.escape(text) }

    /// A token campaign's forms need the voter's token from the link.
    var canPost: Bool {
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
