import Foundation
import Testing
import VoxPopCampaigns
import VoxPopCounting
import VoxPopFoundation
import VoxPopTestSupport

@testable import VoxPopEngine

/// The results page as people read it: wording that fits the ballot, every word in the page's
/// language, numbers in its style, rounds that add up, and a 100-option STV count small enough
/// for a phone.
@Suite struct PublicationHTMLTests {
    /// The drawings-to-toys campaign: 100 options, 10 seats.
    static let toys: Campaign = {
        let loaded = CampaignLoader.load(
            paths: [EngineHarness.repository.appendingPathComponent("Campaigns/drawings-to-toys.json").path])
        return loaded.campaigns[0].campaign
    }()

    /// SplitMix64, seeded, so a profile repeats.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
        mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    }

    /// `voters` rankings of 1 to 20 of the toys' 100 drawings, some drawings far more liked than
    /// others (weights 1/rank^0.8), as a real vote of children's drawings would be.
    static func toysCount(voters: Int, seed: UInt64) throws -> Tally {
        let options = toys.ballots[0].options
        var box = BallotBox(candidates: options.map { $0.label.text() })
        var random = Random(state: seed)
        let weights = options.indices.map { 1 / pow(Double($0 + 1), 0.8) }
        let total = weights.reduce(0, +)
        for _ in 0..<voters {
            let length = 1 + min(19, Int(-log(1 - random.unit()) * 5))
            var ranking: [UInt16] = []
            while ranking.count < length {
                var pick = random.unit() * total
                var choice = 0
                while pick > weights[choice] {
                    pick -= weights[choice]
                    choice += 1
                }
                if !ranking.contains(UInt16(choice)) { ranking.append(UInt16(choice)) }
            }
            box.add(ranking, weight: 1)
        }
        return try Counter.count(box, method: .stv, options: CountOptions(seats: 10, seed: toys.tieBreakSeed))
    }

    static func publication(
        _ tally: Tally, campaign: Campaign = toys, labels: [LocalizedText?]? = nil, goingOn: Int? = nil,
        feedsFinal: Bool = false, live: Bool = false
    ) -> Publisher.Publication {
        let ballot = campaign.ballots[0]
        return Publisher.Publication(
            campaign: campaign.id, ballot: ballot.id, title: campaign.title, question: ballot.question,
            labels: labels ?? ballot.options.map(\.label), goingOn: goingOn, feedsFinal: feedsFinal, live: live,
            accent: campaign.theme?.accent, firstLanguage: ResultsLanguage.first(of: campaign), tally: tally,
            json: "{}", votes: Int(tally.ballots), auditDigest: String(repeating: "ab", count: 32))
    }

    @Test(arguments: [(1_500, UInt64(1)), (10_000, UInt64(2)), (30, UInt64(3))])
    func aHundredOptionSTVPageStaysUnder60KBInEveryLanguage(voters: Int, seed: UInt64) throws {
        let tally = try Self.toysCount(voters: voters, seed: seed)
        #expect(tally.rounds.count > 80, "a long count: \(tally.rounds.count) rounds")
        for language in ResultsLanguage.allCases {
            let page = PublicationHTML.render(Self.publication(tally), in: language, links: .files)
            #expect(page.utf8.count < 60_000, "\(voters) voters, \(language): \(page.utf8.count) bytes")
        }
    }
}

extension PublicationHTMLTests {
    static func campaign(_ file: String) -> Campaign {
        let path = EngineHarness.repository.appendingPathComponent("Campaigns/\(file)").path
        return CampaignLoader.load(paths: [path]).campaigns[0].campaign
    }

    /// A count of `ballots` (names in preference order) over `candidates`.
    static func count(
        _ method: CountingMethod, _ candidates: [String], _ ballots: [(Int64, [String])], seats: Int = 1,
        shortlist: Int? = nil, seed: String = "voxpop"
    ) throws -> Tally {
        var box = BallotBox(candidates: candidates)
        for (weight, names) in ballots {
            box.add(names.map { UInt16(candidates.firstIndex(of: $0)!) }, weight: weight)
        }
        return try Counter.count(
            box, method: method, options: CountOptions(seats: seats, shortlist: shortlist, seed: seed))
    }

    /// The quick poll's colours counted: Red 3, Blue 2, Green 1.
    static func colours(live: Bool = false, goingOn: Int? = nil, feedsFinal: Bool = false) throws
        -> Publisher.Publication
    {
        let poll = campaign("quick-poll.json")
        let tally = try count(
            .plurality, ["Red", "Blue", "Green", "Yellow"], [(3, ["Red"]), (2, ["Blue"]), (1, ["Green"])])
        return publication(tally, campaign: poll, goingOn: goingOn, feedsFinal: feedsFinal, live: live)
    }

    @Test func theLanguageIsTheQueryThenAcceptLanguageThenTheCampaignsFirst() {
        let airline = Self.campaign("airline-summer.json")  // {"sv": ..., "en": ...}
        let poll = Self.campaign("quick-poll.json")  // {"en": ..., "sv": ...}
        let hires = Self.campaign("candidate-hires.json")  // {"nb": ..., "en": ...}
        #expect(ResultsLanguage.pick(query: "da", acceptLanguage: "sv", campaign: airline) == .da)
        #expect(ResultsLanguage.pick(query: "fi", acceptLanguage: "nb-NO,sv;q=0.5", campaign: airline) == .nb)
        #expect(ResultsLanguage.pick(query: nil, acceptLanguage: "fr, da;q=0.8, sv;q=0.9", campaign: poll) == .sv)
        #expect(ResultsLanguage.pick(query: nil, acceptLanguage: "de-DE, no", campaign: poll) == .nb)
        #expect(ResultsLanguage.pick(query: nil, acceptLanguage: "nn", campaign: nil) == .nb)
        #expect(ResultsLanguage.pick(query: nil, acceptLanguage: "sv;q=0, fr", campaign: poll) == .en, "q=0: not")
        #expect(ResultsLanguage.pick(query: nil, acceptLanguage: "fr", campaign: airline) == .sv)
        #expect(ResultsLanguage.pick(query: nil, acceptLanguage: nil, campaign: hires) == .nb)
        #expect(ResultsLanguage.pick(query: "", acceptLanguage: "", campaign: poll) == .en)
        var plain = poll
        plain.title = LocalizedText("Which colour?")
        #expect(ResultsLanguage.pick(query: nil, acceptLanguage: nil, campaign: plain) == .en, "no language: English")
        plain.title = LocalizedText(translations: [("fi", "Mikä väri?"), ("da", "Hvilken farve?")])
        #expect(ResultsLanguage.first(of: plain) == .en, "the first translation's language, if VoxPop speaks it")
    }

    @Test func numbersUseEachLanguagesSeparatorsAndRoundToOneDecimal() {
        let stv: Int64 = 123_456_78_901  // 123,456.78901 in STV's units of 0.00001
        #expect(ResultsLanguage.en.number(stv, scale: 100_000) == "123,456.8")
        #expect(ResultsLanguage.sv.number(stv, scale: 100_000) == "123\u{A0}456,8")
        #expect(ResultsLanguage.nb.number(stv, scale: 100_000) == "123\u{A0}456,8")
        #expect(ResultsLanguage.da.number(stv, scale: 100_000) == "123.456,8")
        #expect(ResultsLanguage.en.number(1_234) == "1,234")
        #expect(ResultsLanguage.en.number(999) == "999")
        #expect(ResultsLanguage.en.number(1_234_567) == "1,234,567")
        #expect(ResultsLanguage.en.number(137_00000, scale: 100_000) == "137", "no .0")
        #expect(ResultsLanguage.en.number(4_95000, scale: 100_000) == "5", "4.95 rounds half up")
        #expect(ResultsLanguage.en.number(4_94999, scale: 100_000) == "4.9")
        #expect(ResultsLanguage.en.number(5, scale: 2) == "2.5", "Copeland's doubled scores")
        #expect(ResultsLanguage.en.percent(1, of: 3) == "33.3%")
        #expect(ResultsLanguage.sv.percent(1, of: 3) == "33,3\u{A0}%")
        #expect(ResultsLanguage.da.percent(3, of: 100) == "3,0\u{A0}%", "a share keeps its decimal")
        #expect(ResultsLanguage.en.percent(2, of: 3) == "66.7%")
        #expect(ResultsLanguage.en.percent(1, of: 0) == "–")
    }

    @Test func countsTakeTheRightNounInEachLanguage() {
        func votes(_ language: ResultsLanguage, _ units: Int64, scale: Int64 = 1) -> String {
            language.count(units, scale: scale, language.words.vote)
        }
        #expect(votes(.en, 1) == "1 vote")
        #expect(votes(.en, 2) == "2 votes")
        #expect(votes(.en, 0) == "0 votes")
        #expect(votes(.en, 1_50000, scale: 100_000) == "1.5 votes")
        #expect(votes(.en, 1_00000, scale: 100_000) == "1 vote")
        #expect(votes(.sv, 1) == "1 röst")
        #expect(votes(.sv, 2) == "2 röster")
        #expect(votes(.nb, 1) == "1 stemme")
        #expect(votes(.nb, 2) == "2 stemmer")
        #expect(votes(.da, 1) == "1 stemme")
        #expect(votes(.da, 1_234) == "1.234 stemmer")
        #expect(ResultsLanguage.en.count(1, ResultsLanguage.en.words.voters) == "1 person has voted.")
        #expect(ResultsLanguage.sv.count(2, ResultsLanguage.sv.words.voters) == "2 personer har röstat.")
        #expect(ResultsLanguage.en.count(1, ResultsLanguage.en.words.seat) == "1 seat")
        #expect(ResultsLanguage.da.count(10, ResultsLanguage.da.words.seat) == "10 pladser")
        #expect(ResultsLanguage.sv.list(["A", "B", "C"]) == "A, B och C")
    }

    @Test func theOutcomeIsWordedForTheBallot() throws {
        func page(_ publication: Publisher.Publication, _ language: ResultsLanguage = .en) -> String {
            PublicationHTML.render(publication, in: language, links: .files)
        }
        let single = page(try Self.colours())
        #expect(single.contains("<h2>Winner</h2><p class=\"w\">Red</p>"))
        #expect(page(try Self.colours(), .sv).contains("<h2>Vinnare</h2><p class=\"w\">Röd</p>"), "labels by language")
        #expect(page(try Self.colours(), .da).contains("<h2>Vinder</h2>"))

        let shortlist = page(try Self.colours(goingOn: 2, feedsFinal: true))
        #expect(shortlist.contains("<h2>Going on to the final</h2><ol class=\"w\"><li>Red</li><li>Blue</li></ol>"))
        #expect(!shortlist.contains("Winner"))
        #expect(page(try Self.colours(goingOn: 2, feedsFinal: true), .nb).contains("<h2>Går videre til finalen</h2>"))
        // A shortlist that feeds no ballot (a product's three best names) is the top, not a final.
        let top = page(try Self.colours(goingOn: 2))
        #expect(top.contains("<h2>The top 2</h2><ol class=\"w\"><li>Red</li><li>Blue</li></ol>"))
        #expect(!top.contains("final"))
        #expect(page(try Self.colours(goingOn: 2), .sv).contains("<h2>Topp 2</h2>"))

        let toys = try Self.toysCount(voters: 300, seed: 4)
        let elected = page(Self.publication(toys))
        #expect(elected.contains("<h2>Elected (10 seats)</h2><ol class=\"w\">"))
        #expect(!elected.contains("Winner"))
        #expect(page(Self.publication(toys), .sv).contains("<h2>Valda (10 platser)</h2>"))
        #expect(page(Self.publication(toys), .da).contains("<h2>Valgt (10 pladser)</h2>"))

        #expect(page(try Self.colours(live: true)).contains("<h2>In the lead</h2><p class=\"w\">Red</p>"))
        #expect(page(try Self.colours(live: true, goingOn: 2)).contains("<h2>The top 2 so far</h2>"))
        #expect(page(try Self.colours(live: true)).contains("Live results"))
    }

    @Test func aSentenceSaysWhenALotDecidedATieAcrossTheLine() throws {
        let poll = Self.campaign("quick-poll.json")
        let tied = try Self.count(
            .plurality, ["Red", "Blue", "Green", "Yellow"], [(2, ["Red"]), (2, ["Blue"]), (1, ["Green"])],
            seed: poll.tieBreakSeed)
        let order = try #require(tied.lots.first).map { ["Red", "Blue", "Green", "Yellow"][$0] }
        #expect(Set(order) == ["Red", "Blue"])
        let page = PublicationHTML.render(Self.publication(tied, campaign: poll), in: .en, links: .files)
        #expect(page.contains("<p class=\"w\">\(order[0])</p>"), "the lot's first wins")
        #expect(
            page.contains("<p>A tie between \(order[0]) and \(order[1]) was decided by the lot, in that order.</p>"))
        let swedish = PublicationHTML.render(Self.publication(tied, campaign: poll), in: .sv, links: .files)
        #expect(swedish.contains("genom lottning"))

        // A tie among those left out changes nothing anyone reads: no sentence for it.
        let clear = try Self.count(.plurality, ["Red", "Blue", "Green", "Yellow"], [(3, ["Red"]), (1, ["Blue"])])
        let quiet = PublicationHTML.render(Self.publication(clear, campaign: poll), in: .en, links: .files)
        #expect(!quiet.contains("A tie between"))
        #expect(quiet.contains("The lot also ordered other tied options"), "Green and Yellow, both 0")
    }

    @Test func noVotesShowNoWinner() throws {
        let poll = Self.campaign("quick-poll.json")
        let none = try Self.count(.plurality, ["Red", "Blue"], [])
        let page = PublicationHTML.render(Self.publication(none, campaign: poll, live: true), in: .en, links: .route)
        #expect(page.contains("No votes have been counted yet."))
        #expect(page.contains("0 people have voted."))
        #expect(!page.contains("In the lead") && !page.contains("<svg"))
    }
}

extension PublicationHTMLTests {
    /// The cells of the rounds table's row whose header is `name`, as shown.
    static func row(_ page: String, _ name: String) -> [String] {
        guard let start = page.range(of: "<th scope=\"row\">\(name)</th>") else { return [] }
        let rest = page[start.upperBound...]
        let end = rest.range(of: "<tr>")?.lowerBound ?? rest.range(of: "</tfoot>")!.lowerBound
        return rest[..<end].replacingOccurrences(of: "</tr>", with: "").components(separatedBy: "<td>").dropFirst()
            .map { $0 }
    }

    @Test func eachRoundShowsItsInactiveBallotsAndAddsUp() throws {
        // IRV: two voters rank only C, one ballot is blank.
        let irv = try Self.count(.irv, ["A", "B", "C"], [(4, ["A"]), (3, ["B", "A"]), (2, ["C"]), (1, [])])
        let page = PublicationHTML.render(Self.publication(irv, labels: []), in: .en, links: .files)
        #expect(Self.row(page, "Inactive: blank or no choice left") == ["1", "3"])
        #expect(Self.row(page, "Total") == ["10", "10"])
        #expect(page.contains("each round adds up to the 10 ballots counted"))

        // Scottish STV: losses to rounding have a row of their own; blank cells repeat the figure before.
        let stv = try Self.toysCount(voters: 2_000, seed: 5)
        let toys = PublicationHTML.render(Self.publication(stv), in: .en, links: .files)
        let total = Self.row(toys, "Total")
        #expect(total.first == "2,000" && total.last == "2,000")
        #expect(total.dropFirst().dropLast().allSatisfy { $0.isEmpty }, "the total never changes")
        let lost = Self.row(toys, "Lost to rounding")
        #expect(lost.isEmpty || lost.count == stv.rounds.count, "a row only when a loss shows")
        #expect(Self.row(toys, "Inactive: blank or no choice left").count == stv.rounds.count)
        for round in stv.rounds {
            #expect(round.votes.reduce(0, +) + round.inactive + round.lossByFractions == 2_000 * stv.scale)
        }
    }

    @Test func figuresShowAtMostOneDecimalWhileTheJSONKeepsFive() throws {
        let stv = try Self.toysCount(voters: 1_000, seed: 6)
        let page = PublicationHTML.render(Self.publication(stv), in: .en, links: .files)
        #expect(page.range(of: #"<td>[0-9,]*\.[0-9]{2}"#, options: .regularExpression) == nil, "at most one decimal")
        #expect(page.range(of: #"<td>[0-9,]*\.[0-9]<"#, options: .regularExpression) != nil, "fractions show")
        #expect(stv.json().range(of: #"\.[0-9]{5}"#, options: .regularExpression) != nil)
    }

    @Test func aPhoneHidesTheRoundsThatChangedNothing() throws {
        // 30 voters leave most drawings with no vote: excluding one moves nothing.
        let stv = try Self.toysCount(voters: 30, seed: 3)
        let page = PublicationHTML.render(Self.publication(stv), in: .en, links: .files)
        let table = try #require(page.range(of: "<table class=\"r\">"))
        let heads = page[table.upperBound...].components(separatedBy: "<th scope=\"col\"").dropFirst(2).map { $0 }
        #expect(heads.count == stv.rounds.count)
        var quiet: [Int] = []
        for (index, round) in stv.rounds.enumerated() {
            let moved = round.transfers?.contains { $0 != 0 } ?? true
            let exhausted = index > 0 && round.inactive != stv.rounds[index - 1].inactive
            let changed = index == 0 || index == stv.rounds.count - 1 || !round.elected.isEmpty || moved || exhausted
            #expect(heads[index].hasPrefix(" class=\"q\">") == !changed, "round \(index + 1)")
            if !changed { quiet.append(index) }
        }
        #expect(quiet.count > 30, "most exclusions moved nothing: \(quiet.count)")
        let media = try #require(page.range(of: "@media(max-width:600px){"))
        let rules = page[media.upperBound..<(try #require(page.range(of: "</style>"))).lowerBound]
        #expect(rules.contains(quiet.map { ".r tr>:nth-child(\($0 + 2))" }.joined(separator: ",") + "{display:none"))
        #expect(
            page.contains("<span class=\"ph\"> On a narrow screen only the rounds that changed something are shown."))

        let busy = PublicationHTML.render(
            Self.publication(try Self.toysCount(voters: 3_000, seed: 7)), in: .en, links: .files)
        #expect(!busy.contains("nth-child") && !busy.contains(" class=\"q\""), "every round moved votes")
    }

    /// Every English word a page can show, split where figures and names go.
    static func englishFragments() -> [String] {
        var texts: [String] = []
        for child in Mirror(reflecting: ResultsWords.english).children {
            if let text = child.value as? String { texts.append(text) }
            if let noun = child.value as? ResultsWords.Noun { texts += [noun.one, noun.other] }
        }
        return texts.flatMap { $0.components(separatedBy: "%@") }.map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
        }.filter { $0.count >= 6 && $0 != "English" }
    }

    @Test func everyWordOfAPageIsInItsLanguage() throws {
        let fragments = Self.englishFragments()
        #expect(fragments.count > 50)
        let airline = Self.campaign("airline-summer.json")
        let irv = try Self.count(
            .irv, ["Paris", "Rome", "Oslo"], [(4, ["Paris"]), (3, ["Rome", "Oslo"]), (2, ["Oslo"]), (1, [])])
        let stv = try Self.toysCount(voters: 30, seed: 3)
        var pages = [
            PublicationHTML.render(Self.publication(stv), in: .en, links: .files),
            PublicationHTML.render(Self.publication(irv, campaign: airline, labels: []), in: .en, links: .files),
        ]
        #expect(pages.allSatisfy { page in fragments.contains { page.contains($0) } }, "the check can see English")
        for language in [ResultsLanguage.sv, .nb, .da] {
            pages = [
                PublicationHTML.render(Self.publication(stv), in: language, links: .files),
                PublicationHTML.render(Self.publication(stv, live: true), in: language, links: .route),
                PublicationHTML.render(
                    Self.publication(irv, campaign: airline, labels: [], goingOn: 2), in: language, links: .files),
                PublicationHTML.render(
                    Self.publication(irv, campaign: airline, labels: []), in: language, links: .files),
                PublicationHTML.render(try Self.colours(), in: language, links: .files),
            ]
            for page in pages {
                #expect(page.contains("<html lang=\"\(language.rawValue)\""))
                for fragment in fragments where page.contains(fragment) {
                    Issue.record("\(language) page shows English: \"\(fragment)\"")
                }
            }
        }
        let swedish = PublicationHTML.render(
            Self.publication(irv, campaign: airline, labels: []), in: .sv, links: .files)
        #expect(swedish.contains("<h1>Vilken stad ska vårt sommarplan flyga till?</h1>"), "the campaign's own texts")
        #expect(swedish.contains("Du bestämmer vart sommarplanet flyger"))
    }

    @Test func everyTextFromACampaignOrAWriteInIsEscaped() throws {
        let hostile = [
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "<\u{301}x-evil>", ">\u{301}<x-evil>",
            "' data-evil='1", "a & b", "%@ <b>%@</b>",
        ]
        var poll = Self.campaign("quick-poll.json")
        poll.title = LocalizedText(translations: [("sv", hostile[0]), ("en", hostile[1])])
        poll.ballots[0].question = LocalizedText(hostile[2])
        poll.tieBreakSeed = hostile[3]
        let tally = try Self.count(
            .irv, hostile, hostile.enumerated().map { (Int64($0.offset + 1), [$0.element, hostile[0]]) },
            seed: hostile[3])
        var publication = Self.publication(tally, campaign: poll, labels: [LocalizedText(hostile[4])])
        publication.auditDigest = hostile[5]
        publication.accent = "#fff;}body{display:none}"
        for language in ResultsLanguage.allCases {
            for links in [PublicationHTML.Links.files, .route] {
                let page = PublicationHTML.render(publication, in: language, links: links)
                #expect(!page.contains("<script") && !page.contains("<img") && !page.contains("<x-evil"))
                #expect(!page.contains("<b>") && !page.contains("data-evil='") && !page.contains("a & b"))
                #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;") || language != .sv)
                #expect(page.contains("%@ &lt;b&gt;%@&lt;/b&gt;"), "a name holding %@ stays as written")
                #expect(page.contains(":root{--a:#1a5fb4}"), "an accent that is no colour stays out of the style")
            }
        }
    }

    @Test func theStyleHashIsThatOfThePagesOwnStyle() throws {
        for accent in [nil, "#7a3e9d"] {
            var publication = Self.publication(try Self.toysCount(voters: 30, seed: 3))
            publication.accent = accent
            let page = PublicationHTML.render(publication, in: .nb, links: .files)
            let start = try #require(page.range(of: "<style>"))
            let end = try #require(page.range(of: "</style>"))
            let style = Array(page[start.upperBound..<end.lowerBound].utf8)
            #expect(
                PublicationHTML.styleHash(of: page)
                    == "'sha256-" + Data(SHA256.hash(style)).base64EncodedString() + "'")
            #expect(page.contains(":root{--a:\(accent ?? "#1a5fb4")}"))
        }
        #expect(PublicationHTML.styleHash(of: "<p>no style</p>") == nil)
    }
}
