import Foundation
import Testing
import VoxPopEngine
import VoxPopTestSupport

/// The idea forum (docs/api.md) over real sockets: voters suggest ideas, operators make them public
/// and move them through statuses, votes give points to them, and the live count includes them.
@Suite struct IdeaForumTests {
    func suggest(_ api: APIHarness, _ text: String, as voter: String?, ballot: String = "ideas")
        throws -> (status: Int, json: [String: Any], body: String)
    {
        let headers = voter.map { api.token("idea-forum", voter: $0, secretOf: "IDEAS_VOTER_SECRET") } ?? [:]
        let body = String(decoding: try JSONSerialization.data(withJSONObject: ["text": text]), as: UTF8.self)
        return try api.send("POST", "/v1/campaigns/idea-forum/ballots/\(ballot)/ideas", headers: headers, body: body)
    }

    func setStatus(_ api: APIHarness, _ id: String, _ status: String) throws -> (status: Int, json: [String: Any]) {
        let answer = try api.admin(
            "POST", "campaigns/idea-forum/ballots/ideas/ideas", body: #"{"id": "\#(id)", "status": "\#(status)"}"#)
        return (answer.status, answer.json)
    }

    /// The public ideas voters suggested (the list starts with the file's own, which have no
    /// `suggestedAt`).
    func publicIdeas(_ api: APIHarness) throws -> [[String: Any]] {
        let all = try api.send("GET", "/v1/campaigns/idea-forum/ballots/ideas/ideas").json["ideas"] as? [[String: Any]]
        return (all ?? []).filter { $0["suggestedAt"] is String }
    }

    func optionStatuses(_ api: APIHarness) throws -> [String: String] {
        let campaign = try api.send("GET", "/v1/campaigns/idea-forum").json
        let ballot = (campaign["ballots"] as? [[String: Any]])?.first
        var statuses: [String: String] = [:]
        for option in ballot?["options"] as? [[String: Any]] ?? [] {
            statuses[option["id"] as! String] = option["status"] as? String ?? "file"
        }
        return statuses
    }

    @Test func aSuggestedIdeaWaitsForModerationThenTakesPoints() throws {
        let api = try APIHarness(at: "2027-05-01T10:00Z")
        #expect(try suggest(api, "Recipes from my lists", as: nil).status == 401)

        let suggested = try suggest(api, "Recipes from my lists", as: "ann")
        #expect(suggested.status == 201, "\(suggested.body)")
        let id = try #require(suggested.json["id"] as? String)
        #expect(id.hasPrefix("idea-"))
        #expect(suggested.json["status"] as? String == "pending")
        // Hidden until an operator makes it public: not listed, not an option, no points.
        #expect(try publicIdeas(api).isEmpty)
        #expect(try optionStatuses(api)[id] == nil)
        let early = try api.vote(
            "idea-forum", "ideas", #"{"points": {"\#(id)": 5}}"#,
            headers: api.token("idea-forum", voter: "bob", secretOf: "IDEAS_VOTER_SECRET"))
        #expect(early.status == 404)
        #expect(problemType(early.json) == "unknown-option")

        let all = try api.admin("GET", "campaigns/idea-forum/ballots/ideas/ideas")
        #expect(
            (all.json["ideas"] as? [[String: Any]])?.map { $0["status"] as? String }
                == Array(repeating: "under-review", count: 5) + ["pending"],
            "the file's ideas first, public from the start")

        #expect(try setStatus(api, id, "under-review").status == 200)
        #expect(try publicIdeas(api).map { $0["text"] as? String } == ["Recipes from my lists"])
        #expect(try optionStatuses(api)[id] == "under-review")
        #expect(try optionStatuses(api)["dark-mode"] == "under-review", "the file's ideas take statuses too")

        let vote = try api.vote(
            "idea-forum", "ideas", #"{"points": {"\#(id)": 6, "dark-mode": 4}}"#,
            headers: api.token("idea-forum", voter: "bob", secretOf: "IDEAS_VOTER_SECRET"))
        #expect(vote.status == 201)
        let live = try api.send("GET", "/v1/campaigns/idea-forum/ballots/ideas/results")
        #expect(live.json["winners"] as? [String] == ["Recipes from my lists"])

        // Public ideas move between public statuses only: votes name them.
        #expect(try setStatus(api, id, "planned").json["status"] as? String == "planned")
        #expect(try setStatus(api, id, "done").status == 200)
        let withdraw = try setStatus(api, id, "rejected")
        #expect(withdraw.status == 409)
        #expect(problemType(withdraw.json) == "idea-is-public")
        #expect(try setStatus(api, id, "pending").status == 409)
        #expect(try optionStatuses(api)[id] == "done")
    }

    @Test func duplicatesBadTextAndFloodsAreRefusedWithTheirReasons() throws {
        let api = try APIHarness(at: "2027-05-01T10:00Z")
        let first = try suggest(api, "Göteborg deals", as: "ann")
        #expect(first.status == 201)
        let again = try suggest(api, "  GOTEBORG   deals ", as: "bob")
        #expect(again.status == 409)
        #expect(problemType(again.json) == "duplicate-idea")
        #expect(again.json["existing"] as? String == first.json["id"] as? String)
        #expect(again.json["existingStatus"] as? String == "pending")
        let fileOption = try suggest(api, "dark MODE", as: "bob")
        #expect(fileOption.status == 409)
        #expect(fileOption.json["existing"] as? String == "dark-mode")
        // The same option in the campaign's other language is the same idea.
        let translated = try suggest(api, "mörkt LÄGE", as: "bob")
        #expect(translated.status == 409)
        #expect(translated.json["existing"] as? String == "dark-mode")

        for text in ["   ", String(repeating: "x", count: 141), "two\u{7}lines"] {
            let bad = try suggest(api, text, as: "bob")
            #expect(bad.status == 422)
            #expect(problemType(bad.json) == "invalid-idea")
        }
        #expect(
            try api.send(
                "POST", "/v1/campaigns/idea-forum/ballots/ideas/ideas",
                headers: api.token("idea-forum", voter: "bob", secretOf: "IDEAS_VOTER_SECRET"), body: #"{"txt": "a"}"#
            ).status == 400)

        // One voter: at most Engine.suggestionsPerVoter ideas (ann has one already).
        for number in 2...Engine.suggestionsPerVoter {
            #expect(try suggest(api, "Idea number \(number)", as: "ann").status == 201)
        }
        let flood = try suggest(api, "One too many", as: "ann")
        #expect(flood.status == 429)
        #expect(problemType(flood.json) == "too-many-ideas")
        #expect(try suggest(api, "One too many", as: "cat").status == 201)

        // A write-in vote is pointed at suggestions; other ballots take no ideas.
        let writeIn = try api.vote(
            "idea-forum", "ideas", #"{"writeIn": "Widgets"}"#,
            headers: api.token("idea-forum", voter: "dan", secretOf: "IDEAS_VOTER_SECRET"))
        #expect(writeIn.status == 422)
        let elsewhere = try api.send(
            "POST", "/v1/campaigns/quick-poll/ballots/colour/ideas", headers: ["X-Voter-Id": "eve"],
            body: #"{"text": "Purple"}"#)
        #expect(elsewhere.status == 422)
        #expect(problemType(elsewhere.json) == "ideas-not-taken")
        #expect(
            try api.admin("GET", "campaigns/idea-forum/ballots/ideas/ideas").json["ideas"] as? [[String: Any]] != nil)
        let unknownIdea = try setStatus(api, "idea-999", "planned")
        #expect(unknownIdea.status == 404)
        #expect(problemType(unknownIdea.json) == "unknown-idea")
        #expect(try setStatus(api, "idea-1", "shelved").status == 400)
    }

    @Test func publicIdeasAndTheirPointsSurviveARestart() throws {
        let harness = try EngineHarness(campaignFiles: ["idea-forum.json"], at: "2027-05-01T10:00Z")
        try harness.engine.tick()
        let idea = try harness.engine.suggest(
            campaign: "idea-forum", ballot: "ideas", voter: .token("ann"), text: "Recipes from my lists"
        ).get()
        _ = try harness.engine.setIdeaStatus(campaign: "idea-forum", ballot: "ideas", id: idea.id, status: .planned)
        #expect(
            (try? harness.engine.vote(
                campaign: "idea-forum", ballot: "ideas", voter: .token("bob"), vote: .points([idea.id: 7])
            ).get()) != nil)

        harness.restart()
        try harness.engine.tick()
        #expect(harness.engine.options(campaign: "idea-forum", ballot: "ideas")?.last?.id == idea.id)
        #expect(
            (try? harness.engine.vote(
                campaign: "idea-forum", ballot: "ideas", voter: .token("cat"),
                vote: .points([idea.id: 2, "dark-mode": 1])
            ).get()) != nil)
        let live = try #require(try harness.engine.liveTally(campaign: "idea-forum", ballot: "ideas"))
        let tally = try #require(try JSONSerialization.jsonObject(with: Data(live.utf8)) as? [String: Any])
        #expect(tally["winners"] as? [String] == ["Recipes from my lists"])
        #expect(tally["votes"] as? Int == 2)
    }
}

extension IdeaForumTests {
    func post(_ api: APIHarness, _ target: String, form: String) throws -> (status: Int, body: String) {
        let client = try api.client()
        client.send(
            "POST \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: \(form.utf8.count)\r\n\r\n\(form)")
        let answer = client.responses(1).responses.first ?? (0, "")
        return (answer.status, answer.body)
    }

    @Test func thePageTakesIdeasAndShowsTheirStatuses() throws {
        let api = try APIHarness(at: "2027-05-01T10:00Z")
        let headers = api.token("idea-forum", voter: "ann", secretOf: "IDEAS_VOTER_SECRET")
        let token = String(headers["Authorization"]!.dropFirst(7))
        // Without the voter's link there is nothing to post with.
        #expect(!(try api.send("GET", "/c/idea-forum").body.contains("/suggest\"")))
        let page = try api.send("GET", "/c/idea-forum?t=\(token)").body
        #expect(page.contains(#"action="/c/idea-forum/ideas/suggest""#))
        #expect(page.contains(#"name="idea""#))

        let waiting = try post(
            api, "/c/idea-forum/ideas/suggest", form: "lang=en&t=\(token)&idea=Recipes+from+my+lists")
        #expect(waiting.status == 201)
        #expect(waiting.body.contains("once a moderator has read it"))
        let again = try post(api, "/c/idea-forum/ideas/suggest", form: "lang=sv&t=\(token)&idea=recipes+FROM+my+lists")
        #expect(again.status == 409)
        #expect(pageAlert(again.body) == "Den idén har redan föreslagits och väntar på en moderator.", "not named yet")
        #expect(try post(api, "/c/idea-forum/ideas/suggest", form: "lang=en&idea=Anything").status == 401)

        let id = try #require(
            (try api.admin("GET", "campaigns/idea-forum/ballots/ideas/ideas").json["ideas"] as? [[String: Any]])?
                .last?["id"] as? String)
        #expect(!(try api.send("GET", "/c/idea-forum?t=\(token)").body.contains("Recipes from my lists")))
        #expect(try setStatus(api, id, "planned").status == 200)
        let shown = try api.send("GET", "/c/idea-forum?t=\(token)&lang=sv").body
        #expect(shown.contains(#"Recipes from my lists<span class="tag">planerad</span>"#))
        #expect(shown.contains(#"name="points-\#(id)""#))
        let vote = try post(api, "/c/idea-forum/ideas", form: "lang=en&t=\(token)&points-\(id)=9&points-dark-mode=1")
        #expect(vote.status == 201)
    }
}

extension IdeaForumTests {
    /// Suggestions that are public at once (moderation "after") beside operators' status changes,
    /// from many threads: every public idea is an option exactly once, as the database says.
    @Test func concurrentSuggestionsAndStatusChangesKeepEachIdeaOnceAmongTheOptions() throws {
        let harness = try EngineHarness(campaignFiles: ["idea-forum.json"], at: "2027-05-01T10:00Z")
        harness.campaigns[0].ballots[0].writeIns?.moderation = .after
        let engine = harness.engine
        try engine.tick()
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for number in 0..<12 {
                let idea = try? engine.suggest(
                    campaign: "idea-forum", ballot: "ideas", voter: .token("voter-\(worker)-\(number / 4)"),
                    text: "Idea \(worker)-\(number)"
                ).get()
                if let idea, number % 2 == 0 {
                    _ = try? engine.setIdeaStatus(
                        campaign: "idea-forum", ballot: "ideas", id: idea.id, status: number % 4 == 0 ? .planned : .done
                    )
                }
            }
        }
        let stored = try #require(try engine.ideas(campaign: "idea-forum", ballot: "ideas", all: false))
            .filter { $0.suggestedAt != nil }
        #expect(stored.count == 96)
        let options = try #require(engine.options(campaign: "idea-forum", ballot: "ideas")).map(\.id)
        #expect(options.count == 5 + 96)
        #expect(Set(options).count == options.count, "no idea listed twice")
        #expect(Set(options.dropFirst(5)) == Set(stored.map(\.id)))
        #expect(try engine.liveTally(campaign: "idea-forum", ballot: "ideas") != nil, "the count takes the options")
    }
}
