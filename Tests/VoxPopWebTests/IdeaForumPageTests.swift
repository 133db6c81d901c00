import Foundation
import Testing
import VoxPopEngine
import VoxPopTestSupport

@testable import VoxPopWeb

/// The idea forum is public to read: anyone sees its public ideas with their status and points,
/// sorted by points or newest, and is told to open their voter link to vote. A returning voter
/// on a `replace` ballot finds the current vote filled in, so a revote does not wipe it.
@Suite struct IdeaForumPageTests {
    @Test func aVisitorWithoutALinkSeesTheIdeasAndTheirPoints() throws {
        let pages = try VoterPagesHarness()
        let idea = try pages.engine.suggest(
            campaign: "idea-forum", ballot: "ideas", voter: .token("ann"), text: "Recipes"
        )
        .get()
        _ = try pages.engine.setIdeaStatus(campaign: "idea-forum", ballot: "ideas", id: idea.id, status: .planned)
        for (voter, points) in [("a", #"{"dark-mode": 4, "shared-lists": 6}"#), ("b", #"{"shared-lists": 3}"#)] {
            let vote = pages.web.send(
                "POST", "/v1/campaigns/idea-forum/ballots/ideas/votes",
                headers: pages.web.token("idea-forum", voter: voter, secretOf: "IDEAS_VOTER_SECRET"),
                body: #"{"points": \#(points)}"#)
            #expect(vote.status == 201)
        }
        let page = pages.get("/c/idea-forum?lang=sv").body
        #expect(page.contains("Öppna din röstlänk för att rösta och föreslå idéer."))
        #expect(!page.contains("<form method=\"post\""), "nothing to send without a link")
        let shown = page.components(separatedBy: #"<li data-option=""#).dropFirst().map {
            String($0.prefix { $0 != "\"" })
        }
        #expect(shown == ["shared-lists", "dark-mode", "offline-lists", "receipt-scan", "price-alerts", idea.id])
        #expect(
            page.contains(
                #"<p class="name">Dela en lista med mitt hushåll<span class="tag">granskas</span></p><p class="score">Poäng: 9</p>"#
            ), "the file's ideas have statuses too")
        #expect(page.contains(#"Recipes<span class="tag">planerad</span>"#))
        let newest = pages.get("/c/idea-forum?lang=en&sort=new").body
        #expect(newest.components(separatedBy: #"<li data-option=""#).dropFirst().first?.hasPrefix(idea.id) == true)
        #expect(newest.contains(#"<a href="/c/idea-forum?lang=en&amp;sort=new" aria-current="true">Newest</a>"#))
    }

    @Test func aReturningVoterFindsTheCurrentVoteFilledIn() throws {
        let pages = try VoterPagesHarness()
        let token = pages.token("idea-forum", voter: "ann", secretOf: "IDEAS_VOTER_SECRET")
        #expect(
            pages.post("/c/idea-forum/ideas", form: "t=\(token)&points-dark-mode=6&points-receipt-scan=3").status == 201
        )
        let page = pages.get("/c/idea-forum?t=\(token)").body
        #expect(page.contains("Your vote is filled in below."))
        #expect(page.contains(#"name="points-dark-mode" id="ideas-0" min="0" max="10" value="6">"#))
        #expect(
            page.range(
                of: #"name="points-receipt-scan" id="ideas-\d" min="0" max="10" value="3">"#,
                options: .regularExpression) != nil)
        #expect(
            page.range(
                of: #"name="points-shared-lists" id="ideas-\d" min="0" max="10" value="0">"#,
                options: .regularExpression) != nil)
        let other = pages.get(
            "/c/idea-forum?t=\(pages.token("idea-forum", voter: "bob", secretOf: "IDEAS_VOTER_SECRET"))")
        #expect(!other.body.contains("filled in") && !other.body.contains(#"value="6""#))

        // The quick poll (open, replace): the browser's choice comes back checked.
        let first = pages.post("/c/quick-poll/colour", form: "choice=green")
        let cookie = try #require(VoterPagesHarness.cookie(first))
        #expect(pages.get("/c/quick-poll", cookie: cookie).body.contains(#"value="green" id="colour-"#))
        #expect(
            pages.get("/c/quick-poll", cookie: cookie).body.range(
                of: #"value="green" id="colour-\d" checked>"#, options: .regularExpression) != nil)
    }

    /// Ideas merged or declined since a voter gave them points are shown with no field (a merged
    /// one says where to give its points, and the returning voter's points are there already, as
    /// the count has them); a post naming one says which idea it is; replies show under ideas.
    @Test func mergedAndDeclinedIdeasTakeNoFieldAndRepliesShow() throws {
        let pages = try VoterPagesHarness()
        let engine = pages.engine
        let idea = try engine.suggest(campaign: "idea-forum", ballot: "ideas", voter: .token("bo"), text: "Dark theme")
            .get()
        _ = try engine.setIdeaStatus(campaign: "idea-forum", ballot: "ideas", id: idea.id, status: .underReview)
        let token = pages.token("idea-forum", voter: "ann", secretOf: "IDEAS_VOTER_SECRET")
        let sent = pages.post(
            "/c/idea-forum/ideas", form: "t=\(token)&points-dark-mode=2&points-\(idea.id)=5&points-price-alerts=3")
        #expect(sent.status == 201)
        _ = try engine.mergeIdea(campaign: "idea-forum", ballot: "ideas", id: idea.id, into: "dark-mode")
        _ = try engine.setIdeaStatus(campaign: "idea-forum", ballot: "ideas", id: "price-alerts", status: .declined)
        _ = try engine.replyToIdea(
            campaign: "idea-forum", ballot: "ideas", id: "shared-lists", text: "Coming in <b>May</b>.")

        let page = pages.get("/c/idea-forum?lang=en&t=\(token)").body
        #expect(!page.contains("name=\"points-\(idea.id)\"") && !page.contains("name=\"points-price-alerts\""))
        #expect(
            page.contains(
                #"<p class="name">Dark theme</p><p class="note">Merged into “Dark mode”: give your points there.</p>"#),
            "no status of its own beside it")
        #expect(page.contains(#"<span class="tag">declined</span>"#))
        #expect(
            page.range(
                of: #"name="points-dark-mode" id="ideas-\d" min="0" max="10" value="7">"#, options: .regularExpression)
                != nil, "the merged idea's 5 points are on the idea it joined")
        #expect(page.contains("<strong>The organisers reply:</strong></p><p>Coming in &lt;b&gt;May&lt;/b&gt;.</p>"))
        let visitor = pages.get("/c/idea-forum?lang=sv").body
        #expect(visitor.contains("<strong>Arrangörerna svarar:</strong></p><p>Coming in &lt;b&gt;May&lt;/b&gt;.</p>"))

        let stale = pages.post(
            "/c/idea-forum/ideas", form: "lang=sv&t=\(token)&points-price-alerts=2&points-dark-mode=1")
        #expect(stale.status == 422)
        #expect(
            stale.body.contains(PageHTML.escape("”Meddela mig när en favorit är på rea” tar inte emot fler poäng")),
            "\(stale.body)")
        let again = pages.post("/c/idea-forum/ideas", form: "t=\(token)&points-dark-mode=7&points-shared-lists=3")
        #expect(again.status == 201, "the page's own form, as filled in, is taken")
    }

    /// Merged into an idea that was merged in turn: the points are shown where the count has
    /// them, at the end of the chain; and a post's numbers, any whole number at all, for a merged
    /// idea are refused, never added up (Int.max there once stopped the server).
    @Test func aChainOfMergesAndHugeNumbersForAMergedIdea() throws {
        let pages = try VoterPagesHarness()
        let engine = pages.engine
        var ids: [String] = []
        for text in ["Chain A", "Chain B"] {
            let idea = try engine.suggest(campaign: "idea-forum", ballot: "ideas", voter: .token("bo"), text: text)
                .get()
            _ = try engine.setIdeaStatus(campaign: "idea-forum", ballot: "ideas", id: idea.id, status: .underReview)
            ids.append(idea.id)
        }
        let token = pages.token("idea-forum", voter: "ivy", secretOf: "IDEAS_VOTER_SECRET")
        #expect(
            pages.post("/c/idea-forum/ideas", form: "t=\(token)&points-\(ids[0])=4&points-\(ids[1])=2").status == 201)
        _ = try engine.mergeIdea(campaign: "idea-forum", ballot: "ideas", id: ids[0], into: ids[1])
        _ = try engine.mergeIdea(campaign: "idea-forum", ballot: "ideas", id: ids[1], into: "shared-lists")
        let page = pages.get("/c/idea-forum?lang=en&t=\(token)").body
        #expect(
            page.range(
                of: #"name="points-shared-lists" id="ideas-\d" min="0" max="10" value="6">"#,
                options: .regularExpression)
                != nil, "4 and 2 points, both at the end of the chain")
        #expect(page.components(separatedBy: "Merged into “Share a list with my household”").count == 3)

        for huge in ["9223372036854775807", "-9223372036854775808", "-1"] {
            let answer = pages.post(
                "/c/idea-forum/ideas", form: "lang=en&t=\(token)&points-\(ids[0])=\(huge)&points-shared-lists=1")
            #expect(answer.status == 422, "\(huge)")
        }
        #expect(pages.get("/healthz").status == 200 || pages.get("/c/idea-forum").status == 200, "still serving")
    }

    /// A suggestion that folds like an idea there already is told how that idea stands: merged
    /// (named by the idea it went into, where points go), declined, or still open.
    @Test func aDuplicateSuggestionIsToldHowTheIdeaStands() throws {
        let pages = try VoterPagesHarness()
        let engine = pages.engine
        let token = pages.token("idea-forum", voter: "ann", secretOf: "IDEAS_VOTER_SECRET")
        _ = try engine.mergeIdea(campaign: "idea-forum", ballot: "ideas", id: "offline-lists", into: "dark-mode")
        _ = try engine.setIdeaStatus(campaign: "idea-forum", ballot: "ideas", id: "receipt-scan", status: .declined)
        let suggest = { (text: String) in
            pages.post("/c/idea-forum/ideas/suggest", form: "lang=en&t=\(token)&idea=\(text)")
        }
        let merged = suggest("shopping+lists+that+work+OFFLINE")
        #expect(
            merged.status == 409
                && merged.alert
                    == PageHTML.escape("That idea is here already: “Dark mode”. Give it your points instead.")
        )
        let declined = suggest("Scan+paper+receipts")
        #expect(
            declined.alert
                == PageHTML.escape(
                    "That idea is here already: “Scan paper receipts”, and the organisers have declined it."))
        let open = suggest("dark+MODE")
        #expect(open.alert == PageHTML.escape("That idea is here already: “Dark mode”. Give it your points instead."))
        #expect(open.body.contains(#"value="dark MODE">"#), "the text comes back to be changed")
    }

    @Test func thePointsLeftRefuseAnOverspentVoteInThePagesWords() throws {
        let pages = try VoterPagesHarness()
        let page = pages.get(
            "/c/idea-forum?lang=da&t=\(pages.token("idea-forum", voter: "x", secretOf: "IDEAS_VOTER_SECRET"))")
        #expect(
            page.body.contains(
                #"data-words="{1} af {2} point tilbage|Du har givet {1} point, men har kun {2}. Fjern nogle, før du sender.""#
            ))
        #expect(
            page.body.contains(
                #"<div class="actions"><p class="left" aria-live="polite"></p><button type="submit">Stem</button></div>"#
            ))
    }
}
