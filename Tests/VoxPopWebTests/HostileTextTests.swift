import Foundation
import Testing
import VoxPopTestSupport

/// Text a voter sends goes everywhere VoxPop shows it: the voting page, the live and published
/// results, the console, the published HTML, CSV and JSON, and problem details. This corpus of
/// hostile texts (prepend characters and combining marks that glue themselves to `<` or `"`,
/// joiners, variation selectors, bidi controls, quotes, formula starters) must come out inert
/// in every one of them.
@Suite struct HostileTextTests {
    /// Each payload carries the marker tag `x-evil` or the marker attribute `data-evil`: if either
    /// survives as markup, it ran.
    static let payloads = [
        "\u{600}<x-evil>", ">\u{301}<x-evil>", "<\u{301}x-evil>", "a\u{200D}<x-evil>b", "<\u{FE0F}x-evil>",
        "\u{200F}<x-evil>\u{200E}", "\"><x-evil data-evil=\"1\">", "' data-evil='1", "\" data-evil=\"1",
        "<script>alert(1)</script><x-evil>", "<img src=x onerror=alert(1) data-evil=\"1\">",
        "&lt;x-evil&gt; & &amp;", "\u{1F1F8}\u{1F1EA}<x-evil>",
    ]
    /// Texts a spreadsheet would take for a formula or more cells.
    static let cells = [
        "=HYPERLINK(\"http://x\")", "=\u{301}HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)",
        "Oslo,\u{200D}999,\u{200D}yes", "a\"b,c", "\u{200D}=1+1",
    ]

    /// Whether an HTML page shows the payloads as text only.
    static func inert(_ html: String) -> Bool {
        !html.contains("<x-evil") && !html.contains("data-evil=\"") && !html.contains("data-evil='")
            && !html.contains("<img src=x") && !html.contains("<script>alert")
    }

    @Test func writeInsAreInertOnEveryPageAndInEveryPublishedFile() throws {
        let web = try WebHarness(at: "2027-01-12T12:00Z")
        // Numbered so no two fold into one write-in; the cells numbered at the end, so they keep
        // their formula starters first.
        let texts =
            Self.payloads.enumerated().map { "P\($0.offset) \($0.element)" }
            + Self.cells.enumerated().map { "\($0.element) C\($0.offset)" }
        for (index, text) in texts.enumerated() {
            let body = #"{"writeIn": \#(jsonString(text))}"#
            let answer = web.vote(
                "airline-summer", "nominations", body,
                headers: web.token("airline-summer", voter: "v\(index)", secretOf: "AIRLINE_VOTER_SECRET"))
            #expect(answer.status == 201, "\(text): \(answer.body)")
        }
        // Direction controls would turn the text around a write-in on every page: refused.
        for control in ["\u{202E}", "\u{2067}", "\u{202B}"] {
            let answer = web.vote(
                "airline-summer", "nominations", #"{"writeIn": \#(jsonString(control + "olso<x-evil>"))}"#,
                headers: web.token("airline-summer", voter: "bidi", secretOf: "AIRLINE_VOTER_SECRET"))
            #expect(answer.status == 422, "\(answer.body)")
        }
        // The console's write-in queue.
        let console = try signedIn(web)
        let queue = console("GET", "/admin/c/airline-summer/nominations/write-ins")
        #expect(queue.status == 200)
        #expect(Self.inert(queue.body))
        for text in texts { #expect(queue.body.contains(html(text)), "\(text) is shown, escaped") }

        try web.at("2027-01-18T12:00Z")  // closed and counted; the final waits for its operator
        try web.engine.openNow(campaign: "airline-summer", ballot: "final")  // which publishes the nominations
        let published = web.engines.publishDirectory.appendingPathComponent("airline-summer")
        for name in ["nominations.html", "nominations.en.html", "nominations.nb.html", "nominations.da.html"] {
            let page = try String(contentsOf: published.appendingPathComponent(name), encoding: .utf8)
            #expect(Self.inert(page), "\(name)")
        }
        for language in ["sv", "en", "nb", "da"] {
            #expect(Self.inert(web.send("GET", "/c/airline-summer/nominations/results?lang=\(language)").body))
        }
        let json = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: published.appendingPathComponent("nominations.json")))
                as? [String: Any])
        #expect(Set(json["ranking"] as? [String] ?? []) == Set(texts), "the JSON keeps every text exactly")

        let csv = try String(contentsOf: published.appendingPathComponent("nominations.csv"), encoding: .utf8)
        let rows = try #require(CSV.rows(csv))
        #expect(rows.allSatisfy { $0.count == rows[0].count }, "no text adds a cell: \(rows)")
        let names = rows.dropFirst().map { $0[1] }
        #expect(Set(names.map { $0.hasPrefix("'") ? String($0.dropFirst()) : $0 }) == Set(texts))
        for name in names {
            let first = name.unicodeScalars.first!
            #expect(!["=", "+", "-", "@", "\t", "\r"].contains(first), "a formula is guarded: \(name)")
        }
        #expect(
            names.filter { $0.hasPrefix("'") }.count == 5, "each of the five formula starters got its guard: \(names)")
    }

    @Test func ideasAreInertOnTheVotingPageTheLiveResultsAndTheConsole() throws {
        let web = try WebHarness(at: "2027-05-01T10:00Z")
        let token = web.token("idea-forum", voter: "ann", secretOf: "IDEAS_VOTER_SECRET")
        var ids: [String] = []
        for (index, payload) in Self.payloads.enumerated() {
            let voter = web.token("idea-forum", voter: "author-\(index)", secretOf: "IDEAS_VOTER_SECRET")
            let answer = web.send(
                "POST", "/v1/campaigns/idea-forum/ballots/ideas/ideas", headers: voter,
                body: #"{"text": \#(jsonString("I\(index) " + payload))}"#)
            #expect(answer.status == 201, "\(payload): \(answer.body)")
            ids.append(answer.json["id"] as? String ?? "")
        }
        let console = try signedIn(web)
        let pending = console("GET", "/admin/c/idea-forum/ideas/ideas")
        #expect(Self.inert(pending.body), "the moderation queue, where an operator reads the ideas first")
        for id in ids {
            #expect(
                web.admin(
                    "POST", "campaigns/idea-forum/ballots/ideas/ideas", body: #"{"id": "\#(id)", "status": "planned"}"#
                ).status == 200)
        }
        let bearer = token["Authorization"]!.dropFirst("Bearer ".count)
        let page = web.send("GET", "/c/idea-forum?t=\(bearer)")
        #expect(page.status == 200)
        #expect(Self.inert(page.body))
        #expect(web.vote("idea-forum", "ideas", #"{"points": {"\#(ids[0])": 3}}"#, headers: token).status == 201)
        #expect(Self.inert(web.send("GET", "/c/idea-forum/ideas/results").body))
        let live = web.send("GET", "/v1/campaigns/idea-forum/ballots/ideas/results")
        #expect((live.json["ranking"] as? [String])?.contains("I0 " + Self.payloads[0]) == true)
        #expect(Self.inert(console("GET", "/admin/c/idea-forum/ideas/ideas").body))
    }

    @Test func reflectedTextIsInertInPagesAndExactInProblems() throws {
        let web = try WebHarness(at: "2027-05-01T10:00Z")
        for payload in Self.payloads {
            let encoded = payload.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            #expect(Self.inert(web.send("GET", "/c/airline-summer?t=\(encoded)").body), "?t= \(payload)")
            let post = web.post("/c/quick-poll/colour", form: "choice=\(encoded)&lang=en")
            #expect(post.status == 404)
            #expect(Self.inert(post.body), "a form post's unknown option \(payload)")
            let api = web.vote(
                "quick-poll", "colour", #"{"choices": [\#(jsonString(payload))]}"#, headers: ["X-Voter-Id": "z"])
            #expect(api.problem == "unknown-option")
            #expect((api.json["detail"] as? String)?.hasSuffix(payload) == true, "problem+json keeps the text exactly")
            #expect(Self.inert(web.send("GET", "/c/\(encoded)").body), "an unknown campaign's page")
        }
    }

    /// A console session: every later request carries its cookie (and forms their token).
    func signedIn(_ web: WebHarness) throws -> (String, String) -> WebHarness.Answer {
        let login = web.post(
            "/admin/login",
            form: "key=\(APIHarness.operatorKey.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
        #expect(login.status == 303)
        let cookie = try #require(login.header("Set-Cookie")?.split(separator: ";").first.map(String.init))
        return { method, target in web.send(method, target, headers: ["Cookie": cookie]) }
    }
}

/// The text as a JSON string literal.
func jsonString(_ text: String) -> String {
    String(decoding: try! JSONSerialization.data(withJSONObject: [text]), as: UTF8.self).dropFirst().dropLast()
        .description
}

/// The text as HTML shows it, escaped byte by byte (String's own replacing would compare
/// Characters, and miss a `<` that a combining mark glues to the next letter).
func html(_ text: String) -> String {
    let entities: [UInt8: String] = [0x26: "&amp;", 0x3C: "&lt;", 0x3E: "&gt;", 0x22: "&quot;", 0x27: "&#39;"]
    return String(decoding: text.utf8.flatMap { entities[$0].map { Array($0.utf8) } ?? [$0] }, as: UTF8.self)
}

/// An RFC 4180 reader, to see the published CSV as a spreadsheet would.
enum CSV {
    static func rows(_ text: String) -> [[String]]? {
        var rows: [[String]] = []
        var row: [String] = []
        var cell: [UInt8] = []
        var quoted = false
        var bytes = Array(text.utf8)[...]
        while let byte = bytes.popFirst() {
            if quoted {
                if byte == 0x22 {
                    if bytes.first == 0x22 {
                        cell.append(0x22)
                        bytes = bytes.dropFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    cell.append(byte)
                }
            } else if byte == 0x22, cell.isEmpty {
                quoted = true
            } else if byte == 0x2C {
                row.append(String(decoding: cell, as: UTF8.self))
                cell = []
            } else if byte == 0x0D, bytes.first == 0x0A {
                bytes = bytes.dropFirst()
                row.append(String(decoding: cell, as: UTF8.self))
                rows.append(row)
                row = []
                cell = []
            } else {
                cell.append(byte)
            }
        }
        return quoted || !row.isEmpty || !cell.isEmpty ? nil : rows
    }
}
