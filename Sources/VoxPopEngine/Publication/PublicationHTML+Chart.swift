import VoxPopCounting

extension PublicationHTML {
    /// The most options the chart shows (more when the outcome names more); the tables have all.
    static let chartLimit = 20
    /// The longest name the chart writes out in full, in characters; the tables have it whole.
    static let chartNameLimit = 44

    /// A bar chart of each option's figure in the first and the final round (one bar for a
    /// one-round count) with shares of the round's votes, in inline SVG sized in CSS pixels and
    /// percentages so its text stays readable at any width. It is an image with a label for
    /// screen readers, and its figures follow in a table: every option for a one-round count,
    /// the chart's options (visually hidden, as the rounds table shows them all) otherwise.
    static func chart(_ view: ResultsView) -> String {
        let tally = view.tally
        let words = view.words
        let rounds = (first: tally.rounds[0], last: tally.rounds[tally.rounds.count - 1])
        let multi = tally.rounds.count > 1
        let chosen = view.outcome.candidates
        let shown = Array(tally.ranking.prefix(max(chartLimit, chosen.count)))
        let marked = Set(chosen)
        let top = max(1, (rounds.first.votes + rounds.last.votes).max() ?? 1)
        let bases = (first: view.shareBase(rounds.first), last: view.shareBase(rounds.last))
        let heading =
            switch view.unit {
            case .votes: words.votesPerOption
            case .points: words.pointsPerOption
            case .wins: words.winsPerOption
            }

        func figure(_ value: Int64, _ base: Int64?) -> String {
            view.figure(value) + (base.map { " (" + view.language.percent(value, of: $0) + ")" } ?? "")
        }
        // The round each excluded option went out in: its final bar says so instead of "0".
        var outIn: [Int: Int] = [:]
        for (index, round) in tally.rounds.enumerated() {
            for candidate in round.excluded { outIn[candidate] = index + 1 }
        }
        /// A bar up to 60% of the width, the figure (or `text`) at 62%.
        func bar(_ value: Int64, base: Int64?, y: Int, height: Int, fill: String, text: String? = nil) -> String {
            let hundredths = value * 6_000 / top
            let width = "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)%"
            let rect =
                value > 0 ? "<rect class=\"\(fill)\" y=\"\(y)\" width=\"\(width)\" height=\"\(height)\"/>" : ""
            return rect + "<text class=\"f\" x=\"62%\" y=\"\(y + height - 2)\">\(text ?? figure(value, base))</text>"
        }

        let rowHeight = multi ? 56 : 42
        var svg = ""
        for (row, candidate) in shown.enumerated() {
            let y = row * rowHeight
            let name = view.plainNames[candidate]
            let short = name.count > chartNameLimit ? String(name.prefix(chartNameLimit - 1)) + "…" : name
            svg += "<text x=\"0\" y=\"\(y + 15)\">\(escape(short))\(marked.contains(candidate) ? " ✓" : "")</text>"
            if multi {
                svg += bar(rounds.first.votes[candidate], base: bases.first, y: y + 21, height: 12, fill: "g")
            }
            let out = outIn[candidate].map { escape(fill(words.outInRound, view.language.number(Int64($0)))) }
            svg += bar(
                rounds.last.votes[candidate], base: bases.last, y: y + (multi ? 37 : 21), height: 16, fill: "a",
                text: rounds.last.votes[candidate] == 0 ? out : nil)
        }

        var html = "<h2>\(escape(heading))</h2><figure>"
        if multi {
            html +=
                "<figcaption><span class=\"k g\"></span>\(escape(words.firstPreferences))"
                + "<span class=\"k a\"></span>\(escape(words.finalRound))</figcaption>"
        }
        html +=
            "<svg role=\"img\" aria-label=\"\(escape(heading + ". " + words.chartLabel))\" width=\"100%\" "
            + "height=\"\(shown.count * rowHeight)\">\(svg)</svg></figure>"
        if shown.count < tally.candidates.count {
            let part = fill(
                words.chartPart, view.language.number(Int64(shown.count)),
                view.language.number(Int64(tally.candidates.count)))
            html += "<p class=\"n\">\(escape(part))</p>"
        }
        return html + (multi ? chartFigures(view, shown) : allFigures(view))
    }

    /// The chart's figures for screen readers, when the rounds table shows every option.
    private static func chartFigures(_ view: ResultsView, _ shown: [Int]) -> String {
        let words = view.words
        let first = view.tally.rounds[0]
        let last = view.tally.rounds[view.tally.rounds.count - 1]
        let bases = (view.shareBase(first), view.shareBase(last))
        var heads = [words.option, words.firstPreferences]
        if bases.0 != nil { heads.append(words.share) }
        heads.append(words.finalRound)
        if bases.1 != nil { heads.append(words.share) }
        var html =
            "<div class=\"sr\"><table><caption>\(escape(words.chartFigures))</caption><thead><tr>"
            + heads.map { "<th scope=\"col\">\(escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for candidate in shown {
            html += "<tr><th scope=\"row\">\(view.names[candidate])</th><td>\(view.figure(first.votes[candidate]))"
            if let base = bases.0 { html += "<td>" + view.language.percent(first.votes[candidate], of: base) }
            html += "<td>" + view.figure(last.votes[candidate])
            if let base = bases.1 { html += "<td>" + view.language.percent(last.votes[candidate], of: base) }
            html += "</tr>"
        }
        return html + "</tbody></table></div>"
    }

    /// Every option of a one-round count with its figure and share, best first.
    private static func allFigures(_ view: ResultsView) -> String {
        let words = view.words
        let round = view.tally.rounds[0]
        let base = view.shareBase(round)
        let unit =
            switch view.unit {
            case .votes: words.votesHeader
            case .points: words.pointsHeader
            case .wins: words.winsHeader
            }
        var html =
            "<table><caption>\(escape(words.allOptions))</caption><thead><tr><th scope=\"col\">"
            + "\(escape(words.option))</th><th scope=\"col\">\(escape(unit))</th>"
            + (base == nil ? "" : "<th scope=\"col\">\(escape(words.share))</th>") + "</tr></thead><tbody>"
        for candidate in view.tally.ranking {
            html += "<tr><th scope=\"row\">\(view.names[candidate])</th><td>\(view.figure(round.votes[candidate]))"
            if let base { html += "<td>" + view.language.percent(round.votes[candidate], of: base) }
            html += "</tr>"
        }
        return html + "</tbody></table>"
    }
}
