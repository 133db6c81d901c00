import Foundation
import VoxPopCampaigns
import VoxPopEngine
import VoxPopHTTP

extension WebApp {
    /// `GET /admin/`.
    func overview(_ session: ConsoleSession) -> HTTPResponse {
        html(200, ConsolePage.overview(app: self, formToken: session.formToken))
    }
}

extension ConsolePage {
    /// Every campaign and its ballots as cards that reflow to one column on a phone: state, when
    /// it opens and closes in the campaign's time zone, the votes that count now with a sparkline
    /// of the last half hour, and the actions that fit its state.
    static func overview(app: WebApp, formToken: String) -> String {
        let engine = app.engine
        let now = app.clock.now
        var body = "<h1>Campaigns</h1>"
        body +=
            "<p class=\"muted\">Times are each campaign's local time. The line beside the votes shows votes per minute over the last 30 minutes.</p>"
        for id in engine.campaignIDs {
            guard let campaign = engine.campaign(id), let views = engine.ballotViews(campaign: id) else { continue }
            let anchor = "c-\(esc(id))"
            body +=
                "<section aria-labelledby=\"\(anchor)\"><h2 id=\"\(anchor)\">\(esc(campaign.title.text(preferring: ["en"])))</h2>"
            body +=
                "<p><code>\(esc(id))</code> · voters by \(esc(campaign.audience.identityName)) · times in \(esc(campaign.timeZone))</p>"
            body +=
                "<div class=\"actions\"><a class=\"button secondary\" href=\"/c/\(esc(FormData.encode(id)))\">Voting page</a>"
            if campaign.audience == .invite {
                body += "<a class=\"button secondary\" href=\"\(esc(campaignPath(id)))/invites\">Invites</a>"
            }
            body +=
                "<a class=\"button secondary\" href=\"/admin/log?campaign=\(esc(FormData.encode(id)))\">Log</a></div>"
            body += "<ul class=\"cards\">"
            for view in views {
                body += card(
                    app: app, campaign: campaign, view: view, views: views, now: now, formToken: formToken)
            }
            body += "</ul></section>"
        }
        return document(title: "Campaigns", body: body, formToken: formToken)
    }

    private static func card(
        app: WebApp, campaign: Campaign, view: Engine.BallotView, views: [Engine.BallotView], now: Date,
        formToken: String
    ) -> String {
        let id = campaign.id
        let ballot = view.definition.id
        let base = ballotPath(id, ballot)
        let anchor = "b-\(esc(id))-\(esc(ballot))"
        let votes = (try? app.engine.voteCount(campaign: id, ballot: ballot)).flatMap { $0 }
        var card = "<li class=\"card\" id=\"\(anchor)\"><h3>\(esc(ballotName(ballot)))"
        card += " <span class=\"state state-\(view.state.rawValue)\">\(view.state.rawValue)</span></h3>"
        card += "<p class=\"muted\">\(esc(view.definition.question.text(preferring: ["en"])))</p><dl class=\"facts\">"
        // The id too: the API, the log and the files name a ballot by it.
        card += "<dt>Id</dt><dd><code>\(esc(ballot))</code></dd>"
        card += "<dt>Opens</dt><dd>\(opens(view, campaign: campaign))</dd>"
        card += "<dt>Closes</dt><dd>\(closes(view, campaign: campaign))</dd>"
        card += "<dt>Counted by</dt><dd>\(esc(view.definition.method.rawValue)), results \(esc(view.results))</dd>"
        if view.state >= .open {
            let rates = app.rates.series(campaign: id, ballot: ballot, now: now)
            let last = rates.last ?? 0
            card += "<dt>Votes</dt><dd>\(votes.map { "\($0)" } ?? "–")"
            card += sparkline(rates, label: "\(ballotName(ballot)): \(plural(last, "vote")) in the last minute")
            card += "</dd>"
        }
        let (actions, notes) = actions(campaign: campaign, view: view, views: views, base: base, formToken: formToken)
        card += "</dl>" + notes + "<div class=\"actions\">" + actions + "</div></li>"
        return card
    }

    /// The buttons and links that fit a ballot's state. Close, publish and open each ask again
    /// before acting (`Console+Confirm.swift`).
    private static func actions(
        campaign: Campaign, view: Engine.BallotView, views: [Engine.BallotView], base: String, formToken: String
    ) -> (actions: String, notes: String) {
        let definition = view.definition
        var actions = ""
        var notes = ""
        switch view.state {
        case .scheduled:
            if let source = definition.optionsFrom,
                (views.first { $0.definition.id == source.ballot }?.state ?? .scheduled) < .tallied
            {
                notes +=
                    "<p class=\"note\">Can open once \(esc(ballotName(source.ballot))) is closed and counted: its top \(source.top) become the options.</p>"
            } else {
                actions += button(base + "/open", "Open now", formToken, style: "secondary")
            }
        case .open:
            actions += button(base + "/close", "Close now", formToken, style: "danger")
            actions += "<a class=\"button secondary\" href=\"\(esc(base))/review\">Review count (preliminary)</a>"
        case .closed:
            actions += "<a class=\"button secondary\" href=\"\(esc(base))/review\">Review count</a>"
        case .tallied:
            actions += "<a class=\"button secondary\" href=\"\(esc(base))/review\">Review count</a>"
            actions += button(base + "/publish", "Publish", formToken)
        case .published:
            actions +=
                "<a class=\"button secondary\" href=\"/c/\(esc(FormData.encode(campaign.id)))/\(esc(FormData.encode(definition.id)))/results\">Results</a>"
            actions += "<a class=\"button secondary\" href=\"\(esc(base))/review\">Count</a>"
        }
        if definition.takesIdeas {
            actions += "<a class=\"button secondary\" href=\"\(esc(base))/ideas\">Ideas</a>"
        } else if definition.writeIns != nil {
            actions += "<a class=\"button secondary\" href=\"\(esc(base))/write-ins\">Write-ins</a>"
        }
        actions +=
            "<a class=\"button secondary\" href=\"/admin/log?campaign=\(esc(FormData.encode(campaign.id)))&amp;ballot=\(esc(FormData.encode(definition.id)))\">Log</a>"
        return (actions, notes)
    }

    private static func opens(_ view: Engine.BallotView, campaign: Campaign) -> String {
        // A final that waits for an operator: the instant its source closed is no opening time.
        if view.state == .scheduled, view.definition.optionsFrom?.confirm == true, view.opens != nil {
            return "when you open it (its source is counted)"
        }
        if let opens = view.opens { return esc(PageHTML.local(opens, timeZone: campaign.timeZone)) }
        switch view.definition.opens {
        case .after(let other)?:
            let confirm = view.definition.optionsFrom?.confirm == true
            return "when \(esc(ballotName(other))) closes" + (confirm ? ", then by an operator" : "")
        default:
            return "from the start"
        }
    }

    private static func closes(_ view: Engine.BallotView, campaign: Campaign) -> String {
        guard let closes = view.closes else { return view.definition.closes == nil ? "never (always open)" : "–" }
        return esc(PageHTML.local(closes, timeZone: campaign.timeZone))
    }

    /// Votes per minute as a small SVG line (attributes, not inline style: the CSP allows none).
    static func sparkline(_ values: [Int], label: String) -> String {
        let top = max(values.max() ?? 0, 1)
        let points = values.enumerated().map { index, value in
            "\(index * 4),\(20 - value * 18 / top)"
        }.joined(separator: " ")
        return
            "<svg class=\"spark\" role=\"img\" aria-label=\"\(esc(label))\" width=\"120\" height=\"22\" viewBox=\"0 0 120 22\">"
            + "<polyline fill=\"none\" stroke=\"#0b4f9c\" stroke-width=\"2\" points=\"\(points)\"/></svg>"
    }
}
