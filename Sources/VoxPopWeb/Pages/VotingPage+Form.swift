import Foundation
import VoxPopCampaigns
import VoxPopEngine

/// The voting form of one open ballot, by the ballot's shape. Every option is an element with
/// `data-option="ID"`; the fields are plain form fields, so the form works without the script,
/// which only adds controls (ranking) and checks (points left) over them.
extension VotingPage {
    func form(_ view: Engine.BallotView) -> String {
        let lang = language
        let ballot = view.definition
        let action = "/c/\(FormData.encode(campaign.id))/\(FormData.encode(ballot.id))"
        var html =
            "<form method=\"post\" action=\"\(esc(action))\"><input type=\"hidden\" name=\"lang\" value=\"\(lang.rawValue)\">"
        if let token { html += "<input type=\"hidden\" name=\"t\" value=\"\(esc(token))\">" }
        if embed { html += "<input type=\"hidden\" name=\"embed\" value=\"1\">" }
        // What a refused post sent, to fill back in; else the returning voter's current vote.
        let sent = refill.flatMap { $0.ballot == ballot.id && !$0.suggestion ? $0.form : nil }
        let vote = sent == nil ? current[ballot.id] : nil
        if vote != nil { html += "<p class=\"note\">\(esc(lang(.currentVote)))</p>" }
        let options = shown(view)
        let field = { (index: Int) in "\(ballot.id)-\(index)" }
        // A ballot of write-ins only (nominations): a text field, no empty list to choose from.
        let writeOnly = options.isEmpty && ballot.writeIns != nil
        let zoom = options.contains { $0.definition?.media?.kind == .image }
        let list = "<ul class=\"options\"" + (zoom ? " data-close=\"\(esc(lang(.close)))\">" : ">")
        var footer = ""
        switch ballot.method.ballotShape {
        case .single, .approval:
            let single = ballot.method.ballotShape == .single
            let chosen: Set<String> =
                if let sent { Set(sent.values("choice")) } else if case .choices(let ids)? = vote { Set(ids) } else {
                    []
                }
            let hint =
                single
                ? lang(.chooseOne)
                : ballot.maxChoices.map { String(format: lang(.chooseUpTo), $0) } ?? lang(.chooseAny)
            // An approval ballot with a limit: the script keeps a box past it from being ticked.
            var limit = ""
            if !single, let most = ballot.maxChoices, most < options.count {
                let words = lang.fill(.tooManyChoices, "\(most + 1)", "\(most)")
                limit = " data-max=\"\(most)\" data-words=\"\(esc(words))\""
                footer = "<p class=\"summary\"></p>"
            }
            if writeOnly { break }
            html += "<fieldset\(limit)><legend>\(esc(hint))</legend>" + list
            for (index, option) in options.enumerated() {
                let input =
                    "<input type=\"\(single ? "radio" : "checkbox")\" name=\"choice\" value=\"\(esc(option.id))\" id=\"\(esc(field(index)))\"\(chosen.contains(option.id) ? " checked" : "")>"
                html += row(option, field: field(index), before: input)
            }
            html += "</ul></fieldset>"
        case .ranking:
            let most = min(ballot.maxChoices ?? options.count, options.count)
            let ranks: [String: String] =
                if let sent {
                    sent.fields.reduce(into: [:]) { ranks, field in
                        guard field.name.hasPrefix("rank-"), !field.value.isEmpty else { return }
                        ranks[String(field.name.dropFirst(5))] = field.value
                    }
                } else if case .choices(let ids)? = vote {
                    Dictionary(ids.enumerated().map { ($1, "\($0 + 1)") }, uniquingKeysWith: { first, _ in first })
                } else { [:] }
            // The script's words, in the page's language, in the order it reads them.
            let words: [PageWord] = [
                .rankAdd, .moveUp, .moveDown, .remove, .yourRanking, .youRanked, .nothingRanked, .rankFirst,
                .rankFull, .rankedAs, .unranked,
            ]
            let said = words.map { $0 == .rankFull ? lang.fill($0, "\(most)") : lang($0) }
            html +=
                "<fieldset class=\"ranked\" data-most=\"\(most)\" data-words=\"\(esc(said.joined(separator: "|")))\">"
                + "<legend>\(esc(String(format: lang(.rankHint), most)))</legend>" + list
            for (index, option) in options.enumerated() {
                // A number field, not a select: a select per option of 1...N would grow the page
                // with the square of the options.
                let value = ranks[option.id].map { " value=\"\(esc($0))\"" } ?? ""
                let input =
                    "<input type=\"number\" name=\"rank-\(esc(option.id))\" id=\"\(esc(field(index)))\" min=\"1\"\(value)>"
                html += row(option, field: field(index), after: input)
            }
            html += "</ul></fieldset>"
            footer = "<p class=\"summary\"></p>"
        case .ratings:
            let top = ballot.maxScore ?? 5
            let given: [String: Int] =
                if let sent { Self.numbers(sent, prefix: "score-") } else if case .points(let points)? = vote {
                    points
                } else { [:] }
            html += "<fieldset><legend>\(esc(String(format: lang(.scoreHint), top)))</legend>" + list
            for (index, option) in options.enumerated() {
                let select =
                    "<select name=\"score-\(esc(option.id))\" id=\"\(esc(field(index)))\">"
                    + (0...top).map {
                        $0 == given[option.id] ? "<option selected>\($0)</option>" : "<option>\($0)</option>"
                    }
                    .joined() + "</select>"
                html += row(option, field: field(index), after: select)
            }
            html += "</ul></fieldset>"
        case .points:
            let budget = ballot.budget ?? 10
            var given: [String: Int] =
                if let sent { Self.numbers(sent, prefix: "points-") } else if case .points(let points)? = vote {
                    points
                } else { [:] }
            // A returning voter's points on an idea merged since go to the idea it joined, at the
            // end of the chain (as the count has them); on a declined one they are free to give
            // again. A refused post's numbers are the sender's, any Int: only its own are shown.
            for option in options where option.isShut {
                guard let points = given.removeValue(forKey: option.id), sent == nil,
                    let target = option.mergedTarget, options.contains(where: { $0.id == target && !$0.isShut })
                else { continue }
                let (sum, overflow) = max(0, given[target] ?? 0).addingReportingOverflow(max(0, points))
                given[target] = overflow ? budget : min(budget, sum)
            }
            let words = [lang(.pointsLeft), lang(.overspent)]
            html +=
                "<fieldset data-budget=\"\(budget)\" data-words=\"\(esc(words.joined(separator: "|")))\">"
                + "<legend>\(esc(String(format: lang(.pointsHint), budget)))</legend>" + list
            for (index, option) in options.enumerated() {
                if option.isShut {
                    // Shown with its status and reply, with no field: it takes no more points.
                    html +=
                        "<li data-option=\"\(esc(option.id))\"><p class=\"name\">\(text(option))</p>\(notes(option))</li>"
                    continue
                }
                let input =
                    "<input type=\"number\" name=\"points-\(esc(option.id))\" id=\"\(esc(field(index)))\" min=\"0\" max=\"\(budget)\" value=\"\(given[option.id] ?? 0)\">"
                html += row(option, field: field(index), after: input)
            }
            html += "</ul></fieldset>"
            footer = "<p class=\"left\" aria-live=\"polite\"></p>"
        }
        if let policy = ballot.writeIns, ballot.method.ballotShape == .single || ballot.method.ballotShape == .approval
        {
            let text: String? =
                if let sent { sent.first("writeIn") } else if case .writeIn(let text)? = vote { text } else { nil }
            let written = text.flatMap { $0.isEmpty ? nil : " value=\"\(esc($0))\"" } ?? ""
            html +=
                "<p class=\"field\"><label for=\"\(esc(ballot.id))-write-in\">\(esc(lang(writeOnly ? .yourAnswer : .writeIn)))</label>"
                + "<input type=\"text\" name=\"writeIn\" id=\"\(esc(ballot.id))-write-in\" maxlength=\"\(policy.maxLength)\" autocomplete=\"off\"\(writeOnly ? " required" : "")\(written)></p>"
        }
        if case .invite = campaign.audience { html += inviteField("\(ballot.id)-invite", sent: sent?.first("invite")) }
        return html
            + "<div class=\"actions\">\(footer)<button type=\"submit\">\(esc(lang(.vote)))</button></div></form>"
    }

    private func inviteField(_ id: String, sent: String? = nil) -> String {
        "<p class=\"field\"><label for=\"\(esc(id))\">\(esc(language(.inviteCode)))</label>"
            + "<input type=\"text\" name=\"invite\" id=\"\(esc(id))\" required autocomplete=\"off\" autocapitalize=\"characters\" spellcheck=\"false\""
            + ((sent ?? invite).map { " value=\"\(esc($0))\"" } ?? "") + "></p>"
    }

    /// The whole numbers a refused form gave under `prefix` (what is no number is left out).
    private static func numbers(_ form: FormData, prefix: String) -> [String: Int] {
        form.fields.reduce(into: [:]) { numbers, field in
            guard field.name.hasPrefix(prefix), let value = Int(field.value.trimmingCharacters(in: .whitespaces))
            else { return }
            numbers[String(field.name.dropFirst(prefix.count))] = value
        }
    }

    /// An idea forum's second form: a new idea, posted to `/c/{campaign}/{ballot}/suggest`.
    func suggestionForm(_ ballot: Ballot) -> String {
        let lang = language
        let id = "\(ballot.id)-idea"
        let action = "/c/\(FormData.encode(campaign.id))/\(FormData.encode(ballot.id))/suggest"
        var html =
            "<form method=\"post\" action=\"\(esc(action))\" class=\"suggest\"><input type=\"hidden\" name=\"lang\" value=\"\(lang.rawValue)\">"
        if let token { html += "<input type=\"hidden\" name=\"t\" value=\"\(esc(token))\">" }
        if embed { html += "<input type=\"hidden\" name=\"embed\" value=\"1\">" }
        let sent = refill.flatMap { $0.ballot == ballot.id && $0.suggestion ? $0.form : nil }
        let typed = sent?.first("idea").map { " value=\"\(esc($0))\"" } ?? ""
        html +=
            "<p class=\"field\"><label for=\"\(esc(id))\">\(esc(lang(.suggestIdea)))</label>"
            + "<input type=\"text\" name=\"idea\" id=\"\(esc(id))\" maxlength=\"\(ballot.writeIns?.maxLength ?? WriteInPolicy.defaultMaxLength)\" required autocomplete=\"off\"\(typed)></p>"
        if case .invite = campaign.audience { html += inviteField("\(id)-invite", sent: sent?.first("invite")) }
        return html + "<div class=\"actions\"><button type=\"submit\">\(esc(lang(.suggest)))</button></div></form>"
    }

    /// One option: its field (before the label for boxes, after it for numbers), a picture's
    /// thumbnail, its label with status, description and points so far, and a video below.
    private func row(_ option: Shown, field: String, before: String = "", after: String = "") -> String {
        var html = "<li data-option=\"\(esc(option.id))\">" + before
        let media = option.definition?.media
        if let media, media.kind == .image { html += self.media.thumbnail(media, label: option.label) }
        html += "<label for=\"\(esc(field))\">\(text(option))"
        if let points = option.points {
            html += "<small class=\"score\">\(esc(language.fill(.pointsSoFar, "\(points)")))</small>"
        }
        html += "</label>" + after
        if let media, media.kind == .video { html += self.media.video(media, label: option.label) }
        return html + notes(option) + "</li>"
    }
}
