import VoxPopCounting

extension PublicationHTML {
    /// Every round of a multi-round count as a table, a column per round and a row per option,
    /// with the inactive ballots (and STV's loss by fractions) below, so each column adds up to
    /// the ballots counted, as RCTab's round tables do.
    ///
    /// A cell is empty when the option's figure is the same as in the round before (most are,
    /// since a round moves few ballots), except in the first and the final round, so what moved
    /// stands out; an option's row ends with the round it left the count (its figure 0). Both
    /// keep a 100-option count small. Figures show at most one decimal; the JSON keeps them exact.
    /// `quiet` lists the rounds that changed nothing (an option with no votes excluded): a
    /// phone hides them (a media query in the page's style, by column).
    static func rounds(_ view: ResultsView) -> (html: String, quiet: [Int]) {
        let tally = view.tally
        let words = view.words
        let language = view.language
        let last = tally.rounds.count - 1

        // The round after which an excluded option's row ends: the first at or after its
        // exclusion where it holds nothing (Meek's method zeroes it a round later).
        var ends = [Int](repeating: last, count: tally.candidates.count)
        for (index, round) in tally.rounds.enumerated() {
            for candidate in round.excluded {
                ends[candidate] = (index...last).first { tally.rounds[$0].votes[candidate] == 0 } ?? last
            }
        }
        let quiet = tally.rounds.indices.filter { index in
            let round = tally.rounds[index]
            guard index > 0, index < last, round.elected.isEmpty, let transfers = round.transfers else { return false }
            return transfers.allSatisfy { $0 == 0 } && round.inactive == tally.rounds[index - 1].inactive
                && round.lossByFractions == tally.rounds[index - 1].lossByFractions
        }
        let quietSet = Set(quiet)

        var heads = ""
        for (index, round) in tally.rounds.enumerated() {
            var notes: [String] = []
            switch round.action {
            case .firstPreferences: notes.append(escape(words.firstPreferences))
            case .surplus(let candidate): notes.append(fill(escape(words.surplus), view.names[candidate]))
            case .exclusion(let candidate): notes.append(fill(escape(words.out), view.names[candidate]))
            case .count, .iteration: break
            }
            if !round.elected.isEmpty {
                let names = language.list(round.elected.map { view.names[$0] })
                if tally.seats == 1 {
                    notes.append(fill(escape(words.wins), names))
                } else {
                    let noun = round.elected.count == 1 ? words.electedIn.one : words.electedIn.other
                    notes.append(fill(escape(noun), names))
                }
            }
            heads +=
                "<th scope=\"col\"\(quietSet.contains(index) ? " class=\"q\"" : "")>"
                + escape(fill(words.round, language.number(Int64(index + 1))))
                + notes.map { "<span>\($0)</span>" }.joined() + "</th>"
        }

        /// A row's cells, empty where the figure shows the same as the round before.
        func cells(_ values: [Int64]) -> String {
            var html = ""
            var previous = ""
            for (index, value) in values.enumerated() {
                let figure = view.figure(value)
                html += index > 0 && index < last && figure == previous ? "<td>" : "<td>" + figure
                previous = figure
            }
            return html
        }
        let winners = Set(tally.winners)
        var body = ""
        for candidate in tally.ranking {
            body +=
                "<tr><th scope=\"row\"\(winners.contains(candidate) ? " class=\"e\"" : "")>\(view.names[candidate])</th>"
            body += cells(tally.rounds[...ends[candidate]].map { $0.votes[candidate] })
        }

        func row(_ name: String, _ value: (TallyRound) -> Int64) -> String {
            "<tr><th scope=\"row\">\(escape(name))</th>" + cells(tally.rounds.map(value))
        }
        var foot = row(words.inactive, \.inactive)
        // Losses to rounding are a few 0.00001 a transfer: a row only once they show.
        if tally.rounds.contains(where: { view.figure($0.lossByFractions) != "0" }) {
            foot += row(words.lost, \.lossByFractions)
        }
        foot += row(words.total) { $0.votes.reduce(0, +) + $0.inactive + $0.lossByFractions }

        let ballots = escape(language.count(tally.ballots, words.ballot))
        var caption = fill(escape(words.roundsCaption), ballots) + " " + escape(words.unchanged)
        if !quiet.isEmpty { caption += "<span class=\"ph\"> \(escape(words.phoneNote))</span>" }
        let html =
            "<h2 id=\"rounds\">\(escape(words.rounds))</h2>"
            + "<div class=\"s\" tabindex=\"0\" role=\"region\" aria-labelledby=\"rounds\"><table class=\"r\">"
            + "<caption>\(caption)</caption><thead><tr><th scope=\"col\">\(escape(words.option))</th>\(heads)</tr></thead>"
            + "<tbody>\(body)</tbody><tfoot>\(foot)</tfoot></table></div>"
        return (html, quiet)
    }
}
