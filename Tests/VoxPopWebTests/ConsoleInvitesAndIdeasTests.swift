import Foundation
import Testing
import VoxPopEngine
import VoxPopTestSupport

/// Invites minted from the console (shown once, or as CSV), counted and revoked; an idea forum
/// moderated with points, statuses, merges and replies.
@Suite struct ConsoleInvitesAndIdeasTests {
    /// RFC 4180 rows, enough for the console's CSV (quoted cells, doubled quotes, CRLF).
    func csvRows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var cell = ""
        var quoted = false
        var characters = Array(text.unicodeScalars)[...]
        while let scalar = characters.popFirst() {
            if quoted {
                if scalar == "\"" {
                    if characters.first == "\"" {
                        cell.unicodeScalars.append("\"")
                        characters = characters.dropFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    cell.unicodeScalars.append(scalar)
                }
            } else if scalar == "\"" {
                quoted = true
            } else if scalar == "," {
                row.append(cell)
                cell = ""
            } else if scalar == "\r" {
                continue
            } else if scalar == "\n" {
                row.append(cell)
                rows.append(row)
                (row, cell) = ([], "")
            } else {
                cell.unicodeScalars.append(scalar)
            }
        }
        return rows
    }

    @Test func invitesAreMintedOnAPageOrAsCSVCountedAndRevoked() throws {
        let api = try APIHarness(at: "2027-03-02T12:00Z")
        let desk = try ConsoleOperator(api)
        let base = "/admin/c/candidate-hires/invites"
        let page = try desk.get(base)
        #expect(page.status == 200)
        #expect(page.body.contains("<dt>Codes</dt><dd>0</dd><dt>Voted</dt><dd>0</dd>"))
        #expect(page.body.contains(#"<button type="submit" name="as" value="page">"#))
        #expect(page.body.contains(#"<button type="submit" name="as" value="csv" class="secondary">"#))

        let minted = try desk.post(base, [("count", "7"), ("as", "page")])
        #expect(minted.status == 201)
        #expect(minted.body.contains("Copy them now: they are not shown again."))
        let codes = ConsoleOperator.values(after: "<li><code>", in: minted.body).map {
            String($0.prefix { $0 != "<" })
        }
        #expect(codes.count == 7 && Set(codes).count == 7)
        for code in codes {
            #expect(code.count == 31 && code.split(separator: "-").count == 6, "\(code)")
            #expect(minted.body.contains("http://127.0.0.1/c/candidate-hires?invite=\(code)"), "its personal link")
        }

        let download = try desk.post(base, [("count", "5"), ("as", "csv")])
        #expect(download.status == 200)
        #expect(download.header("Content-Type") == "text/csv; charset=utf-8")
        #expect(download.header("Content-Disposition") == #"attachment; filename="candidate-hires-invites.csv""#)
        #expect(download.header("Cache-Control") == "no-store")
        let rows = csvRows(download.body)
        #expect(rows.first == ["code", "link"] && rows.count == 6)
        for row in rows.dropFirst() {
            #expect(row.count == 2 && row[1] == "http://127.0.0.1/c/candidate-hires?invite=\(row[0])")
        }
        #expect(try api.engine.inviteCounts(campaign: "candidate-hires").total == 12)

        // One code votes; then revoke it, an unused one and one that never was.
        #expect(
            (try? api.engine.vote(
                campaign: "candidate-hires", ballot: "shortlist", voter: .invite(codes[0]),
                vote: .choices(["sofie-lunde"])
            ).get()) != nil)
        let revoked = try desk.post(
            base + "/revoke", [("codes", "\(codes[0])\r\n\(codes[1].lowercased())\r\n\r\nNOT-A-CODE-AT-ALL\n")])
        #expect(revoked.status == 200)
        #expect(revoked.body.contains("<h1>Revoked 1 of 3 codes</h1>"))
        #expect(revoked.body.contains("<code>\(codes[0])</code></th><td>had voted: its vote stands, not revoked</td>"))
        #expect(revoked.body.contains("revoked: it can no longer vote"), "case does not matter in a code")
        #expect(revoked.body.contains("<code>NOT-A-CODE-AT-ALL</code></th><td>unknown: not one of this campaign"))
        let counts = try api.engine.inviteCounts(campaign: "candidate-hires")
        #expect(counts.used == 1 && counts.revoked == 1)
        let refused = try api.vote(
            "candidate-hires", "shortlist", #"{"choices": ["sofie-lunde"]}"#, headers: ["X-Invite-Code": codes[1]])
        #expect(refused.status == 403, "a revoked code cannot vote")

        #expect(try desk.post(base, [("count", "0")]).status == 400)
        #expect(try desk.post(base, [("count", "10001")]).status == 400)
        #expect(try desk.post(base + "/revoke", [("codes", " \n ")]).status == 400)
        let wrong = try desk.get("/admin/c/airline-summer/invites")
        #expect(wrong.status == 409 && wrong.body.contains("not invites"), "a token campaign has no invites")
        #expect(try api.engine.operatorLog().contains { $0.action == "invites" && $0.detail == "7 codes minted" })
    }

    /// The mint form carries a batch id of its own: posting it again (a reload of the answer,
    /// a double click) shows the same codes instead of minting another batch.
    @Test func aReloadedMintShowsTheSameCodes() throws {
        let api = try APIHarness(at: "2027-03-02T12:00Z")
        let desk = try ConsoleOperator(api)
        let base = "/admin/c/candidate-hires/invites"
        let page = try desk.get(base).body
        let batch = try #require(ConsoleOperator.values(after: #"name="batch" value=""#, in: page).first)
            .prefix { $0 != "\"" }
        #expect(batch.count == 32)
        let codes = { (answer: ConsoleOperator.Answer) in
            ConsoleOperator.values(after: "<li><code>", in: answer.body).map { String($0.prefix { $0 != "<" }) }
        }
        let first = try desk.post(base, [("batch", String(batch)), ("count", "4"), ("as", "page")])
        let again = try desk.post(base, [("batch", String(batch)), ("count", "4"), ("as", "page")])
        #expect(first.status == 201 && codes(first).count == 4 && codes(again) == codes(first))
        #expect(try api.engine.inviteCounts(campaign: "candidate-hires").total == 4, "minted once")
        let fresh = try desk.get(base).body
        #expect(!fresh.contains(#"value="\#(batch)""#), "each form its own batch")
        let other = try desk.post(base, [("count", "4"), ("as", "page")])
        #expect(codes(other).count == 4 && Set(codes(other)).isDisjoint(with: codes(first)))
        #expect(try api.engine.inviteCounts(campaign: "candidate-hires").total == 8)
    }

    @Test func ideasListPendingFirstFilterAndTakeStatusesMergesAndReplies() throws {
        let api = try APIHarness(at: "2027-01-12T12:00Z")
        let engine = api.engine
        let recipes = try engine.suggest(
            campaign: "idea-forum", ballot: "ideas", voter: .token("ann"), text: "Recipes <em>now</em>"
        ).get()
        for (voter, points) in [("bo", ["dark-mode": 6, "offline-lists": 4]), ("cy", ["dark-mode": 3])] {
            #expect(
                (try? engine.vote(campaign: "idea-forum", ballot: "ideas", voter: .token(voter), vote: .points(points))
                    .get()) != nil)
        }
        let desk = try ConsoleOperator(api)
        let base = "/admin/c/idea-forum/ideas/ideas"
        let page = try desk.get(base)
        #expect(page.status == 200)
        let body = page.body
        #expect(body.contains("<h2>Recipes &lt;em&gt;now&lt;/em&gt;</h2>"), "voter text escaped")
        let pending = try #require(body.range(of: "Recipes &lt;em&gt;"))
        let darkMode = try #require(body.range(of: "<h2>Dark mode</h2>"))
        #expect(pending.lowerBound < darkMode.lowerBound, "pending first")
        #expect(body.contains("<strong>9 points</strong>"), "dark mode's points in the count now")
        #expect(body.contains(#"<a href="\#(base)?status=pending">pending (1)</a>"#))
        #expect(body.contains(#"<a href="\#(base)" aria-current="page">All (6)</a>"#))
        // A public idea is offered only public statuses.
        let darkMenu = try #require(body[darkMode.upperBound...].components(separatedBy: "</select>").first)
        #expect(darkMenu.contains("<option>declined</option>") && !darkMenu.contains("<option>pending</option>"))

        let filtered = try desk.get(base + "?status=pending").body
        #expect(filtered.contains("Recipes") && !filtered.contains("<h2>Dark mode</h2>"))
        #expect(try desk.get(base + "?status=bogus").status == 400)

        let saved = try desk.post(base, [("id", recipes.id), ("status", "under-review")])
        #expect(saved.status == 303)
        let savedPage = try desk.get(try #require(saved.header("Location"))).body
        #expect(savedPage.contains("Saved: \(recipes.id) is now under-review."))
        let firstCard = try #require(savedPage.components(separatedBy: #"<li class="card"><h2>"#).dropFirst().first)
        #expect(firstCard.hasPrefix("Recipes"), "the idea just saved comes first, under its notice")
        #expect(
            try engine.ideas(campaign: "idea-forum", ballot: "ideas", all: false)?.contains { $0.id == recipes.id }
                == true)
        let declined = try desk.post(
            base, [("id", "receipt-scan"), ("status", "declined"), ("filter", "under-review")])
        #expect(
            declined.status == 303 && declined.header("Location")?.hasPrefix(base + "?status=under-review&") == true)
        #expect(try desk.get(declined.header("Location")!).body.contains("Saved: receipt-scan is now declined."))
        let back = try desk.post(base, [("id", "dark-mode"), ("status", "pending")])
        #expect(back.status == 409 && back.body.contains("votes may name it"), "the engine refuses, on a page")

        // Merge and reply on the idea's own page.
        let idea = try desk.get(base + "/offline-lists")
        #expect(idea.status == 200 && idea.body.contains(#"<option value="dark-mode">Dark mode (dark-mode)</option>"#))
        #expect(!idea.body.contains(#"<option value="receipt-scan">"#), "a declined idea takes no merge")
        let merged = try desk.post(
            base, [("id", "offline-lists"), ("action", "merge"), ("into", "dark-mode"), ("from", "idea")])
        #expect(merged.status == 303 && merged.header("Location")?.hasPrefix(base + "/offline-lists?") == true)
        let all = try #require(try engine.ideas(campaign: "idea-forum", ballot: "ideas", all: true))
        #expect(all.first { $0.id == "offline-lists" }?.mergedInto == "dark-mode")
        #expect(try desk.get(base).body.contains("<strong>13 points</strong>"), "dark mode has the merged points")

        let reply = try desk.post(
            base, [("id", "dark-mode"), ("action", "reply"), ("text", "Coming in May <3"), ("from", "idea")])
        #expect(reply.status == 303)
        let replied = try desk.get(base + "/dark-mode").body
        #expect(replied.contains("<strong>Official reply:</strong> Coming in May &lt;3"))
        #expect(replied.contains(">Coming in May &lt;3</textarea>"))
        #expect(try desk.post(base, [("id", "dark-mode"), ("action", "reply"), ("text", "  ")]).status == 303)
        #expect(
            try engine.ideas(campaign: "idea-forum", ballot: "ideas", all: true)?.first { $0.id == "dark-mode" }?.reply
                == nil, "an empty reply removes it")
        #expect(try desk.get(base + "/idea-99").status == 404)
        #expect(try desk.get("/admin/c/airline-summer/nominations/ideas").status == 404)
        #expect(try desk.get("/admin/c/idea-forum/ideas/write-ins").body.contains("its ideas are on its Ideas page"))
    }
}
