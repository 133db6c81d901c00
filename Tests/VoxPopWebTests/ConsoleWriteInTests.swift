import Foundation
import Testing
import VoxPopEngine
import VoxPopTestSupport

/// Write-in review from the console: one bulk form over groups by merged total, a refused merge
/// target shown as the engine says it, suggestions accepted and dismissed, labels, search and
/// pages, and 400 groups on one page under 100 KB.
@Suite struct ConsoleWriteInTests {
    let base = "/admin/c/airline-summer/nominations/write-ins"

    func group(_ api: APIHarness, _ id: String) throws -> Engine.WriteInGroup? {
        try api.engine.writeInReview(campaign: "airline-summer", ballot: "nominations", perPage: 500).groups
            .first { $0.id == id }
    }

    @Test func oneBulkFormMergesApprovesAndRejectsAndARefusedTargetChangesNothing() throws {
        let api = try APIHarness(at: "2027-01-12T12:00Z")
        api.nominate(
            [
                ("Göteborg", 3), ("Gothenburg", 2), ("Goteburg", 1), ("Paris", 4), ("Middle Earth", 1),
                ("<script>alert(1)</script>", 1),
            ])
        let desk = try ConsoleOperator(api)
        let page = try desk.get(base)
        #expect(page.status == 200)
        #expect(ConsoleOperator.count("<form method=\"post\" action=\"\(base)\">", in: page.body) == 1, "one form")
        #expect(ConsoleOperator.count("<input type=checkbox name=ids ", in: page.body) == 6)
        #expect(page.body.contains(#"<datalist id="targets">"#) && page.body.contains(#"<option value="Paris">"#))
        #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !page.body.contains("<script>"))
        #expect(page.body.contains(#"<b>4 votes</b>"#), "Paris, most voted, with its total")

        // A target that is no group or option: the page again with the engine's reason, boxes
        // still checked, what was typed kept, and nothing decided.
        let refused = try desk.post(
            base, [("ids", "gothenburg"), ("ids", "middle earth"), ("into", "Mordor"), ("action", "merge")])
        #expect(refused.status == 422)
        #expect(refused.body.contains(#"role="alert">&quot;Mordor&quot; is neither a write-in group"#))
        #expect(refused.body.contains(#"value="gothenburg" checked>"#) && refused.body.contains(#"value="Mordor""#))
        #expect(
            refused.body.contains(#"value="middle earth" checked>"#)
                && !refused.body.contains(#"value="paris" checked"#))
        #expect(try group(api, "gothenburg")?.decision == nil && group(api, "middle earth")?.decision == nil)
        #expect(try desk.post(base, [("into", "Paris"), ("action", "merge")]).body.contains("Check at least one"))
        #expect(try desk.post(base, [("ids", "paris"), ("action", "merge")]).body.contains("Type the group"))

        // Two groups merged into one by its label, in one post.
        let merged = try desk.post(
            base, [("ids", "gothenburg"), ("ids", "goteburg"), ("into", "Göteborg"), ("action", "merge")])
        #expect(merged.status == 303 && merged.header("Location") == base + "?done=merge&n=2")
        #expect(
            try group(api, "gothenburg")?.mergedInto == "goteborg" && group(api, "goteburg")?.mergedInto == "goteborg")
        #expect(try group(api, "goteborg")?.total == 6)
        let after = try desk.get(base + "?done=merge&n=2").body
        #expect(after.contains("Merged 2 groups."))
        #expect(
            after.contains(
                #"<li><div class=pick><label><input type=checkbox name=ids value="goteborg"> Göteborg</label><b>6 votes</b>"#
            ), "first by merged total")
        #expect(after.contains("2 merged into Göteborg"))

        #expect(
            try desk.post(base, [("ids", "middle earth"), ("ids", "<script>alert(1)</script>"), ("action", "reject")])
                .status == 303)
        #expect(try group(api, "middle earth")?.decision?.action == "reject")
        // A rejected group shows the votes that were judged, not a count of nothing.
        let judged = try desk.get(base + "?q=middle").body
        #expect(judged.contains(#"<b>1 vote</b>"#) && judged.contains("rejected") && !judged.contains("merged in -"))
        // Over a search's few rows the bulk bar sits below them, not stuck over them.
        #expect(judged.contains(#"<fieldset class="bulk"><legend>"#))
        #expect(try desk.post(base, [("ids", "paris"), ("action", "approve")]).status == 303)
        #expect(try group(api, "paris")?.decision?.action == "approve")
        #expect(try desk.post(base, [("ids", "paris"), ("action", "approve")], token: false).status == 403)
        // The single form of old (`id=`) still works.
        #expect(try desk.post(base, [("id", "paris"), ("action", "reject")]).status == 303)
        #expect(try group(api, "paris")?.decision?.action == "reject")
    }

    @Test func suggestionsAreAcceptedOrDismissedAndLabelsSet() throws {
        let api = try APIHarness(at: "2027-01-12T12:00Z")
        api.nominate([("Lisbon", 5), ("Lisboa", 2), ("Reykjavik", 4), ("Rejkjavik", 1), ("madrid", 3)])
        let desk = try ConsoleOperator(api)
        let page = try desk.get(base).body
        #expect(page.contains("<h2 id=\"suggested\">Suggested merges</h2>"))
        let order = { (body: String) in
            (body.range(of: #"id="suggested""#)?.lowerBound, body.range(of: #"id="groups""#)?.lowerBound)
        }
        if case (let suggested?, let groups?) = order(page) {
            #expect(suggested < groups, "suggestions lead the review")
        }
        // A search is for the groups it finds: they come first, above the suggestions.
        let searched = try desk.get(base + "?q=madrid").body
        let (suggested, groups) = order(searched)
        #expect(suggested != nil && groups != nil && groups! < suggested!, "the match is not pushed below the fold")
        let review = try api.engine.writeInReview(campaign: "airline-summer", ballot: "nominations")
        let lisbon = try #require(review.suggestions.first { $0.ids.contains("lisboa") })
        #expect(
            page.contains("Merge <b>Lisboa</b> into <b>Lisbon</b>"), "named by label, the target not merged into itself"
        )
        #expect(page.contains(#"name="accept" value="\#(lisbon.id)""#))
        let accepted = try desk.post(base + "/suggestions", [("accept", lisbon.id)])
        #expect(accepted.status == 303 && accepted.header("Location") == base + "?done=accept&n=1")
        #expect(try group(api, "lisboa")?.mergedInto == "lisbon" && group(api, "lisbon")?.total == 7)
        // Accepting it again: it is gone, and the page says so.
        let stale = try desk.post(base + "/suggestions", [("accept", lisbon.id)])
        #expect(stale.status == 409 && stale.body.contains("That suggestion has changed"))

        let reykjavik = try #require(
            try api.engine.writeInReview(campaign: "airline-summer", ballot: "nominations").suggestions.first {
                $0.ids.contains("rejkjavik")
            })
        #expect(try desk.post(base + "/suggestions", [("dismiss", reykjavik.id)]).status == 303)
        #expect(
            try api.engine.writeInReview(campaign: "airline-summer", ballot: "nominations").suggestions.allSatisfy {
                $0.id != reykjavik.id
            })
        #expect(try group(api, "rejkjavik")?.mergedInto == nil, "dismissed, not merged")

        // A label: its own small page, then what the public sees.
        #expect(page.contains(#"<a href="?label=madrid">Label</a>"#))
        let editor = try desk.get(base + "?label=madrid")
        #expect(
            editor.status == 200
                && editor.body.contains(#"id="label" name="label" maxlength="200" required value="madrid""#))
        let labelled = try desk.post(base + "/label", [("id", "madrid"), ("label", "Madrid")])
        #expect(labelled.status == 303)
        let madrid = try #require(try group(api, "madrid"))
        #expect(madrid.label == "Madrid" && madrid.labelledByOperator)
        #expect(try desk.get(base + "?q=madrid&done=label").body.contains("Label saved."))
        #expect(try desk.post(base + "/label", [("id", "madrid"), ("clear", "1")]).status == 303)
        #expect(try group(api, "madrid")?.labelledByOperator == false)
        #expect(try desk.get(base + "?label=nowhere").status == 404)
    }

    @Test func fourHundredGroupsSearchAndPageAndStayUnder100KBOnOnePage() throws {
        let api = try APIHarness(at: "2027-01-12T12:00Z")
        // 400 distinct places, some with a second spelling, as a busy nomination has.
        let first = ["Ber", "Lis", "Ma", "Os", "Pa", "Rey", "To", "Ro", "Lon", "Ath"]
        let second = ["lin", "bon", "drid", "lo", "ris", "kja", "kyo", "ma", "don", "ens"]
        let third = [" Bay", "port", " Falls", "holm"]
        var places: [(String, Int)] = []
        for (a, start) in first.enumerated() {
            for (b, middle) in second.enumerated() {
                for (c, end) in third.enumerated() {
                    let name = start + middle + end
                    places.append((name, 1 + (a + b + c) % 4))
                    if (a + b + c) % 4 == 0 { places.append((name.lowercased(), 1)) }
                }
            }
        }
        api.nominate(places)
        let review = try api.engine.writeInReview(campaign: "airline-summer", ballot: "nominations", perPage: 500)
        #expect(review.matching == 400)
        let desk = try ConsoleOperator(api)

        let all = try desk.get(base + "?per=400")
        #expect(all.status == 200)
        #expect(ConsoleOperator.count("<input type=checkbox name=ids ", in: all.body) == 400)
        let bytes = all.body.utf8.count
        print("write-ins page with 400 groups on one page: \(bytes) bytes")
        #expect(bytes < 100_000, "\(bytes) bytes")
        #expect(ConsoleOperator.count("<form method=\"post\" action=\"\(base)\">", in: all.body) == 1)

        let firstPage = try desk.get(base).body
        #expect(ConsoleOperator.count("name=ids ", in: firstPage) == 50)
        #expect(firstPage.contains("400 groups; 1–50 shown, page 1 of 8."))
        #expect(firstPage.contains(#"<a href="\#(base)?page=2" rel="next">Next page</a>"#))
        #expect(firstPage.contains(#"<fieldset class="bulk sticky">"#), "over 50 rows the bar stays in view")
        let second2 = try desk.get(base + "?page=2").body
        #expect(second2.contains("51–100 shown, page 2 of 8.") && second2.contains(#"rel="prev""#))
        #expect(second2.contains(#"<input type="hidden" name="page" value="2">"#), "a post comes back here")

        let found = try desk.get(base + "?q=LISBON").body
        #expect(found.contains("4 groups match; 1–4 shown, page 1 of 1."), "search folds case")
        #expect(found.contains(#"<fieldset class="bulk">"#), "over four it sits below them")
        #expect(found.contains(#"<input type="hidden" name="q" value="LISBON">"#))
        #expect(try desk.get(base + "?q=zzz").body.contains("No group matches that search."))
        #expect(try desk.get(base + "?per=0").status == 400 && desk.get(base + "?page=x").status == 400)
    }
}
