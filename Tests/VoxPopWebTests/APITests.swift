import Foundation
import Testing
import VoxPopEngine
import VoxPopTestSupport

@testable import VoxPopWeb

/// The five example campaigns (and the quick poll) end to end over real sockets: votes,
/// duplicates, bad credentials, closed ballots, invalid choices, write-ins, results before and
/// after publication, receipts, and the operator API.
@Suite(.serialized) struct APITests {
    @Test func quickPollOpenIdentityReceiptsAndLiveResults() throws {
        let api = try APIHarness(at: "2027-05-01T10:00Z")
        #expect(try api.send("GET", "/healthz").status == 200)
        let anonymous = try api.vote("quick-poll", "colour", #"{"choices": ["red"]}"#)
        #expect(anonymous.status == 401)
        #expect(problemType(anonymous.json) == "missing-credential")
        #expect(anonymous.json["status"] as? Int == 401)

        let first = try api.vote("quick-poll", "colour", #"{"choices": ["red"]}"#, headers: ["X-Voter-Id": "ann"])
        #expect(first.status == 201)
        #expect(first.json["ballot"] as? String == "colour")
        #expect((first.json["acceptedAt"] as? String)?.hasPrefix("2027-05-01T10:00:00") == true)
        let receipt = try #require(first.json["receipt"] as? String)
        let lookup = try api.send("GET", "/v1/campaigns/quick-poll/ballots/colour/receipts/\(receipt)")
        #expect(lookup.status == 200)
        #expect(lookup.json["counted"] as? Bool == true)

        // Revote "replace": the new vote counts, the first receipt no longer does.
        let second = try api.vote("quick-poll", "colour", #"{"choices": ["blue"]}"#, headers: ["X-Voter-Id": "ann"])
        #expect(second.status == 201)
        #expect(
            try api.send("GET", "/v1/campaigns/quick-poll/ballots/colour/receipts/\(receipt)").json["counted"] as? Bool
                == false)
        #expect(
            try api.send("GET", "/v1/campaigns/quick-poll/ballots/colour/receipts/9-0123456789abcdef").status == 404)

        let unknown = try api.vote("quick-poll", "colour", #"{"choices": ["purple"]}"#, headers: ["X-Voter-Id": "bo"])
        #expect(unknown.status == 404)
        #expect(problemType(unknown.json) == "unknown-option")
        let two = try api.vote("quick-poll", "colour", #"{"choices": ["red", "blue"]}"#, headers: ["X-Voter-Id": "bo"])
        #expect(two.status == 422)
        #expect(problemType(two.json) == "invalid-choices")
        for body in ["", "{", #"{"choices": "red"}"#, #"{"choices": ["red"], "points": {"red": 1}}"#, "[1]"] {
            let bad = try api.vote("quick-poll", "colour", body, headers: ["X-Voter-Id": "bo"])
            #expect(bad.status == 400, "body \(body)")
            #expect(problemType(bad.json) == "malformed-body")
        }
        #expect(try api.vote("nope", "colour", #"{"choices": ["red"]}"#).status == 404)
        #expect(problemType(try api.vote("quick-poll", "nope", #"{"choices": ["red"]}"#).json) == "unknown-ballot")

        // Live results while open, from the votes that count now.
        let live = try api.send("GET", "/v1/campaigns/quick-poll/ballots/colour/results")
        #expect(live.status == 200)
        #expect(live.json["votes"] as? Int == 1)
        #expect(live.json["winners"] as? [String] == ["Blue"])

        let metrics = try api.send("GET", "/metrics").body
        #expect(metrics.contains("voxpop_votes_accepted_total 2"))
        #expect(metrics.contains(#"voxpop_votes_refused_total{reason="invalid-choices"} 1"#))
        #expect(metrics.contains("voxpop_open_ballots 2"))
    }

    @Test func tokenCampaignRefusesForgedExpiredAndForeignTokens() throws {
        let api = try APIHarness(at: "2027-02-03T12:00Z")
        let body = #"{"choices": ["havrebris", "sky"]}"#
        let good = api.token("product-name", voter: "ann@example.com", secretOf: "OATDRINK_VOTER_SECRET")
        #expect(try api.vote("product-name", "name", body).status == 401)
        let forged = api.token("product-name", voter: "ann@example.com", secretOf: "IDEAS_VOTER_SECRET")
        let expired = api.token(
            "product-name", voter: "ann@example.com", secretOf: "OATDRINK_VOTER_SECRET", lifetime: -60)
        let foreign = api.token(
            "product-name", voter: "ann@example.com", secretOf: "OATDRINK_VOTER_SECRET", audience: "quick-poll")
        for (headers, why) in [
            (forged, "signature does not match"), (expired, "expired"), (foreign, "another campaign"),
            (["Authorization": "Basic YWxhZGRpbjpvcGVu"], "Bearer"),
        ] {
            let refused = try api.vote("product-name", "name", body, headers: headers)
            #expect(refused.status == 401)
            #expect(problemType(refused.json) == "bad-credential")
            #expect((refused.json["detail"] as? String)?.contains(why) == true, "\(refused.body)")
        }
        #expect(try api.vote("product-name", "name", body, headers: good).status == 201)
        let tooMany = try api.vote(
            "product-name", "name", #"{"choices": ["havrebris", "sky", "nordhavre", "morgenmark"]}"#, headers: good)
        #expect(tooMany.status == 422)
        // Nothing refused was counted.
        try api.at("2027-02-15T20:00Z")
        let results = try api.send("GET", "/v1/campaigns/product-name/ballots/name/results")
        #expect(results.status == 200)
        #expect(results.json["votes"] as? Int == 1)
    }

    @Test func airlineNominationsFeedTheFinalWithMergedWriteIns() throws {
        let api = try APIHarness(at: "2027-01-10T12:00Z")
        func fan(_ n: Int) -> [String: String] {
            api.token("airline-summer", voter: "fan-\(n)", secretOf: "AIRLINE_VOTER_SECRET")
        }
        let early = try api.vote("airline-summer", "nominations", #"{"writeIn": "Paris"}"#, headers: fan(0))
        #expect(early.status == 409)
        #expect(problemType(early.json) == "ballot-not-open")

        try api.at("2027-01-12T12:00Z")
        let spellings = [
            "Göteborg", "goteborg ", "GÖTEBORG", "Gothenburg", "Paris", "Paris", "Rome", "Nice", "Spam Spam",
        ]
        for (n, place) in spellings.enumerated() {
            #expect(
                try api.vote("airline-summer", "nominations", #"{"writeIn": "\#(place)"}"#, headers: fan(n)).status
                    == 201)
        }
        let again = try api.vote("airline-summer", "nominations", #"{"writeIn": "Oslo"}"#, headers: fan(4))
        #expect(again.status == 409)
        #expect(problemType(again.json) == "already-voted")
        #expect(again.json["receipt"] as? String != nil)
        #expect(
            try api.vote("airline-summer", "nominations", #"{"choices": ["paris"]}"#, headers: fan(20)).status == 404)
        #expect(try api.vote("airline-summer", "nominations", #"{"writeIn": "   "}"#, headers: fan(21)).status == 422)

        // The operator merges Gothenburg into Göteborg and rejects the spam.
        #expect(try api.send("GET", "/v1/admin/campaigns/airline-summer/ballots/nominations/write-ins").status == 401)
        let listed = try api.admin("GET", "campaigns/airline-summer/ballots/nominations/write-ins")
        let groups = try #require(listed.json["writeIns"] as? [[String: Any]])
        #expect(groups.first?["id"] as? String == "goteborg")
        #expect(groups.first?["count"] as? Int == 3)
        #expect(
            try api.admin(
                "POST", "campaigns/airline-summer/ballots/nominations/write-ins",
                body: #"{"id": "gothenburg", "action": "merge", "into": "Göteborg"}"#
            ).status == 200)
        #expect(
            try api.admin(
                "POST", "campaigns/airline-summer/ballots/nominations/write-ins",
                body: #"{"id": "spam spam", "action": "reject"}"#
            ).status == 200)
        #expect(
            try api.admin(
                "POST", "campaigns/airline-summer/ballots/nominations/write-ins",
                body: #"{"id": "x", "action": "delete"}"#
            ).status == 400)

        #expect(try api.send("GET", "/v1/campaigns/airline-summer/ballots/nominations/results").status == 404)
        try api.at("2027-01-18T08:00Z")  // 09:00 in Stockholm: the nominations close and are counted
        // The final waits for its operator (`optionsFrom.confirm`): the count is reviewed first.
        #expect(try api.send("GET", "/v1/campaigns/airline-summer/ballots/nominations/results").status == 404)
        let opened = try api.admin("POST", "campaigns/airline-summer/ballots/final/open")
        #expect(opened.status == 200 && opened.json["state"] as? String == "open", "\(opened.body)")
        #expect(try api.admin("POST", "campaigns/airline-summer/ballots/final/open").status == 409, "open already")
        let nominations = try api.send("GET", "/v1/campaigns/airline-summer/ballots/nominations/results")
        #expect(nominations.status == 200)
        #expect((nominations.json["winners"] as? [String]) == ["Göteborg"])
        #expect(nominations.json["votes"] as? Int == 8)  // the rejected spam is not counted
        let detail = try api.send("GET", "/v1/campaigns/airline-summer")
        let ballots = try #require(detail.json["ballots"] as? [[String: Any]])
        let final = try #require(ballots.first { $0["id"] as? String == "final" })
        #expect(final["state"] as? String == "open")
        let options = (final["options"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        // The source's top four, listed by label, never by count (the count is the source's to tell).
        #expect(options == ["goteborg", "nice", "paris", "rome"])
        #expect(
            try api.vote("airline-summer", "final", #"{"choices": ["paris", "goteborg"]}"#, headers: fan(1)).status
                == 201)
        #expect(try api.vote("airline-summer", "final", #"{"writeIn": "Oslo"}"#, headers: fan(2)).status == 422)
    }

    @Test func candidateHiresTakeInviteCodesOnceAndWaitForTheOperator() throws {
        let api = try APIHarness(at: "2027-03-02T12:00Z")
        let body = #"{"choices": ["ingrid-solberg", "amir-haddad"]}"#
        #expect(try api.vote("candidate-hires", "shortlist", body).status == 401)
        #expect(
            try api.vote("candidate-hires", "shortlist", body, headers: ["X-Invite-Code": "K7Q2-4M2P-8RZD-WQ3T"]).status
                == 403)
        #expect(
            try api.admin(
                "POST", "campaigns/candidate-hires/invites",
                body: #"{"codes": ["K7Q2-4M2P-8RZD-WQ3T", "P9X4-7HNB-2CVE-6GJK", "K7Q2-4M2P-8RZD-WQ3T"]}"#,
                key: "wrong"
            ).status == 401)
        let upload = try api.admin(
            "POST", "campaigns/candidate-hires/invites",
            body: #"{"codes": ["K7Q2-4M2P-8RZD-WQ3T", "P9X4-7HNB-2CVE-6GJK", "K7Q2-4M2P-8RZD-WQ3T"]}"#)
        #expect(upload.status == 200)
        #expect(upload.json["added"] as? Int == 2)
        #expect(try api.admin("POST", "campaigns/quick-poll/invites", body: #"{"codes": ["a"]}"#).status == 409)
        #expect(
            try api.vote("candidate-hires", "shortlist", body, headers: ["X-Invite-Code": "K7Q2-4M2P-8RZD-WQ3T"]).status
                == 201)
        let reused = try api.vote(
            "candidate-hires", "shortlist", #"{"choices": ["sofie-lunde"]}"#,
            headers: ["X-Invite-Code": "K7Q2-4M2P-8RZD-WQ3T"])
        #expect(reused.status == 409)
        #expect(problemType(reused.json) == "already-voted")
        #expect(
            try api.vote(
                "candidate-hires", "shortlist", #"{"choices": ["sofie-lunde"], "invite": "P9X4-7HNB-2CVE-6GJK"}"#
            ).status
                == 201)

        #expect(try api.admin("POST", "campaigns/candidate-hires/ballots/shortlist/publish").status == 409)
        let preliminary = try api.admin("GET", "campaigns/candidate-hires/ballots/shortlist/tally")
        #expect(preliminary.status == 200 && preliminary.json["preliminary"] as? Bool == true, "\(preliminary.body)")
        #expect(preliminary.json["votes"] as? Int == 2)
        #expect(try api.admin("GET", "campaigns/candidate-hires/ballots/final/tally").status == 404)
        let closed = try api.admin("POST", "campaigns/candidate-hires/ballots/shortlist/close")
        #expect(closed.status == 200)
        #expect(closed.json["state"] as? String == "tallied")  // manual: waits for the operator
        #expect(try api.admin("POST", "campaigns/candidate-hires/ballots/shortlist/close").status == 409)
        #expect(
            try api.vote("candidate-hires", "shortlist", body, headers: ["X-Invite-Code": "P9X4-7HNB-2CVE-6GJK"]).status
                == 409)
        #expect(try api.send("GET", "/v1/campaigns/candidate-hires/ballots/shortlist/results").status == 404)
        let review = try api.admin("GET", "campaigns/candidate-hires/ballots/shortlist/tally")
        #expect(review.status == 200)
        #expect(review.json["votes"] as? Int == 2)
        #expect(try api.admin("POST", "campaigns/candidate-hires/ballots/shortlist/publish").status == 200)
        let results = try api.send("GET", "/v1/campaigns/candidate-hires/ballots/shortlist/results")
        #expect(results.status == 200)
        #expect((results.json["shortlist"] as? [String])?.count == 3)
        #expect(api.engines.published("candidate-hires", "shortlist", "html") != nil)
    }

    @Test func drawingsToToysElectTenWithSTV() throws {
        let api = try APIHarness(at: "2027-04-07T12:00Z")
        for child in 0..<30 {
            let ranking = (0..<12).map { String(format: "\"drawing-%03d\"", (child + $0 * 7) % 100 + 1) }
            let headers = api.token("drawings-to-toys", voter: "parent-\(child)", secretOf: "TOYS_VOTER_SECRET")
            #expect(
                try api.vote(
                    "drawings-to-toys", "toys", #"{"choices": [\#(ranking.joined(separator: ","))]}"#, headers: headers
                ).status == 201)
        }
        try api.at("2027-04-20T18:00Z")
        let results = try api.send("GET", "/v1/campaigns/drawings-to-toys/ballots/toys/results")
        #expect(results.status == 200)
        #expect(results.json["method"] as? String == "stv")
        #expect((results.json["winners"] as? [String])?.count == 10)
        #expect(results.json["votes"] as? Int == 30)
    }

    @Test func ideaForumSpendsABudgetAndShowsLiveResults() throws {
        let api = try APIHarness(at: "2027-05-01T10:00Z")
        let ann = api.token("idea-forum", voter: "ann", secretOf: "IDEAS_VOTER_SECRET")
        let over = try api.vote(
            "idea-forum", "ideas", #"{"points": {"dark-mode": 8, "shared-lists": 3}}"#, headers: ann)
        #expect(over.status == 422)
        #expect((over.json["detail"] as? String)?.contains("budget of 10") == true)
        #expect(try api.vote("idea-forum", "ideas", #"{"points": {"dark-mode": 1.5}}"#, headers: ann).status == 400)
        #expect(
            try api.vote("idea-forum", "ideas", #"{"points": {"dark-mode": 7, "shared-lists": 3}}"#, headers: ann)
                .status == 201)
        let live = try api.send("GET", "/v1/campaigns/idea-forum/ballots/ideas/results")
        #expect(live.status == 200)
        #expect(live.json["winners"] as? [String] == ["Dark mode"])
    }

    @Test func operatorAPIIsOffWithoutAKeyAndReloadKeepsOpenBallots() throws {
        let off = try APIHarness(at: "2027-05-01T10:00Z", operatorKey: nil)
        #expect(try off.admin("POST", "reload").status == 404)
        let api = try APIHarness(at: "2027-05-01T10:00Z")
        let reload = try api.admin("POST", "reload")
        #expect(reload.status == 200)
        #expect(reload.json["campaigns"] as? Int == 6)
        #expect(try api.admin("GET", "reload").status == 405)
        #expect(try api.admin("POST", "campaigns/quick-poll/ballots/nope/close").status == 404)
        #expect(try api.send("DELETE", "/v1/campaigns").status == 405)
        #expect(try api.send("GET", "/v1/nothing/here").status == 404)
        // Started long after the airline campaign ended: its nominations caught up with no
        // write-ins and were counted (an empty count, which does not block the scheduler); the
        // final waits for its operator.
        let empty = try api.admin("GET", "campaigns/airline-summer/ballots/nominations/tally")
        #expect(empty.status == 200)
        #expect(empty.json["winners"] as? [String] == [])
        #expect(api.engine.state(campaign: "airline-summer", ballot: "final") == .scheduled)
        let list = try api.send("GET", "/v1/campaigns")
        #expect((list.json["campaigns"] as? [[String: Any]])?.count == 6)
    }

    @Test func keepAliveAndPipelinedVotesAreAnsweredInOrder() throws {
        let api = try APIHarness(at: "2027-05-01T10:00Z")
        let client = try api.client()
        var batch = ""
        for voter in 0..<5 {
            let body = #"{"choices": ["green"]}"#
            batch +=
                "POST /v1/campaigns/quick-poll/ballots/colour/votes HTTP/1.1\r\nHost: x\r\nX-Voter-Id: p\(voter)\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        }
        batch += "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
        client.send(batch)
        let (responses, closed) = client.responses(6)
        #expect(!closed)
        #expect(responses.map(\.status) == [201, 201, 201, 201, 201, 200])
        let sequence = responses.prefix(5).compactMap {
            $0.body.split(separator: "\"")[3].split(separator: "-").first.flatMap { Int($0) }
        }
        #expect(sequence == sequence.sorted())
        #expect(client.request("GET", "/healthz").status == 200)  // the same connection, still open
    }
}

/// docs/openapi.json describes what the server does: every documented operation is routed (no
/// `not-found` or `method-not-allowed`), and answers with one of its documented statuses; and
/// every route of the JSON API is documented.
@Suite struct OpenAPIDocumentTests {
    static func documentedPaths() throws -> [String: [String: Any]] {
        let document = try JSONSerialization.jsonObject(
            with: Data(contentsOf: EngineHarness.repository.appendingPathComponent("docs/openapi.json")))
        return try #require((document as? [String: Any])?["paths"] as? [String: [String: Any]])
    }

    /// The reverse of the test below: each route the router answers for programs (the `api`
    /// face: /healthz, /metrics, /v1/...; the pages are docs/pages.md's) is in the document with
    /// its method, and HEAD beside each GET, so a route added without documentation fails here.
    @Test func everyAPIRouteIsDocumented() throws {
        // A path's shape, parameters unnamed: `/v1/campaigns/{}`, as the router matches it.
        let documented = Set(
            try Self.documentedPaths().flatMap { template, operations in
                let shape = template.split(separator: "/", omittingEmptySubsequences: false).map {
                    $0.hasPrefix("{") && $0.hasSuffix("}") ? "{}" : String($0)
                }.joined(separator: "/")
                return operations.keys.map { "\($0.uppercased()) \(shape)" }
            })
        var routed: Set<String> = []
        for route in WebApp.routes().routes where route.face == .api {
            let shape =
                "/"
                + route.segments.map { segment in
                    switch segment {
                    case .literal(let text): text
                    case .parameter: "{}"
                    case .rest: "*"
                    }
                }.joined(separator: "/")
            routed.insert("\(route.method) \(shape)")
            if route.method == "GET" { routed.insert("HEAD \(shape)") }
        }
        #expect(routed.count >= 30, "the router's API routes: \(routed.sorted())")
        let missing = routed.subtracting(documented).sorted()
        #expect(missing.isEmpty, "routes docs/openapi.json does not describe: \(missing)")
    }

    @Test func everyDocumentedOperationIsServedWithADocumentedStatus() throws {
        let paths = try Self.documentedPaths()
        #expect(paths.count == 19)
        let api = try APIHarness(at: "2027-05-01T10:00Z")
        let values = ["campaign": "quick-poll", "ballot": "colour", "receipt": "1-0123456789abcdef"]
        for (template, operations) in paths {
            var path = template
            for (name, value) in values { path = path.replacingOccurrences(of: "{\(name)}", with: value) }
            for (method, operation) in operations {
                let documented = Set(((operation as? [String: Any])?["responses"] as? [String: Any] ?? [:]).keys)
                guard method != "head" else {
                    // A head only: the client would wait for the body its Content-Length announces.
                    let client = try api.client()
                    client.send(
                        "HEAD \(path) HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(APIHarness.operatorKey)\r\n\r\n")
                    let head = client.receive { $0.contains("\r\n\r\n") }
                    let status = head.split(separator: " ").dropFirst().first.map(String.init) ?? head
                    #expect(documented.contains(status), "head \(template): \(head)")
                    continue
                }
                let answer = try api.send(
                    method.uppercased(), path, headers: ["Authorization": "Bearer \(APIHarness.operatorKey)"],
                    body: method == "post" ? "{}" : nil)
                #expect(
                    documented.contains("\(answer.status)"), "\(method) \(template): \(answer.status) \(answer.body)")
                #expect(
                    !["not-found", "method-not-allowed"].contains(problemType(answer.json)), "\(method) \(template)")
            }
        }
    }
}
