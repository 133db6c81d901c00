import Foundation
import Testing
import VoxPopEngine
import VoxPopTestSupport

@testable import VoxPopWeb

/// A ranked ballot's form records what the voter ranked and nothing else: the form without the
/// script stores exactly the ranks given, in their order; nothing ranked is refused in the page's
/// language; the page offers every option to rank and fills in a returning voter's ranking.
@Suite struct RankingFormTests {
    @Test func theFormWithoutScriptStoresExactlyTheRanksGiven() throws {
        let pages = try VoterPagesHarness()
        let page = pages.get("/c/test")
        let cookie = try #require(VoterPagesHarness.cookie(page))
        #expect(cookie.hasPrefix("vp_voter="))
        let voter = Voter.open(String(cookie.dropFirst("vp_voter=".count)))

        let ranked = pages.post(
            "/c/test/six", form: "rank-a=&rank-b=1&rank-c=&rank-d=2&rank-e=&rank-f=", cookie: cookie)
        #expect(ranked.status == 201, "\(ranked.body)")
        #expect(try pages.engine.currentVote(campaign: "test", ballot: "six", voter: voter) == .choices(["b", "d"]))

        // Ranks with a gap, sent in another order, are the order of the ranks.
        let again = pages.post("/c/test/six", form: "rank-f=7&rank-b=3&rank-d=1", cookie: cookie)
        #expect(again.status == 201)
        #expect(
            try pages.engine.currentVote(campaign: "test", ballot: "six", voter: voter) == .choices(["d", "b", "f"]))
    }

    /// On a ballot of one vote each, a returning voter is told they voted instead of getting a
    /// fresh form that could only be refused after they filled it in again.
    @Test func aReturningVoterOnAOnceBallotIsToldTheyVoted() throws {
        let pages = try VoterPagesHarness()
        let first = pages.get("/c/test")
        let cookie = try #require(VoterPagesHarness.cookie(first))
        #expect(first.body.contains(#"action="/c/test/eight""#))
        #expect(pages.post("/c/test/eight", form: "choice=o3", cookie: cookie).status == 201)
        let back = pages.get("/c/test?lang=sv", cookie: cookie).body
        #expect(!back.contains(#"action="/c/test/eight""#), "no form for a ballot already voted on")
        #expect(back.contains("Du har redan röstat här; din första röst gäller."))
        #expect(back.contains(#"action="/c/test/six""#), "a replace ballot keeps its form")
        #expect(pages.get("/c/test").body.contains(#"action="/c/test/eight""#), "another browser still votes")
    }

    @Test func nothingRankedIsRefusedInThePagesLanguage() throws {
        let pages = try VoterPagesHarness()
        for (language, words) in [
            ("en", "Rank at least one option before you send."),
            ("sv", "Rangordna minst ett alternativ innan du skickar."),
            ("nb", "Ranger minst ett alternativ før du sender."), ("da", "Rangér mindst én mulighed, før du sender."),
        ] {
            let empty = pages.post("/c/test/six", form: "lang=\(language)&rank-a=&rank-b=")
            #expect(empty.status == 422)
            #expect(empty.body.contains(words), "\(language)")
        }
        let shared = pages.post("/c/test/six", form: "lang=sv&rank-a=1&rank-b=1")
        #expect(shared.body.contains("”Bokstaven A” och ”Letter B” har båda plats 1."))
        let typo = pages.post("/c/test/six", form: "lang=en&rank-c=first")
        #expect(typo.body.contains("“Letter C”: a rank is a whole number from 1."))
        #expect(typo.alert?.contains("rank-c") == false && typo.alert?.contains(">c<") == false)
        #expect(
            typo.body.contains(#"name="rank-c" id="six-"#) && typo.body.contains(#"value="first">"#), "kept as typed")
    }

    @Test func everyOptionCanBeRankedAndAReturningVoterFindsTheRanking() throws {
        let pages = try VoterPagesHarness()
        let first = pages.get("/c/test?lang=sv")
        let cookie = try #require(VoterPagesHarness.cookie(first))
        let ids = VoterPagesHarness.options(first.body, ballot: "six")
        #expect(Set(ids) == ["a", "b", "c", "d", "e", "f"])
        #expect(first.body.contains(#"<fieldset class="ranked" data-most="6" data-words="Rangordna|"#))
        #expect(!first.body.contains(#"min="1" value="#), "nothing is ranked until the voter ranks it")
        for id in ids { #expect(first.body.contains(#"name="rank-\#(id)""#)) }

        #expect(pages.post("/c/test/six", form: "rank-e=1&rank-a=2", cookie: cookie).status == 201)
        let back = pages.get("/c/test?lang=sv", cookie: cookie).body
        #expect(back.contains("Din röst är ifylld nedan."))
        #expect(back.range(of: #"name="rank-e" id="six-\d" min="1" value="1">"#, options: .regularExpression) != nil)
        #expect(back.range(of: #"name="rank-a" id="six-\d" min="1" value="2">"#, options: .regularExpression) != nil)
        #expect(back.range(of: #"name="rank-b" id="six-\d" min="1">"#, options: .regularExpression) != nil)
    }

    @Test func theScriptRanksOnlyWhatTheVoterRanks() throws {
        let script = WebAssets.script.bytes
        let text = String(decoding: script, as: UTF8.self)
        for action in ["'rank'", "'unrank'", "'up'", "'down'"] { #expect(text.contains(action)) }
        // The old script numbered the first `most` options after any move.
        #expect(!text.contains("i<most"))
        // What the browser checks (tools/browser-test) run; here only that the source says it.
        #expect(
            text.contains("addEventListener('submit',function(e){if(order.length){")
                && text.contains("e.preventDefault();summary.textContent=w[7]"), "an empty ranking is not sent")
        #expect(text.contains("sessionStorage"), "a reload keeps the ranking made so far")
    }
}
