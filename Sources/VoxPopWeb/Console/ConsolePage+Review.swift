import Foundation
import VoxPopCampaigns
import VoxPopEngine
import VoxPopHTTP

extension WebApp {
    /// `GET /admin/c/:campaign/:ballot/review`: the count before publication (an open ballot's
    /// preliminary count, a tallied ballot's stored one), with Publish and Withdraw beside it.
    func reviewPage(_ request: WebRequest, _ session: ConsoleSession) throws -> HTTPResponse {
        let (campaign, ballot) = (request[0], request[1])
        guard let definition = engine.campaign(campaign)?.ballot(ballot),
            let state = engine.state(campaign: campaign, ballot: ballot)
        else { throw unknown(campaign, ballot) }
        let tally = try engine.operatorTally(campaign: campaign, ballot: ballot).map(ConsoleTally.init(json:))
        let page = ConsolePage.review(
            campaign: campaign, definition: definition, state: state, tally: tally,
            options: engine.options(campaign: campaign, ballot: ballot) ?? [],
            withdrawn: request.query.first("done") == "withdraw", formToken: session.formToken)
        return html(200, page)
    }
}

extension ConsolePage {
    static func review(
        campaign: String, definition: Ballot, state: BallotState, tally: ConsoleTally?,
        options: [FrozenBallot.Option], withdrawn: Bool, formToken: String
    ) -> String {
        let ballot = definition.id
        let base = ballotPath(campaign, ballot)
        var body = crumbs([])
        body += "<h1>Count: \(esc(ballotTitle(campaign, ballot)))</h1>"
        if withdrawn { body += notice("Withdrawn. The count below is the new one, without it.") }
        body += "<p class=\"muted\">“\(esc(definition.question.text(preferring: ["en"])))”</p>"
        let links = [
            definition.takesIdeas ? "<a class=\"button secondary\" href=\"\(esc(base))/ideas\">Ideas</a>" : nil,
            !definition.takesIdeas && definition.writeIns != nil
                ? "<a class=\"button secondary\" href=\"\(esc(base))/write-ins\">Write-ins</a>" : nil,
            "<a class=\"button secondary\" href=\"/admin/log?campaign=\(esc(FormData.encode(campaign)))&amp;ballot=\(esc(FormData.encode(ballot)))\">Log</a>",
        ].compactMap { $0 }
        body += "<div class=\"actions\">" + links.joined() + "</div>"
        guard let tally else {
            body += "<p class=\"note\">Not open yet: there is nothing to count.</p>"
            body += actions(
                campaign: campaign, ballot: ballot, state: state, tally: nil, options: options, formToken: formToken)
            return document(title: "Count: \(ballotName(ballot))", body: body, formToken: formToken)
        }
        switch state {
        case .open:
            let when = tally.countedAt.map { " at \($0.replacingOccurrences(of: "T", with: " ").prefix(16)) UTC" } ?? ""
            body +=
                "<p class=\"note warn\"><strong>Preliminary.</strong> Counted\(esc(when)) while voting goes on: it changes with every vote. The final count is made at the close.</p>"
        case .closed: body += "<p class=\"note\">Closed; being counted.</p>"
        case .tallied:
            body +=
                "<p class=\"note\"><strong>Counted, not yet published.</strong> Review it; merge or withdraw if needed; then publish.</p>"
        case .published: body += "<p class=\"note ok\"><strong>Published.</strong> This count is public and final.</p>"
        case .scheduled: break
        }
        body += "<dl class=\"facts\"><dt>Method</dt><dd>\(esc(tally.method))</dd>"
        body += "<dt>Votes counted</dt><dd>\(tally.votes)</dd>"
        if tally.seats > 1 { body += "<dt>Seats</dt><dd>\(tally.seats)</dd>" }
        if let quota = tally.quota { body += "<dt>Quota</dt><dd>\(esc(quota))</dd>" }
        body += "</dl>"
        body += cutoffs(tally, state: state)
        if tally.shortlists.isEmpty, let through = tally.shortlist, !through.isEmpty {
            // A shortlist ballot has no winner: its top places go through.
            body += "<p>The top \(through.count) go through: <strong>\(esc(list(through)))</strong>.</p>"
            let inside = Set(through)
            if let tied = tally.decidedByLot.first(where: {
                $0.contains(where: inside.contains) && !$0.allSatisfy(inside.contains)
            }) {
                body +=
                    "<p class=\"note warn\" role=\"status\"><strong>A tie at the cut-off:</strong> \(esc(list(tied))) are tied; the lot put \(esc(list(tied.filter(inside.contains)))) through.</p>"
            }
        } else if !tally.winners.isEmpty {
            body +=
                "<p><strong>\(tally.winners.count == 1 ? "Winner" : "Winners"):</strong> \(esc(list(tally.winners)))</p>"
        }
        if !tally.decidedByLot.isEmpty {
            body += "<div class=\"note warn\"><p>Ties decided by lot (seed “\(esc(tally.seed))”):</p><ul>"
            // A count with many empty options draws a lot at every exclusion: name a few.
            for group in tally.decidedByLot.prefix(Self.lotsShown) {
                let more = group.count > Self.movedShown ? ["\(group.count - Self.movedShown) more"] : []
                body += "<li>\(esc(list(Array(group.prefix(Self.movedShown)) + more)))</li>"
            }
            body += "</ul>"
            if tally.decidedByLot.count > Self.lotsShown {
                body += "<p>and \(tally.decidedByLot.count - Self.lotsShown) more ties (the tally lists them all).</p>"
            }
            body += "</div>"
        }
        if !tally.withdrawn.isEmpty {
            body += "<p><strong>Withdrawn before publication:</strong> \(esc(list(tally.withdrawn)))</p>"
        }
        body += rounds(tally)
        body += actions(
            campaign: campaign, ballot: ballot, state: state, tally: tally, options: options, formToken: formToken)
        return document(title: "Count: \(ballotName(ballot))", body: body, formToken: formToken)
    }

    /// Where each fed ballot's shortlist is cut, and a tie at the cut-off in plain words.
    private static func cutoffs(_ tally: ConsoleTally, state: BallotState) -> String {
        var html = ""
        for cut in tally.shortlists {
            html +=
                "<p>The top \(cut.top) go on to <strong>\(esc(ballotName(cut.ballot)))</strong>: \(esc(list(cut.options))).</p>"
            guard cut.tie, !cut.tied.isEmpty else { continue }
            let figures = Set(cut.tied.compactMap { tally.lastVotes($0) })
            let have =
                tally.rounds.count == 1 && figures.count == 1
                ? "have \(figures.first!) vote\(figures.first! == "1" ? "" : "s") each" : "are tied"
            let inside = cut.tied.filter(cut.options.contains)
            let outcome =
                state == .open
                ? "the lot will decide unless you merge write-ins"
                : "the lot put \(list(inside)) through; merging write-ins before \(ballotName(cut.ballot)) opens counts again"
            html +=
                "<p class=\"note warn\" role=\"status\"><strong>A tie at \(ordinal(cut.top)) place:</strong> \(esc(list(cut.tied))) \(esc(have)); \(esc(outcome)).</p>"
        }
        return html
    }

    /// The count as tables: one table for a one-round count; for a count in rounds, the ranking,
    /// what each round did, and every option's votes round by round (scrolling on its own on a
    /// phone, so the page never does).
    private static func rounds(_ tally: ConsoleTally) -> String {
        let cut = tally.shortlists.first?.top ?? tally.shortlist?.count
        guard tally.rounds.count > 1 else {
            let votes = tally.rounds.first?.votes ?? [:]
            var html = "<div class=\"scroll\" role=\"region\" aria-labelledby=\"count-caption\" tabindex=\"0\">"
            html += "<table><caption id=\"count-caption\">The count"
            if let cut { html += " (the thick line falls after \(ordinal(cut)) place: the cut-off)" }
            html += "</caption><thead><tr><th scope=\"col\" class=\"n\">Place</th><th scope=\"col\">Option</th>"
            html += "<th scope=\"col\" class=\"n\">Votes</th></tr></thead><tbody>"
            let through = Set(tally.shortlist ?? [])
            for (index, name) in tally.ranking.enumerated() {
                let winner =
                    tally.shortlists.isEmpty && !through.isEmpty
                    ? (through.contains(name) ? " <span class=\"tag\">through</span>" : "")
                    : tally.winners.contains(name) ? " <span class=\"tag\">winner</span>" : ""
                html += "<tr\(index + 1 == cut ? " class=\"cut\"" : "")><td class=\"n\">\(index + 1)</td>"
                html +=
                    "<th scope=\"row\">\(esc(name))\(winner)</th><td class=\"n\">\(esc(votes[name] ?? "0"))</td></tr>"
            }
            return html + "</tbody></table></div>"
        }
        var html =
            "<h2>Ranking</h2><div class=\"scroll\" role=\"region\" aria-labelledby=\"ranking-caption\" tabindex=\"0\">"
        html += "<table><caption id=\"ranking-caption\">Every option, best first</caption>"
        html += "<thead><tr><th scope=\"col\" class=\"n\">Place</th><th scope=\"col\">Option</th>"
        html +=
            "<th scope=\"col\" class=\"n\">First round</th><th scope=\"col\" class=\"n\">Last round standing</th></tr></thead><tbody>"
        for (index, name) in tally.ranking.enumerated() {
            let winner = tally.winners.contains(name) ? " <span class=\"tag\">elected</span>" : ""
            html += "<tr\(index + 1 == cut ? " class=\"cut\"" : "")><td class=\"n\">\(index + 1)</td>"
            html += "<th scope=\"row\">\(esc(name))\(winner)</th>"
            html += "<td class=\"n\">\(esc(tally.rounds.first?.votes[name] ?? "–"))</td>"
            html += "<td class=\"n\">\(esc(tally.standingVotes(name) ?? "–"))</td></tr>"
        }
        html += "</tbody></table></div>"
        html += "<h2>Rounds</h2><ol class=\"list\">"
        for round in tally.rounds { html += "<li>" + summary(round) + "</li>" }
        html += "</ol>"
        // Every figure of a large STV count (100 drawings, 91 rounds) would be 300 KB: the table
        // keeps the head of the ranking within a budget of cells; the tally API has the rest.
        let rows = min(tally.ranking.count, max(tally.seats + 1, Self.roundCells / tally.rounds.count))
        html +=
            "<div class=\"scroll\" role=\"region\" aria-labelledby=\"rounds-caption\" tabindex=\"0\"><table class=\"matrix\">"
        html += "<caption id=\"rounds-caption\">Votes round by round"
        if rows < tally.ranking.count {
            html +=
                " (the top \(rows) of \(tally.ranking.count) options; every figure is in the tally: GET /v1/admin/…/tally)"
        }
        html += "</caption><thead><tr><th scope=\"col\">Option</th>"
        for round in tally.rounds { html += "<th scope=\"col\">Round \(round.number)</th>" }
        html += "</tr></thead><tbody>"
        for name in tally.ranking.prefix(rows) {
            html += "<tr><th scope=\"row\">\(esc(name))</th>"
            var out = false
            for round in tally.rounds {
                // Once excluded (or elected under STV and transferred), the later cells are empty.
                html += "<td>\(out ? "" : esc(round.votes[name] ?? ""))</td>"
                if round.excluded.contains(name) { out = true }
            }
            html += "</tr>"
        }
        html += "<tr><th scope=\"row\">Inactive ballots (no further preference)</th>"
        for round in tally.rounds { html += "<td>\(esc(round.nonTransferable ?? "0"))</td>" }
        html += "</tr></tbody></table></div>"
        return html
    }

    /// How many cells the round-by-round table may hold, and transfers a round's line names.
    static let roundCells = 2400
    static let movedShown = 8
    static let lotsShown = 10

    /// "Round 3: Bali excluded; moved: Madrid +2, Paris +1; 4 inactive ballots so far."
    private static func summary(_ round: ConsoleTally.Round) -> String {
        var parts: [String] = []
        switch round.action {
        case "first-preferences": parts.append("first preferences")
        case "exclusion": parts.append("\(esc(round.candidate ?? "?")) excluded")
        case "surplus": parts.append("the surplus of \(esc(round.candidate ?? "?")) transferred")
        case "iteration": parts.append("keep values adjusted")
        default: parts.append(esc(round.action))
        }
        if !round.elected.isEmpty { parts.append("elected: \(esc(list(round.elected)))") }
        if round.action != "exclusion", !round.excluded.isEmpty {
            parts.append("excluded: \(esc(list(round.excluded)))")
        }
        if let transfers = round.transfers {
            let moved = transfers.filter { Double($0.value) != 0 }.sorted { $0.key < $1.key }.map {
                "\(esc($0.key)) \($0.value.hasPrefix("-") ? "−" + esc(String($0.value.dropFirst())) : "+" + esc($0.value))"
            }
            if !moved.isEmpty {
                let more = moved.count > Self.movedShown ? " and \(moved.count - Self.movedShown) more" : ""
                parts.append("moved: " + moved.prefix(Self.movedShown).joined(separator: ", ") + more)
            }
        }
        if let inactive = round.nonTransferable, Double(inactive) != 0 {
            parts.append("\(esc(inactive)) inactive so far")
        }
        return "<strong>Round \(round.number):</strong> " + parts.joined(separator: "; ") + "."
    }

    /// Publish (a tallied ballot) and Withdraw (any ballot not yet published), each confirmed.
    private static func actions(
        campaign: String, ballot: String, state: BallotState, tally: ConsoleTally?, options: [FrozenBallot.Option],
        formToken: String
    ) -> String {
        let base = ballotPath(campaign, ballot)
        var html = ""
        if state == .tallied {
            html += "<h2>Publish</h2><p>Publishing makes this count public and final.</p>"
            html += "<div class=\"actions\">" + button(base + "/publish", "Publish…", formToken) + "</div>"
        }
        let gone = Set(tally?.withdrawn ?? [])
        let standing = options.filter { !gone.contains($0.label) }
        if state < .published, !standing.isEmpty {
            html += "<h2>Withdraw</h2>"
            html += "<form method=\"post\" action=\"\(esc(base))/withdraw\">\(token(formToken))<fieldset>"
            html +=
                "<legend>Options that left the race (a candidate who withdrew): counted as if they never stood</legend><ul class=\"list\">"
            for (index, option) in standing.enumerated() {
                html +=
                    "<li class=\"pick\"><input type=\"checkbox\" name=\"options\" value=\"\(esc(option.id))\" id=\"w\(index)\"><label for=\"w\(index)\">\(esc(option.label))</label></li>"
            }
            html +=
                "</ul></fieldset><div class=\"actions\"><button type=\"submit\" class=\"danger\">Withdraw…</button></div></form>"
        }
        return html
    }
}
