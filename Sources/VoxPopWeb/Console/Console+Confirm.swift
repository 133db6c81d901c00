import Foundation
import VoxPopCampaigns
import VoxPopEngine
import VoxPopHTTP

/// The actions that cannot be taken back (open, close, publish, withdraw) ask first, without any
/// script: a post without `confirm=yes` answers a page that names the ballot and its campaign and
/// says what will happen, with a form that posts the same fields again with `confirm=yes`. Only
/// that second post acts.
extension WebApp {
    enum ConsoleAction: String, Sendable {
        case open, close, publish, withdraw
    }

    func consoleConfirmed(_ action: ConsoleAction, _ request: WebRequest, _ session: ConsoleSession) throws
        -> HTTPResponse
    {
        let (campaign, ballot) = (request[0], request[1])
        guard let definition = engine.campaign(campaign)?.ballot(ballot),
            let state = engine.state(campaign: campaign, ballot: ballot)
        else { throw unknown(campaign, ballot) }
        let form = request.form
        let options = form.values("options")
        // Refused before asking, in the engine's words, so nobody confirms what cannot happen.
        let needed: BallotState? =
            switch action {
            case .open: .scheduled
            case .close: .open
            case .publish: .tallied
            case .withdraw: nil
            }
        if let needed, state != needed {
            throw Problem(.wrongState, "\(campaign)/\(ballot) is \(state.rawValue), not \(needed.rawValue)")
        }
        if action == .withdraw {
            guard state < .published else {
                throw Problem(.wrongState, "\(campaign)/\(ballot) is published; its count is final")
            }
            guard !options.isEmpty else { throw Problem(.malformedBody, "Choose at least one option to withdraw.") }
        }
        guard form.first("confirm") == "yes" else {
            return html(
                200,
                ConsolePage.confirm(
                    action, campaign: campaign, definition: definition,
                    campaignBallots: engine.campaign(campaign)?
                        .ballots ?? [], options: options.map { id in (id, optionLabel(campaign, ballot, id)) },
                    formToken: session.formToken))
        }
        let by = session.operatorName
        switch action {
        case .open: try engine.openNow(campaign: campaign, ballot: ballot, by: by)
        case .close: try engine.closeNow(campaign: campaign, ballot: ballot, by: by)
        case .publish: try engine.publish(campaign: campaign, ballot: ballot, by: by)
        case .withdraw:
            try engine.withdraw(campaign: campaign, ballot: ballot, options: options, by: by)
            return redirect(ConsolePage.ballotPath(campaign, ballot) + "/review?done=withdraw")
        }
        return redirect("/admin/#b-\(FormData.encode(campaign))-\(FormData.encode(ballot))")
    }

    /// An option's label, for a confirmation that names what will be withdrawn.
    private func optionLabel(_ campaign: String, _ ballot: String, _ id: String) -> String {
        engine.options(campaign: campaign, ballot: ballot)?.first { $0.id == id }?.label ?? id
    }
}

extension ConsolePage {
    /// "Close Nominations (airline-summer) now? Voting stops at once." and what follows.
    static func confirm(
        _ action: WebApp.ConsoleAction, campaign: String, definition: Ballot, campaignBallots: [Ballot],
        options: [(id: String, label: String)], formToken: String
    ) -> String {
        let ballot = definition.id
        let name = ballotTitle(campaign, ballot)
        let base = ballotPath(campaign, ballot)
        let question: String
        var consequences: [String] = []
        let button: String
        var back = "/admin/#b-\(FormData.encode(campaign))-\(FormData.encode(ballot))"
        // Finals fed by this ballot, and whether they wait for an operator to open them.
        let fed = campaignBallots.filter { $0.optionsFrom?.ballot == ballot }
        switch action {
        case .open:
            question = "Open \(name) now?"
            consequences.append("Voting starts at once.")
            if let source = definition.optionsFrom {
                consequences.append(
                    "Its options are the top \(source.top) of \(ballotName(source.ballot)) as counted now, write-in merges included; they cannot change once it is open."
                )
                consequences.append(
                    "\(ballotName(source.ballot)) is published first if it is not yet.")
            }
            button = "Yes, open it now"
        case .close:
            question = "Close \(name) now?"
            consequences.append("Voting stops at once; the votes so far are counted.")
            if fed.contains(where: { $0.optionsFrom?.confirm == true }) {
                consequences.append(
                    "Its count then waits for you: review and merge write-ins, then open \(list(fed.map { ballotName($0.id) }))."
                )
            } else if !fed.isEmpty {
                consequences.append(
                    "\(list(fed.map { ballotName($0.id) })) then opens with its top options, and this count is published."
                )
            } else if definition.results == .manual {
                consequences.append("Its count then waits for you to review and publish it.")
            } else {
                consequences.append("Its count is then published.")
            }
            button = "Yes, close it now"
        case .publish:
            question = "Publish \(name) now?"
            consequences.append(
                "The count becomes public and final: no more merges, labels or withdrawals on this ballot.")
            button = "Yes, publish it"
            back = base + "/review"
        case .withdraw:
            question = "Withdraw \(list(options.map(\.label))) from \(name)?"
            consequences.append(
                "The ballot is counted again as if \(options.count == 1 ? "this option" : "these options") had never stood: rankings skip \(options.count == 1 ? "it" : "them"), and the published count names \(options.count == 1 ? "it" : "them") as withdrawn."
            )
            consequences.append("This cannot be undone.")
            button = "Yes, withdraw"
            back = base + "/review"
        }
        var body = crumbs([(base + "/review", ballotName(ballot))])
        body += "<h1>\(esc(question))</h1>"
        body += "<p class=\"muted\">“\(esc(definition.question.text(preferring: ["en"])))”</p>"
        body += "<div class=\"note warn\">" + consequences.map { "<p>\(esc($0))</p>" }.joined() + "</div>"
        body += "<form method=\"post\" action=\"\(esc(base))/\(action.rawValue)\">\(token(formToken))"
        body += "<input type=\"hidden\" name=\"confirm\" value=\"yes\">"
        for option in options { body += "<input type=\"hidden\" name=\"options\" value=\"\(esc(option.id))\">" }
        body += "<div class=\"actions\"><button type=\"submit\" class=\"danger\">\(esc(button))</button>"
        body += "<a class=\"button secondary\" href=\"\(esc(back))\">No, go back</a></div></form>"
        return document(title: question, body: body, formToken: formToken)
    }
}
