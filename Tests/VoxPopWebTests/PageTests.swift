import Foundation
import Testing
import VoxPopEngine
import VoxPopTestSupport

/// The server-rendered pages over real sockets: voting forms as plain posts (no script), results
/// pages, and the operator console. tools/browser-test drives the same pages in Chromium.
@Suite struct PageTests {
    /// One request on a fresh connection, with the answer's head.
    func fetch(
        _ api: APIHarness, _ method: String, _ target: String, headers: [String: String] = [:], form: String? = nil
    ) throws -> (status: Int, body: String, client: TestClient) {
        let client = try api.client()
        var headers = headers
        if form != nil { headers["Content-Type"] = "application/x-www-form-urlencoded" }
        var text = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { text += "\(name): \(value)\r\n" }
        if let form { text += "Content-Length: \(form.utf8.count)\r\n" }
        client.send(text + "\r\n" + (form ?? ""))
        let answer = client.responses(1).responses.first ?? (0, "")
        return (answer.status, answer.body, client)
    }

    func token(_ api: APIHarness, _ campaign: String, _ variable: String, voter: String) -> String {
        String(api.token(campaign, voter: voter, secretOf: variable)["Authorization"]!.dropFirst(7))
    }

    func receipt(in page: String) -> String? {
        page.range(of: #"<code id="receipt">"#).flatMap { start in
            page[start.upperBound...].range(of: "</code>").map { String(page[start.upperBound..<$0.lowerBound]) }
        }
    }

    @Test func everyExampleCampaignTakesVotesThroughItsPlainForm() throws {
        let api = try APIHarness(at: "2027-01-12T12:00Z")

        // Airline nominations: a token from the link, a write-in; the same voter again is refused.
        let fan = token(api, "airline-summer", "AIRLINE_VOTER_SECRET", voter: "fan")
        let page = try fetch(api, "GET", "/c/airline-summer?t=\(fan)")
        #expect(page.status == 200)
        #expect(page.body.contains(#"action="/c/airline-summer/nominations""#))
        #expect(page.body.contains(#"name="t" value="\#(fan)""#), "the token travels in the form body")
        let nominated = try fetch(api, "POST", "/c/airline-summer/nominations", form: "t=\(fan)&writeIn=G%C3%B6teborg")
        #expect(nominated.status == 201)
        let first = try #require(receipt(in: nominated.body))
        let again = try fetch(api, "POST", "/c/airline-summer/nominations", form: "t=\(fan)&writeIn=Oslo")
        #expect(again.status == 409)
        #expect(receipt(in: again.body) == first, "the already-voted page shows the first receipt")
        let forged = try fetch(api, "POST", "/c/airline-summer/nominations", form: "t=not.a.token&writeIn=Oslo")
        #expect(forged.status == 401)
        #expect(try fetch(api, "GET", "/c/airline-summer").body.contains("link you were sent"))

        // The quick poll: open identity by cookie, revote replaces.
        let poll = try fetch(api, "POST", "/c/quick-poll/colour", form: "choice=blue")
        #expect(poll.status == 201)
        let cookie = try #require(poll.client.lastHeader("Set-Cookie")?.split(separator: ";").first.map(String.init))
        #expect(cookie.hasPrefix("vp_voter="))
        let revote = try fetch(api, "POST", "/c/quick-poll/colour", headers: ["Cookie": cookie], form: "choice=red")
        #expect(revote.status == 201)
        #expect(try api.send("GET", "/v1/campaigns/quick-poll/ballots/colour/results").json["votes"] as? Int == 1)

        // The idea forum: points within the budget.
        let member = token(api, "idea-forum", "IDEAS_VOTER_SECRET", voter: "member")
        let over = try fetch(api, "POST", "/c/idea-forum/ideas", form: "t=\(member)&points-dark-mode=11")
        #expect(over.status == 422)
        #expect(over.body.contains("You have given 11 points but have only 10. Take some away before you send."))
        let ideas = "t=\(member)&points-dark-mode=6&points-shared-lists=4&points-price-alerts="
        #expect(try fetch(api, "POST", "/c/idea-forum/ideas", form: ideas).status == 201)

        // The product name: approval, several boxes.
        try api.at("2027-02-03T12:00Z")
        let oat = token(api, "product-name", "OATDRINK_VOTER_SECRET", voter: "oat")
        let named = try fetch(
            api, "POST", "/c/product-name/name", form: "t=\(oat)&choice=havrebris&choice=sky&lang=da")
        #expect(named.status == 201)
        #expect(named.body.contains("Tak! Din stemme er talt med."))

        // The candidate shortlist: an invite code, once.
        try api.at("2027-03-02T12:00Z")
        #expect(
            try api.admin("POST", "campaigns/candidate-hires/invites", body: #"{"codes": ["K7QX-4M2P-8RZD-WQ3T"]}"#)
                .status == 200)
        let shortlist = "choice=amir-haddad&choice=sofie-lunde&invite=K7QX-4M2P-8RZD-WQ3T"
        #expect(try fetch(api, "POST", "/c/candidate-hires/shortlist", form: shortlist).status == 201)
        #expect(try fetch(api, "POST", "/c/candidate-hires/shortlist", form: shortlist).status == 409)
        #expect(
            try fetch(api, "POST", "/c/candidate-hires/shortlist", form: "choice=amir-haddad&invite=NOPE").status == 403
        )
        // A refusal shows the form again as sent: the choices ticked, the code still in its field.
        let tooMany = try fetch(
            api, "POST", "/c/candidate-hires/shortlist",
            form: "choice=amir-haddad&choice=sofie-lunde&choice=jonas-berg&choice=maria-nguyen&invite=+AB12-CD34+")
        #expect(tooMany.status == 422 && pageAlert(tooMany.body)?.contains("choose at most 3") == true)
        #expect(tooMany.body.contains(#"name="invite" id="shortlist-invite" required"#))
        #expect(tooMany.body.contains(#"value=" AB12-CD34 ">"#), "the code as typed")
        for id in ["amir-haddad", "sofie-lunde", "jonas-berg", "maria-nguyen"] {
            #expect(
                tooMany.body.range(of: #"value="\#(id)" id="shortlist-\d" checked>"#, options: .regularExpression)
                    != nil,
                "\(id)")
        }

        // The drawings: a ranking from the rank selects.
        try api.at("2027-04-07T12:00Z")
        let parent = token(api, "drawings-to-toys", "TOYS_VOTER_SECRET", voter: "parent")
        let drawings = try fetch(api, "GET", "/c/drawings-to-toys?t=\(parent)")
        #expect(drawings.body.contains(#"<fieldset class="ranked" data-most="20""#))
        let ids = drawings.body.components(separatedBy: #"name="rank-"#).dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(ids.count > 3)
        let tie = try fetch(
            api, "POST", "/c/drawings-to-toys/toys", form: "t=\(parent)&rank-\(ids[0])=1&rank-\(ids[1])=1")
        #expect(tie.status == 422)
        #expect(tie.body.contains("both have rank 1. Give each option its own number."))
        #expect(pageAlert(tie.body)?.contains("drawing-0") == false, "options are named by label, never by id")
        #expect(
            tie.body.contains(#"name="rank-\#(ids[0])" "#) && tie.body.contains(#"min="1" value="1">"#),
            "the ranks typed are there again")
        let ranked = try fetch(
            api, "POST", "/c/drawings-to-toys/toys",
            form: "t=\(parent)&rank-\(ids[2])=1&rank-\(ids[0])=2&rank-\(ids[1])=&rank-\(ids[3])=3")
        #expect(ranked.status == 201)
    }

    @Test func pagesAreSmallSelfContainedAndSpeakTheVotersLanguage() throws {
        let api = try APIHarness(at: "2027-03-02T12:00Z")
        let swedish = try fetch(api, "GET", "/c/quick-poll?lang=sv").body
        #expect(swedish.contains(#"<html lang="sv""#) && swedish.contains("Rösta") && swedish.contains("Välj färgen"))
        let norwegian = try fetch(api, "GET", "/c/candidate-hires", headers: ["Accept-Language": "nb-NO,nb;q=0.9"]).body
        #expect(norwegian.contains(#"<html lang="nb""#) && norwegian.contains("Invitasjonskoden din"))
        #expect(norwegian.contains("Intervju med Ingrid Solberg"), "the media's text in Norwegian")
        #expect(norwegian.contains(#"<source src="/media/ambassador/ingrid-solberg.webm" type="video/webm">"#))
        let danish = try fetch(api, "GET", "/c/product-name?lang=da").body
        #expect(danish.contains(#"<html lang="da""#) && danish.contains("Lukket"), "closed since February")
        #expect(try fetch(api, "GET", "/c/no-such-campaign").status == 404)
        let index = try fetch(api, "GET", "/")
        #expect(index.status == 200 && index.body.contains(#"href="/c/quick-poll?lang=en""#))

        try api.at("2027-04-07T12:00Z")
        for campaign in [
            "airline-summer", "candidate-hires", "drawings-to-toys", "idea-forum", "product-name", "quick-poll",
        ] {
            let page = try fetch(api, "GET", "/c/\(campaign)?t=x")
            #expect(page.status == 200)
            #expect(page.body.utf8.count < 50_000, "\(campaign): \(page.body.utf8.count) bytes")
            for outside in [
                "src=\"http", "src=\"//", "<link rel=\"stylesheet\" href=\"http", "<iframe", "url(http", "@import",
            ] {
                #expect(!page.body.contains(outside), "\(campaign) loads something from elsewhere: \(outside)")
            }
            #expect(!page.body.contains("<script>") && !page.body.contains("<style>"), "nothing inline")
        }
    }

    @Test func resultsPagesShowLiveAndPublishedResults() throws {
        let api = try APIHarness(at: "2027-05-01T10:00Z")
        _ = try fetch(api, "POST", "/c/quick-poll/colour", form: "choice=green")
        let live = try fetch(api, "GET", "/c/quick-poll/colour/results")
        #expect(live.status == 200)
        #expect(live.body.contains("<svg") && live.body.contains("Green"))
        #expect(try fetch(api, "GET", "/c/candidate-hires/shortlist/results").status == 404, "manual: not published")

        try api.engine.closeNow(campaign: "quick-poll", ballot: "colour")
        let published = try fetch(api, "GET", "/c/quick-poll/colour/results")
        #expect(published.status == 200)
        // The published file itself, its language links pointing at this page instead of the files.
        var file = try #require(api.engines.published("quick-poll", "colour", "html"))
        for (name, language) in [("colour", "en"), ("colour.sv", "sv"), ("colour.nb", "nb"), ("colour.da", "da")] {
            file = file.replacingOccurrences(of: #"href="\#(name).html""#, with: #"href="?lang=\#(language)""#)
        }
        // Apart from the link preview's address and picture, which need the public origin.
        let place =
            #"<meta property="og:url" content="http://127.0.0.1/c/quick-poll/colour/results\?lang=en">"#
            + #"(<meta [^>]*(og:image|twitter:image)[^>]*>|<meta name="twitter:card" content="summary_large_image">)*"#
        let served = published.body.replacingOccurrences(of: place, with: "", options: .regularExpression)
        #expect(
            served.replacingOccurrences(of: #"<meta name="twitter:card" content="summary">"#, with: "")
                == file.replacingOccurrences(of: #"<meta name="twitter:card" content="summary">"#, with: ""))
        #expect(
            published.body.contains(
                #"<meta property="og:url" content="http://127.0.0.1/c/quick-poll/colour/results?lang=en">"#))
        #expect(try fetch(api, "GET", "/c/quick-poll").body.contains(#"href="/c/quick-poll/colour/results?lang=en""#))
    }

    @Test func theConsoleSignsInClosesAndModerates() throws {
        let api = try APIHarness(at: "2027-01-12T12:00Z")
        for (voter, place) in [("a", "Göteborg"), ("b", "Gothenburg"), ("c", "Paris")] {
            let headers = api.token("airline-summer", voter: voter, secretOf: "AIRLINE_VOTER_SECRET")
            #expect(
                try api.vote("airline-summer", "nominations", #"{"writeIn": "\#(place)"}"#, headers: headers).status
                    == 201)
        }
        let login = try fetch(api, "GET", "/admin/")
        #expect(login.status == 200 && login.body.contains("Operator key"))
        #expect(try fetch(api, "POST", "/admin/login", form: "key=wrong").status == 401)
        #expect(try fetch(api, "POST", "/admin/c/quick-poll/colour/close", form: "csrf=x").status == 401)
        let key = APIHarness.operatorKey.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let signIn = try fetch(api, "POST", "/admin/login", form: "key=\(key)")
        #expect(signIn.status == 303)
        let setCookie = try #require(signIn.client.lastHeader("Set-Cookie"))
        #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"))
        #expect(!setCookie.contains(APIHarness.operatorKey), "the cookie holds a keyed hash, not the key")
        let session = ["Cookie": String(setCookie.split(separator: ";")[0])]

        let console = try fetch(api, "GET", "/admin/", headers: session)
        #expect(console.status == 200)
        #expect(console.body.contains(#"<h3>Nominations <span class="state state-open">open</span></h3>"#))
        #expect(console.body.contains("<dt>Votes</dt><dd>3<svg"), "the votes that count now")
        #expect(console.body.contains("Nominations: 3 votes in the last minute"), "the sparkline's label")
        let csrf = try #require(
            console.body.components(separatedBy: #"name="csrf" value=""#).dropFirst().first?.prefix(64))

        let queue = try fetch(api, "GET", "/admin/c/airline-summer/nominations/write-ins", headers: session)
        #expect(queue.body.contains("Gothenburg") && queue.body.contains("Göteborg"))
        let merge = try fetch(
            api, "POST", "/admin/c/airline-summer/nominations/write-ins", headers: session,
            form: "csrf=\(csrf)&id=gothenburg&action=merge&into=G%C3%B6teborg")
        #expect(merge.status == 303)
        let groups = try api.engine.writeInReview(campaign: "airline-summer", ballot: "nominations").groups
        let gothenburg = try #require(groups.first { $0.id == "gothenburg" })
        #expect(gothenburg.decision?.into == "goteborg" && gothenburg.mergedInto == "goteborg", "into the group")
        let goteborg = try #require(groups.first { $0.id == "goteborg" })
        #expect(goteborg.total == goteborg.count + gothenburg.count, "the group counts what was merged into it")

        // The idea forum's ideas: a pending one made public and planned.
        #expect(console.body.contains(#"/admin/c/idea-forum/ideas/ideas">Ideas</a>"#))
        let idea = try api.engine.suggest(
            campaign: "idea-forum", ballot: "ideas", voter: .token("ann"), text: "Recipes"
        ).get()
        let ideas = try fetch(api, "GET", "/admin/c/idea-forum/ideas/ideas", headers: session)
        #expect(ideas.body.contains("<h2>Recipes</h2><p class=\"muted\"><code>\(idea.id)</code>"))
        #expect(ideas.body.contains("<option selected>pending</option>"))
        let plan = try fetch(
            api, "POST", "/admin/c/idea-forum/ideas/ideas", headers: session,
            form: "csrf=\(csrf)&id=\(idea.id)&status=planned")
        #expect(plan.status == 303)
        #expect(
            try api.engine.ideas(campaign: "idea-forum", ballot: "ideas", all: false)?.first { $0.id == idea.id }?
                .status
                == .planned)
        let planned = try fetch(api, "GET", "/admin/c/idea-forum/ideas/ideas", headers: session).body
        #expect(planned.contains("<option selected>planned</option>") && !planned.contains("<option>rejected</option>"))

        #expect(try fetch(api, "POST", "/admin/c/quick-poll/colour/close", headers: session, form: "").status == 403)
        #expect(api.engine.state(campaign: "quick-poll", ballot: "colour") == .open, "no form token, no close")
        // Close now asks first, naming the ballot; only the confirmed post closes.
        let ask = try fetch(api, "POST", "/admin/c/quick-poll/colour/close", headers: session, form: "csrf=\(csrf)")
        #expect(ask.status == 200 && ask.body.contains("Close Colour (quick-poll) now?"))
        #expect(api.engine.state(campaign: "quick-poll", ballot: "colour") == .open, "asked, not closed")
        let close = try fetch(
            api, "POST", "/admin/c/quick-poll/colour/close", headers: session, form: "csrf=\(csrf)&confirm=yes")
        #expect(close.status == 303)
        #expect(api.engine.state(campaign: "quick-poll", ballot: "colour") == .published)

        let off = try APIHarness(at: "2027-01-12T12:00Z", operatorKey: nil)
        #expect(try fetch(off, "GET", "/admin/").status == 404)
    }
}
