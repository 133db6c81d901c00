import Foundation
import Testing
import VoxPopEngine
import VoxPopTestSupport

/// The console's desk (docs/console.md) driven as an operator would, over real sockets with a
/// session cookie and the form token: the overview, confirmations before close, open, publish and
/// withdraw, the review of a count, and the log. tools/console-test drives the same pages in
/// Chromium at phone and desktop widths.
@Suite struct ConsoleDeskTests {
    @Test func theOverviewShowsEachBallotInItsCampaignsTimeWithTheActionsItsStateAllows() throws {
        let api = try APIHarness(at: "2027-01-12T12:00Z")
        api.nominate([("Paris", 2)])
        let desk = try ConsoleOperator(api)
        let page = try desk.get("/admin/")
        #expect(page.status == 200)
        let body = page.body
        #expect(body.contains(#"<html lang="en">"#) && body.contains("/assets/console-"), "its own style sheet")
        #expect(!body.contains("<script") && !body.contains("style="), "no script, no inline style")
        #expect(body.contains("times in Europe/Stockholm"), "the zone is named")
        #expect(body.contains("<dt>Opens</dt><dd>2027-01-11 09:00</dd>"), "opens in local time, as the file says")
        #expect(body.contains("<dt>Closes</dt><dd>2027-01-18 09:00</dd>"))
        #expect(body.contains("<dt>Votes</dt><dd>2<svg"))
        #expect(body.contains(#"action="/admin/c/airline-summer/nominations/close""#), "Close now on an open ballot")
        #expect(body.contains(#"href="/admin/c/airline-summer/nominations/review">Review count (preliminary)"#))
        #expect(body.contains(#"href="/admin/c/airline-summer/nominations/write-ins">Write-ins"#))
        #expect(body.contains("Can open once Nominations is closed and counted"), "why the final cannot open yet")
        #expect(!body.contains(#"action="/admin/c/airline-summer/final/open""#))
        #expect(body.contains(#"action="/admin/c/candidate-hires/shortlist/open""#), "a scheduled ballot opens early")
        #expect(body.contains(#"href="/admin/c/candidate-hires/invites">Invites"#), "invite campaigns only")
        #expect(!body.contains(#"href="/admin/c/airline-summer/invites""#))
        #expect(body.contains(#"href="/admin/c/idea-forum/ideas/ideas">Ideas"#))
        #expect(body.contains(#"href="/admin/log?campaign=airline-summer&amp;ballot=nominations">Log"#))
        #expect(body.contains("<dt>Opens</dt><dd>when Nominations closes, then by an operator</dd>"))

        // Counted, the final waits for its operator: no past instant as its opening time.
        try api.at("2027-01-19T12:00Z")
        let waiting = try ConsoleOperator(api).get("/admin/").body  // a week on: signed in again
        #expect(waiting.contains("<dt>Opens</dt><dd>when you open it (its source is counted)</dd>"))
        #expect(waiting.contains(#"action="/admin/c/airline-summer/final/open""#))
    }

    @Test func closeOpenPublishAndWithdrawAskFirstAndOnlyTheConfirmedPostActs() throws {
        let api = try APIHarness(at: "2027-03-02T12:00Z")
        let desk = try ConsoleOperator(api)
        let engine = api.engine
        // Ingrid, Sofie and Jonas tie at one vote for second to fourth place: the lot cuts one.
        for (index, choices) in [
            ["ingrid-solberg", "amir-haddad"], ["amir-haddad"], ["sofie-lunde", "amir-haddad"], ["jonas-berg"],
        ].enumerated() {
            _ = try engine.addInvites(campaign: "candidate-hires", codes: ["CODE-\(index)-0000-0000-0000"])
            #expect(
                (try? engine.vote(
                    campaign: "candidate-hires", ballot: "shortlist", voter: .invite("CODE-\(index)-0000-0000-0000"),
                    vote: .choices(choices)
                ).get()) != nil)
        }
        let base = "/admin/c/candidate-hires/shortlist"

        // Close: a page that names the ballot and says what follows; nothing closes until confirmed.
        let ask = try desk.post(base + "/close", [])
        #expect(ask.status == 200)
        #expect(ask.body.contains("<h1>Close Shortlist (candidate-hires) now?</h1>"))
        #expect(ask.body.contains("Voting stops at once") && ask.body.contains("review and publish it"))
        #expect(ask.body.contains(#"<input type="hidden" name="confirm" value="yes">"#))
        #expect(engine.state(campaign: "candidate-hires", ballot: "shortlist") == .open)
        #expect(try desk.post(base + "/close", [("confirm", "no")]).status == 200)
        #expect(engine.state(campaign: "candidate-hires", ballot: "shortlist") == .open, "only yes acts")
        #expect(try desk.post(base + "/close", [("confirm", "yes")], token: false).status == 403, "no form token")
        #expect(engine.state(campaign: "candidate-hires", ballot: "shortlist") == .open)
        let closed = try desk.post(base + "/close", [("confirm", "yes")])
        #expect(closed.status == 303 && closed.header("Location") == "/admin/#b-candidate-hires-shortlist")
        #expect(engine.state(campaign: "candidate-hires", ballot: "shortlist") == .tallied, "manual: waits")
        #expect(try desk.post(base + "/close", []).status == 409, "a closed ballot is not asked about again")

        // Review before publish: the count, Publish and Withdraw beside it.
        let review = try desk.get(base + "/review")
        #expect(review.status == 200)
        #expect(review.body.contains("Counted, not yet published"))
        #expect(
            review.body.contains(
                #"<th scope="row">Amir Haddad <span class="tag">through</span></th><td class="n">3</td>"#))
        #expect(review.body.contains("<p>The top 3 go through: <strong>"), "a shortlist has no winner")
        #expect(!review.body.contains("<strong>Winner"))
        #expect(
            review.body.range(
                of:
                    #"<strong>A tie at the cut-off:</strong> [A-Za-z ,]+ are tied; the lot put [A-Za-z ]+ and [A-Za-z ]+ through\."#,
                options: .regularExpression) != nil, "the lot's cut in words")
        #expect(review.body.contains(#"action="/admin/c/candidate-hires/shortlist/publish""#))
        #expect(review.body.contains(#"name="options" value="amir-haddad""#))

        // Withdraw: asked, naming the option; then counted again without it.
        let withdraw = try desk.post(base + "/withdraw", [("options", "amir-haddad")])
        #expect(withdraw.status == 200)
        #expect(withdraw.body.contains("<h1>Withdraw Amir Haddad from Shortlist (candidate-hires)?</h1>"))
        #expect(withdraw.body.contains(#"<input type="hidden" name="options" value="amir-haddad">"#))
        #expect(try engine.tally(campaign: "candidate-hires", ballot: "shortlist")?.contains("withdrawn") == false)
        #expect(try desk.post(base + "/withdraw", []).status == 400, "nothing chosen")
        let withdrawn = try desk.post(base + "/withdraw", [("options", "amir-haddad"), ("confirm", "yes")])
        #expect(withdrawn.status == 303 && withdrawn.header("Location") == base + "/review?done=withdraw")
        let tally = try #require(try engine.tally(campaign: "candidate-hires", ballot: "shortlist"))
        #expect(tally.contains(#""withdrawn":["Amir Haddad"]"#), "recounted: \(tally.prefix(300))")
        let recounted = try desk.get(base + "/review?done=withdraw").body
        #expect(recounted.contains("Withdrawn. The count below is the new one"))
        #expect(recounted.contains("<strong>Withdrawn before publication:</strong> Amir Haddad"))
        #expect(!recounted.contains(#"<th scope="row">Amir Haddad"#), "no longer in the ranking")
        #expect(!recounted.contains(#"value="amir-haddad""#), "not offered again")

        // Publish: asked, then public and final.
        let publishAsk = try desk.post(base + "/publish", [])
        #expect(publishAsk.status == 200 && publishAsk.body.contains("Publish Shortlist (candidate-hires) now?"))
        #expect(engine.state(campaign: "candidate-hires", ballot: "shortlist") == .tallied)
        #expect(try desk.post(base + "/publish", [("confirm", "yes")]).status == 303)
        #expect(engine.state(campaign: "candidate-hires", ballot: "shortlist") == .published)
        #expect(try desk.get(base + "/review").body.contains("<strong>Published.</strong>"))
        let late = try desk.post(base + "/withdraw", [("options", "sofie-lunde"), ("confirm", "yes")])
        #expect(late.status == 409 && late.body.contains("published; its count is final"), "a console page, not a 500")
    }

    @Test func openNowAsksAndTheEngineSaysWhyASourceMustBeCountedFirst() throws {
        let api = try APIHarness(at: "2027-01-12T12:00Z")
        let desk = try ConsoleOperator(api)
        let ask = try desk.post("/admin/c/airline-summer/final/open", [])
        #expect(ask.status == 200 && ask.body.contains("<h1>Open Final (airline-summer) now?</h1>"))
        #expect(ask.body.contains("Its options are the top 10 of Nominations"))
        let refused = try desk.post("/admin/c/airline-summer/final/open", [("confirm", "yes")])
        #expect(refused.status == 409 && refused.body.contains("close it first"), "the engine's words on a page")
        #expect(api.engine.state(campaign: "airline-summer", ballot: "final") == .scheduled)

        let early = try desk.post("/admin/c/candidate-hires/shortlist/open", [("confirm", "yes")])
        #expect(early.status == 303)
        #expect(api.engine.state(campaign: "candidate-hires", ballot: "shortlist") == .open, "opened early")
    }

    @Test func theReviewShowsAPreliminaryCountWithATieAtTheCutOffThenRankedRounds() throws {
        let api = try APIHarness(at: "2027-01-12T12:00Z")
        api.nominate(
            [
                ("London", 12), ("Paris", 11), ("Tokyo", 10), ("Rome", 9), ("Berlin", 8), ("Lisbon", 7), ("Oslo", 6),
                ("Reykjavik", 5), ("New York", 4), ("Bali", 3), ("madrid", 3), ("<b>Mordor</b>", 1),
            ])
        let desk = try ConsoleOperator(api)
        let base = "/admin/c/airline-summer/nominations"
        let review = try desk.get(base + "/review").body
        #expect(review.contains("<strong>Preliminary.</strong>"))
        #expect(review.contains("The top 10 go on to <strong>Final</strong>"))
        let tie = try #require(
            review.components(separatedBy: "<strong>A tie at 10th place:</strong> ").dropFirst().first)
        let sentence = String(tie.prefix { $0 != "<" })
        #expect(
            sentence == "Bali and madrid have 3 votes each; the lot will decide unless you merge write-ins."
                || sentence == "madrid and Bali have 3 votes each; the lot will decide unless you merge write-ins.",
            "\(sentence)")
        #expect(review.contains(#"<tr class="cut"><td class="n">10</td>"#), "the cut-off line")
        #expect(review.contains("&lt;b&gt;Mordor&lt;/b&gt;") && !review.contains("<b>Mordor"), "voter text escaped")

        // Merging the tied write-in away ends the tie.
        try api.engine.decideWriteIns(
            campaign: "airline-summer", ballot: "nominations", ids: ["madrid"], action: "merge", into: "Bali")
        #expect(!(try desk.get(base + "/review").body.contains("A tie at")))

        // The final, ranked: rounds with exclusions, transfers and inactive ballots.
        try api.engine.closeNow(campaign: "airline-summer", ballot: "nominations")
        #expect(api.engine.state(campaign: "airline-summer", ballot: "final") == .scheduled, "waits for its operator")
        try api.engine.openNow(campaign: "airline-summer", ballot: "final")
        let options = try #require(api.engine.options(campaign: "airline-summer", ballot: "final")).map(\.id)
        let rankings = [[0, 1], [0, 1], [0, 1], [0, 1], [1, 0], [1, 0], [1, 0], [2, 1], [2, 1], [3]]
        for (voter, ranking) in rankings.enumerated() {
            #expect(
                (try? api.engine.vote(
                    campaign: "airline-summer", ballot: "final", voter: .token("ranker-\(voter)"),
                    vote: .choices(ranking.map { options[$0] })
                ).get()) != nil)
        }
        let ranked = try desk.get("/admin/c/airline-summer/final/review")
        #expect(ranked.status == 200)
        let body = ranked.body
        #expect(body.contains("<strong>Preliminary.</strong>") && body.contains("<dt>Method</dt><dd>irv</dd>"))
        #expect(body.contains("<h2>Rounds</h2>") && body.contains("<strong>Round 1:</strong> first preferences."))
        #expect(body.contains(" excluded; moved: "), "an exclusion with its transfers")
        #expect(body.contains("<th scope=\"row\">Inactive ballots (no further preference)</th>"))
        #expect(body.contains("1 inactive so far"), "the ballot with one preference runs out")
        #expect(body.contains(#"<caption id="rounds-caption">Votes round by round</caption>"#))
        #expect(body.contains(#"role="region" aria-labelledby="rounds-caption" tabindex="0""#), "scrolls on its own")
    }

    @Test func theLogListsEachActionWithItsOperatorNewestFirstFiftyAPage() throws {
        let api = try APIHarness(
            at: "2027-01-12T12:00Z", operatorKey: nil,
            environment: ["VOXPOP_OPERATOR_KEYS": "ada=ada's own console key"])
        api.nominate([("Paris", 2), ("paris!", 1), ("Mordor", 1)])
        for index in 0..<60 {
            try api.engine.labelWriteIn(
                campaign: "airline-summer", ballot: "nominations", id: "paris", label: "Paris \(index)", by: "bo")
        }
        let desk = try ConsoleOperator(api, key: "ada's own console key")
        let base = "/admin/c/airline-summer/nominations"
        #expect(try desk.post(base + "/write-ins", [("ids", "mordor"), ("action", "reject")]).status == 303)
        #expect(try desk.post(base + "/close", [("confirm", "yes")]).status == 303)
        let log = try desk.get("/admin/log")
        #expect(log.status == 200)
        #expect(log.body.contains("Times are UTC"))
        let close = try #require(log.body.range(of: #"<strong>ada</strong> <span class="tag">close</span>"#))
        let reject = try #require(log.body.range(of: #"<strong>ada</strong> <span class="tag">reject</span>"#))
        #expect(close.lowerBound < reject.lowerBound, "newest first")
        #expect(log.body.contains("2027-01-12 12:00 UTC"))
        #expect(log.body.contains("<code>airline-summer/nominations</code>"))

        // Fifty a page: an Older link with the cursor, and a filter by campaign and ballot.
        let newest = try desk.get("/admin/log").body
        #expect(ConsoleOperator.count("<li><p>", in: newest) == 50)
        #expect(
            newest.contains("<strong>bo</strong>") && newest.contains("&quot;paris&quot; shown as &quot;Paris 59&quot;")
        )
        let older = try #require(ConsoleOperator.values(after: #"<a href="/admin/log?before="#, in: newest).first)
        let page2 = try desk.get("/admin/log?before=\(older)").body
        #expect(page2.contains("&quot;Paris 9&quot;") && !page2.contains("&quot;Paris 59&quot;"))
        #expect(page2.contains(#"<a href="/admin/log">Newest</a>"#))
        let filtered = try desk.get("/admin/log?campaign=quick-poll").body
        #expect(!filtered.contains("bo</strong>") && filtered.contains("Log of quick-poll"))
        #expect(try desk.get("/admin/log?before=x").status == 400)
    }
}
