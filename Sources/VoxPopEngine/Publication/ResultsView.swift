import VoxPopCounting

/// What a results page needs worked out once: the names in the page's language (escaped), what
/// the figures count, and how to write them.
struct ResultsView {
    /// What a count's figures are: votes (plurality, approval, IRV, STV), points (Borda, score,
    /// cumulative) or one-to-one wins (Schulze, ranked pairs, Copeland), which have no share.
    enum Unit { case votes, points, wins }

    let publication: Publisher.Publication
    let language: ResultsLanguage
    let words: ResultsWords
    /// Each candidate's name: the campaign file's label in the page's language when the file
    /// has the option, else the tally's name.
    let plainNames: [String]
    /// The same, escaped for the page.
    let names: [String]
    let unit: Unit
    /// Figures are in units of 1/`scale`: the tally's, but 2 for Copeland's doubled scores.
    let scale: Int64

    var tally: Tally { publication.tally }

    init(_ publication: Publisher.Publication, language: ResultsLanguage) {
        self.publication = publication
        self.language = language
        words = language.words
        let tally = publication.tally
        plainNames = tally.candidates.indices.map { index in
            let label = index < publication.labels.count ? publication.labels[index] : nil
            return label.map(language.text) ?? tally.candidates[index]
        }
        names = plainNames.map(PublicationHTML.escape)
        switch tally.method {
        case .plurality, .approval, .irv, .stv: unit = .votes
        case .borda, .score, .cumulative: unit = .points
        case .schulze, .rankedPairs, .copeland: unit = .wins
        }
        scale = tally.method == .copeland ? 2 : tally.scale
    }

    /// A figure for a table or the chart: at most one decimal, in the language's style.
    func figure(_ units: Int64) -> String { language.number(units, scale: scale) }

    /// A figure with its noun: "1 vote", "12,5 röster".
    func counted(_ units: Int64) -> String {
        let noun =
            switch unit {
            case .votes: words.vote
            case .points: words.point
            case .wins: words.win
            }
        return language.count(units, scale: scale, noun)
    }

    /// Whether anything was counted for anyone: a count of no votes shows no winner (a lot
    /// would pick one among options that all have nothing).
    var hasVotes: Bool {
        !tally.candidates.isEmpty && publication.votes > 0 && (tally.rounds.first?.votes.contains { $0 > 0 } ?? false)
    }

    /// The candidates the outcome names (winners, elected, or those going on to a final) and its
    /// heading.
    var outcome: (heading: String, candidates: [Int]) {
        let live = publication.live
        if let top = publication.goingOn {
            let going = Array(tally.ranking.prefix(top))
            let count = language.number(Int64(going.count))
            let heading =
                live ? fill(words.topSoFar, count) : publication.feedsFinal ? words.final : fill(words.top, count)
            return (heading, going)
        }
        if tally.seats > 1 {
            let heading =
                live
                ? fill(words.topSoFar, language.number(Int64(tally.winners.count)))
                : fill(words.elected, language.count(Int64(tally.seats), words.seat))
            return (heading, tally.winners)
        }
        return (live ? words.leading : words.winner, Array(tally.winners.prefix(1)))
    }

    /// The whole a round's figure is a share of: the voters for approval (each may approve
    /// several), else everything counted for someone in that round; nil for wins.
    func shareBase(_ round: TallyRound) -> Int64? {
        switch unit {
        case .wins: nil
        case .votes where tally.method == .approval: tally.ballots * tally.scale
        default: round.votes.reduce(0, +)
        }
    }
}
