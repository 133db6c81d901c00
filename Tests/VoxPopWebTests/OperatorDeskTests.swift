import Foundation
import Testing
import VoxPopEngine
import VoxPopTestSupport

/// The seed campaigns run as their operators would, through the operator API only: the airline's
/// 800-odd messy nominations reviewed into a fair shortlist, and the recruitment campaign with
/// invites VoxPop minted.
@Suite struct OperatorDeskTests {
    static let keys = ["VOXPOP_OPERATOR_KEYS": "ana=ana's operator key 2027,ben=ben's operator key 2027"]

    /// A small, seeded generator (SplitMix64): the same nominations every run.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    }

    /// Each place the fans mean, with the spellings they write it in and how many write each.
    /// Folding by case and accents joins some; the campaign's aliases, suggested merges and the
    /// operator's own merges must join the rest.
    static let places: [(place: String, spellings: [(String, Int)])] = [
        ("Göteborg", [("Göteborg", 50), ("goteborg", 15), ("Gothenburg", 20), ("GÖTEBORG", 10)]),
        ("New York", [("New York", 40), ("new york", 10), ("NYC", 20), ("New York City", 12), ("Big Apple", 8)]),
        ("Barcelona", [("Barcelona", 70), ("Barcleona", 6), ("Barcelonaa", 4)]),
        ("København", [("København", 40), ("Kobenhavn", 10), ("Koebenhavn", 8), ("Copenhagen", 12)]),
        ("Reykjavík", [("Reykjavík", 45), ("Reykjavik", 10), ("Reykjavk", 5)]),
        ("Tromsø", [("Tromsø", 40), ("Tromso", 15)]),
        ("München", [("München", 30), ("Muenchen", 8), ("Munich", 12)]),
        ("St. Petersburg", [("St. Petersburg", 25), ("Saint Petersburg", 20)]),
        ("Ålesund", [("Ålesund", 25), ("Aalesund", 10), ("Alesund", 5)]),
        ("Lisboa", [("Lisboa", 30), ("Lisbon", 2)]),
        ("Madrid", [("madrid", 30)]),
        ("Nantes", [("Nantes", 6)]),
        ("Mantes-la-Jolie", [("Mantes", 3)]),
    ]
    static let minor = [
        "Oslo", "Rome", "Paris", "Nice", "Bergen", "Malmö", "Porto", "Vienna", "Prague", "Berlin", "Dublin", "Zürich",
        "Geneva", "Athens", "Istanbul", "Krakow", "Budapest", "Split", "Dubrovnik", "Helsinki", "Tallinn", "Riga",
        "Vilnius", "Warsaw", "Gdansk", "Seville", "Valencia", "Málaga", "Palma", "Ibiza", "Tenerife", "Madeira",
        "Faro", "Naples", "Venice", "Florence", "Milan", "Turin", "Bologna", "Hamburg", "Amsterdam", "Brussels",
        "Edinburgh", "London", "Marrakech", "Cairo", "Tokyo", "Bangkok", "Sydney",
    ]

    /// The nominations in a shuffled order, a few typed in other cases or with stray spaces.
    static func nominations() -> [String] {
        var all = places.flatMap { place in place.spellings.flatMap { Array(repeating: $0.0, count: $0.1) } }
        let sizes = [12, 9, 7, 5, 4, 3, 3, 2, 2, 1]
        for (index, place) in minor.enumerated() { all += Array(repeating: place, count: sizes[index % sizes.count]) }
        var random = Generator(state: 2027)
        for index in all.indices.reversed() { all.swapAt(index, random.below(index + 1)) }
        return all.map { text in
            switch random.below(20) {
            case 0: text.uppercased()
            case 1: "  " + text + " "
            default: text
            }
        }
    }

    func json(_ answer: WebHarness.Answer) -> [String: Any] { answer.json }

    @Test func theAirlineRunsFromMessyNominationsToAPublishedFinal() throws {
        let web = try WebHarness(at: "2027-01-12T12:00Z", environment: Self.keys)
        let ana = "ana's operator key 2027"
        let ben = "ben's operator key 2027"
        let path = "campaigns/airline-summer/ballots/nominations"
        let nominations = Self.nominations()
        #expect(nominations.count >= 800)
        for (index, text) in nominations.enumerated() {
            let answer = web.vote(
                "airline-summer", "nominations", #"{"writeIn": \#(jsonString(text))}"#,
                headers: web.token("airline-summer", voter: "fan-\(index)", secretOf: "AIRLINE_VOTER_SECRET"))
            #expect(answer.status == 201, "\(text): \(answer.body)")
        }

        // The review: aliases have applied as votes came in; the suggestions are real ones.
        var review = web.admin("GET", path + "/write-ins?per=500", key: ana).json
        let groups = try #require(review["writeIns"] as? [[String: Any]])
        #expect(groups.count == review["matching"] as? Int)
        func group(_ id: String) -> [String: Any]? { groups.first { $0["id"] as? String == id } }
        #expect(group("gothenburg")?["alias"] as? String == "Göteborg")
        #expect(group("goteborg")?["total"] as? Int == 95, "the alias counts at once")
        #expect(group("nyc")?["mergedInto"] as? String == "new york")
        let suggestions = try #require(review["suggestions"] as? [[String: Any]])
        func suggestion(containing id: String) -> [String: Any]? {
            suggestions.first { ($0["ids"] as? [String])?.contains(id) == true || $0["into"] as? String == id }
        }
        for (id, into) in [
            ("kobenhavn", "københavn"), ("tromso", "tromsø"), ("barcleona", "barcelona"), ("reykjavk", "reykjavik"),
            ("muenchen", "munchen"), ("saint petersburg", "st petersburg"), ("aalesund", "alesund"),
            ("lisbon", "lisboa"), ("nantes", "nantes"),
        ] {
            #expect(suggestion(containing: id)?["into"] as? String == into, "\(id) → \(into): \(suggestions)")
        }
        #expect(!suggestions.contains { ($0["ids"] as? [String])?.contains("rome") == true }, "no wild guesses")
        let preliminary = web.admin("GET", path + "/tally", key: ana).json
        #expect(preliminary["preliminary"] as? Bool == true)
        #expect(
            (preliminary["ranking"] as? [String])?.prefix(2) == ["Göteborg", "New York"],
            "before any merge, only the aliases help")

        // Accept every suggestion but Lisbon's (not noticed yet); Nantes is not Mantes-la-Jolie.
        for suggested in suggestions {
            let ids = try #require(suggested["ids"] as? [String])
            let into = try #require(suggested["into"] as? String)
            if ids.contains("mantes") || into == "mantes" {
                #expect(
                    web.admin(
                        "POST", path + "/write-ins",
                        body: #"{"id": \#(jsonString(suggested["id"] as! String)), "action": "dismiss"}"#,
                        key: ana
                    ).status == 200)
                continue
            }
            if ids.contains("lisbon") { continue }
            let body = #"{"ids": \#(jsonArray(ids)), "action": "merge", "into": \#(jsonString(into))}"#
            let merged = web.admin("POST", path + "/write-ins", body: body, key: ana)
            #expect(merged.status == 200, "\(body): \(merged.body)")
        }
        // What no folding finds, the operator merges by hand, several at once; a target that is
        // not there is refused and changes nothing.
        let wrong = web.admin(
            "POST", path + "/write-ins", body: #"{"ids": ["big apple"], "action": "merge", "into": "Middle Earth"}"#,
            key: ana)
        #expect(wrong.status == 422 && wrong.problem == "refused", "\(wrong.body)")
        for (ids, into) in [
            (#"["big apple"]"#, "New York"), (#"["copenhagen"]"#, "københavn"), (#"["munich"]"#, "münchen"),
        ] {
            let merged = web.admin(
                "POST", path + "/write-ins", body: #"{"ids": \#(ids), "action": "merge", "into": "\#(into)"}"#, key: ana
            )
            #expect(merged.status == 200, "\(ids): \(merged.body)")
        }
        #expect(
            web.admin(
                "POST", path + "/write-ins", body: #"{"id": "madrid", "action": "label", "label": "Madrid"}"#, key: ana
            )
            .status == 200)
        review = web.admin("GET", path + "/write-ins?q=york", key: ana).json
        #expect(
            (review["writeIns"] as? [[String: Any]])?.first?["total"] as? Int == 90,
            "New York with every spelling merged into it")
        #expect((review["suggestions"] as? [[String: Any]])?.contains { $0["ids"] as? [String] == ["mantes"] } != true)

        // The shortlist preview: ten places, with a tie at the cut-off shown before a lot decides.
        var tally = web.admin("GET", path + "/tally", key: ana).json
        let expected = [
            "Göteborg", "New York", "Barcelona", "København", "Reykjavík", "Tromsø", "München", "St. Petersburg",
            "Ålesund",
        ]
        #expect((tally["ranking"] as? [String]).map { Array($0.prefix(9)) } == expected, "\(tally["ranking"] ?? "")")
        var cutoff = try #require((tally["shortlists"] as? [[String: Any]])?.first)
        #expect(cutoff["tie"] as? Bool == true)
        #expect(Set(cutoff["tied"] as? [String] ?? []) == ["Lisboa", "Madrid"])

        // The nominations close; the final waits. The Lisbon merge, made now, still counts.
        try web.at("2027-01-18T08:00Z")
        #expect(web.engine.state(campaign: "airline-summer", ballot: "nominations") == .tallied)
        #expect(web.engine.state(campaign: "airline-summer", ballot: "final") == .scheduled)
        #expect(web.send("GET", "/v1/campaigns/airline-summer/ballots/nominations/results").status == 404)
        let late = web.admin(
            "POST", path + "/write-ins", body: #"{"ids": ["lisbon"], "action": "merge", "into": "Lisboa"}"#, key: ben)
        #expect(late.status == 200, "\(late.body)")
        tally = web.admin("GET", path + "/tally", key: ben).json
        #expect(tally["preliminary"] == nil, "counted, not preliminary")
        cutoff = try #require((tally["shortlists"] as? [[String: Any]])?.first)
        #expect(cutoff["tie"] as? Bool == false)
        #expect(cutoff["options"] as? [String] == expected + ["Lisboa"])

        // Opening the final publishes the reviewed count and freezes the ten.
        let opened = web.admin("POST", "campaigns/airline-summer/ballots/final/open", key: ben)
        #expect(opened.status == 200, "\(opened.body)")
        let published = web.send("GET", "/v1/campaigns/airline-summer/ballots/nominations/results").json
        #expect((published["shortlist"] as? [String]) == expected + ["Lisboa"])
        #expect((published["ranking"] as? [String])?.contains("Madrid") == true, "the operator's label, published")
        let final = try #require(web.engine.options(campaign: "airline-summer", ballot: "final"))
        #expect(Set(final.map(\.label)) == Set(expected + ["Lisboa"]))
        #expect(
            web.admin("POST", path + "/write-ins", body: #"{"ids": ["madrid"], "action": "reject"}"#, key: ben).status
                == 409, "a published count is final")

        // Ranked votes on the final, a look at the count, then its close publishes it.
        var random = Generator(state: 18)
        let ids = final.map(\.id)
        for voter in 0..<240 {
            var order = ids
            for index in order.indices.reversed() { order.swapAt(index, random.below(index + 1)) }
            let ranking = Array(order.prefix(1 + random.below(5)))
            let answer = web.vote(
                "airline-summer", "final", #"{"choices": \#(jsonArray(ranking))}"#,
                headers: web.token("airline-summer", voter: "fan-\(voter)", secretOf: "AIRLINE_VOTER_SECRET"))
            #expect(answer.status == 201, "\(answer.body)")
        }
        let running = web.admin("GET", "campaigns/airline-summer/ballots/final/tally", key: ana).json
        #expect(running["preliminary"] as? Bool == true && running["votes"] as? Int == 240)
        #expect(web.admin("POST", "campaigns/airline-summer/ballots/final/close", key: ana).status == 200)
        let result = web.send("GET", "/v1/campaigns/airline-summer/ballots/final/results").json
        #expect(result["votes"] as? Int == 240)
        #expect((result["winners"] as? [String])?.count == 1)
        #expect(result["winners"] as? [String] == running["winners"] as? [String], "the review showed the result")

        // Every step on record, by whom, newest first, page by page.
        var entries: [[String: Any]] = []
        var next: String? = nil
        repeat {
            let page = web.admin("GET", "log?limit=7" + (next.map { "&before=\($0)" } ?? ""), key: ana).json
            entries += page["entries"] as? [[String: Any]] ?? []
            next = page["next"] as? String
        } while next != nil
        let lines = entries.reversed().map {
            "\($0["actor"] as? String ?? "?") \($0["action"] as? String ?? "?") \($0["ballot"] as? String ?? "-")"
        }
        for line in [
            "scheduler open nominations", "ana merge nominations", "ana dismiss nominations", "ana label nominations",
            "scheduler close nominations", "scheduler count nominations", "ben merge nominations",
            "ben publish nominations", "ben open final", "ana close final", "scheduler count final",
            "scheduler publish final",
        ] {
            #expect(lines.contains(line), "\(line) in \(lines)")
        }
        #expect(lines.firstIndex(of: "ben merge nominations")! > lines.firstIndex(of: "scheduler count nominations")!)
        #expect(entries.allSatisfy { ($0["at"] as? String)?.hasSuffix("Z") == true })
        let finalOnly = web.admin("GET", "log?campaign=airline-summer&ballot=final", key: ana).json
        #expect(
            (finalOnly["entries"] as? [[String: Any]])?.map { $0["action"] as? String ?? "" }
                == ["publish", "count", "close", "open"])
        let campaignOnly = web.admin("GET", "log?campaign=airline-summer&limit=500", key: ana).json
        #expect(
            (campaignOnly["entries"] as? [[String: Any]])?.count
                == entries.filter { $0["campaign"] as? String == "airline-summer" }.count)
        #expect(web.admin("GET", "log?limit=0", key: ana).status == 400)
        #expect(web.admin("GET", "log?before=x", key: ana).problem == "malformed-query")
        let page = try #require(web.engines.published("airline-summer", "nominations", "en.html"))
        #expect(
            page.contains("ben: merge · &quot;lisbon&quot; into &quot;lisboa&quot;"),
            "the published page lists the late merge")

        web.engines.stop()
        let audit = try Audit.run(database: web.engines.databasePath, campaign: "airline-summer")
        #expect(audit.problems == 0, "\(audit.lines)")
    }

    @Test func theRecruitmentCampaignRunsOnMintedInvitesAndRecountsAWithdrawal() throws {
        let web = try WebHarness(at: "2027-03-02T12:00Z", environment: Self.keys)
        let key = "ana's operator key 2027"
        let minted = web.admin("POST", "campaigns/candidate-hires/invites", body: #"{"count": 300}"#, key: key)
        #expect(minted.status == 201)
        let codes = try #require(minted.json["codes"] as? [String])
        let links = try #require(minted.json["links"] as? [String])
        #expect(codes.count == 300 && Set(codes).count == 300 && links.count == 300)
        #expect(links[0] == "/c/candidate-hires?invite=" + codes[0])
        #expect(web.admin("POST", "campaigns/candidate-hires/invites", body: #"{"count": 0}"#, key: key).status == 400)
        #expect(web.admin("POST", "campaigns/quick-poll/invites", body: #"{"count": 5}"#, key: key).status == 409)

        // The personal link fills the code in; the voter only chooses.
        let page = web.send("GET", links[0])
        #expect(page.body.contains(#"name="invite""#) && page.body.contains(#"value="\#(codes[0])""#))
        let candidates = ["ingrid-solberg", "amir-haddad", "sofie-lunde", "jonas-berg"]
        for (index, code) in codes.prefix(250).enumerated() {
            // Some read the code out and type it back in lower case with spaces.
            let typed = index % 5 == 0 ? code.lowercased().replacingOccurrences(of: "-", with: " ") : code
            let choices = index < 120 ? ["amir-haddad", "sofie-lunde"] : [candidates[index % 4]]
            let answer = web.vote(
                "candidate-hires", "shortlist", #"{"choices": \#(jsonArray(choices)), "invite": "\#(typed)"}"#)
            #expect(answer.status == 201, "\(typed): \(answer.body)")
        }
        var counts = web.admin("GET", "campaigns/candidate-hires/invites", key: key).json
        #expect(counts["total"] as? Int == 300 && counts["used"] as? Int == 250)

        let revoke = Array(codes[250..<260]) + [codes[0]]
        let revoked = web.admin(
            "POST", "campaigns/candidate-hires/invites/revoke", body: #"{"codes": \#(jsonArray(revoke))}"#, key: key
        ).json
        #expect((revoked["revoked"] as? [String])?.count == 10)
        #expect(revoked["used"] as? [String] == [codes[0]], "a code that voted keeps its vote")
        let refused = web.vote(
            "candidate-hires", "shortlist", #"{"choices": ["jonas-berg"], "invite": "\#(codes[255])"}"#)
        #expect(refused.status == 403, "\(refused.body)")
        #expect(
            web.vote("candidate-hires", "shortlist", #"{"choices": ["jonas-berg"], "invite": "\#(codes[299])"}"#).status
                == 201)
        counts = web.admin("GET", "campaigns/candidate-hires/invites", key: key).json
        #expect(counts["used"] as? Int == 251 && counts["revoked"] as? Int == 10)

        // Closed, counted, held for review; Amir withdraws and the count is made again without him.
        #expect(web.admin("POST", "campaigns/candidate-hires/ballots/shortlist/close", key: key).status == 200)
        let before = web.admin("GET", "campaigns/candidate-hires/ballots/shortlist/tally", key: key).json
        #expect((before["winners"] as? [String])?.contains("Amir Haddad") == true, "\(before)")
        let withdrawn = web.admin(
            "POST", "campaigns/candidate-hires/ballots/shortlist/withdraw", body: #"{"options": ["amir-haddad"]}"#,
            key: key)
        #expect(withdrawn.status == 200, "\(withdrawn.body)")
        #expect(
            web.admin(
                "POST", "campaigns/candidate-hires/ballots/shortlist/withdraw", body: #"{"options": ["nobody"]}"#,
                key: key
            ).status == 422)
        let after = web.admin("GET", "campaigns/candidate-hires/ballots/shortlist/tally", key: key).json
        #expect(after["withdrawn"] as? [String] == ["Amir Haddad"])
        #expect(!((after["ranking"] as? [String]) ?? []).contains("Amir Haddad"))
        #expect(after["votes"] as? Int == 251, "his voters' other choices still count")
        #expect(web.admin("POST", "campaigns/candidate-hires/ballots/shortlist/publish", key: key).status == 200)
        let published = web.send("GET", "/v1/campaigns/candidate-hires/ballots/shortlist/results").json
        #expect(published["withdrawn"] as? [String] == ["Amir Haddad"])
        #expect(published["winners"] as? [String] == after["winners"] as? [String])
        #expect(
            web.admin(
                "POST", "campaigns/candidate-hires/ballots/shortlist/withdraw", body: #"{"options": ["jonas-berg"]}"#,
                key: key
            ).status == 409, "nothing is withdrawn from a published count")
        web.engines.stop()
        #expect(try Audit.run(database: web.engines.databasePath, campaign: "candidate-hires").problems == 0)
    }
}

func jsonArray(_ items: [String]) -> String { "[" + items.map(jsonString).joined(separator: ",") + "]" }
