import Foundation
import Testing
import VoxPopFoundation
import VoxPopTestSupport

/// `GET /c/{campaign}/{ballot}/results` in the reader's language: `?lang=`, then
/// `Accept-Language`, then the campaign's first language; a published ballot from its published
/// file in that language; always with a policy that allows exactly the page's own style.
@Suite struct ResultsPageTests {
    /// The page's one style element, hashed as a Content-Security-Policy source.
    static func styleSource(_ page: String) throws -> String {
        let start = try #require(page.range(of: "<style>"))
        let end = try #require(page.range(of: "</style>", range: start.upperBound..<page.endIndex))
        let style = page[start.upperBound..<end.lowerBound]
        return "'sha256-" + Data(SHA256.hash(Array(style.utf8))).base64EncodedString() + "'"
    }

    static func styleSourceAllowed(_ answer: WebHarness.Answer) -> String? {
        (answer.header("Content-Security-Policy") ?? "").split(separator: ";").map {
            $0.trimmingCharacters(in: .whitespaces)
        }.first { $0.hasPrefix("style-src ") }.map { String($0.dropFirst("style-src ".count)) }
    }

    /// The drawings voted on by 30 parents and published at the close (on-close).
    static func publishedToys() throws -> WebHarness {
        let web = try WebHarness(at: "2027-04-07T12:00Z")
        for parent in 0..<30 {
            let ranking = (0..<12).map { String(format: "\"drawing-%03d\"", (parent + $0 * 7) % 100 + 1) }
            let answer = web.vote(
                "drawings-to-toys", "toys", #"{"choices": [\#(ranking.joined(separator: ","))]}"#,
                headers: web.token("drawings-to-toys", voter: "parent-\(parent)", secretOf: "TOYS_VOTER_SECRET"))
            #expect(answer.status == 201)
        }
        try web.at("2027-04-20T18:00Z")
        return web
    }

    @Test func liveResultsSpeakTheQueryThenAcceptLanguageThenTheCampaignsFirst() throws {
        let web = try WebHarness(at: "2027-05-01T10:00Z")
        #expect(web.vote("quick-poll", "colour", #"{"choices": ["red"]}"#, headers: ["X-Voter-Id": "a"]).status == 201)

        let first = web.send("GET", "/c/quick-poll/colour/results")
        #expect(first.status == 200)
        #expect(first.body.contains(#"<html lang="en""#), "the quick poll's title is in English first")
        #expect(first.body.contains("<h2>In the lead</h2><p class=\"w\">Red</p>"))
        #expect(first.body.contains("1 person has voted."))
        #expect(first.header("Content-Language") == "en")
        #expect(first.header("Vary") == "Accept-Language")

        let swedish = web.send(
            "GET", "/c/quick-poll/colour/results", headers: ["Accept-Language": "fr-FR, sv-SE;q=0.9, en;q=0.8"])
        #expect(swedish.body.contains(#"<html lang="sv""#))
        #expect(swedish.header("Content-Language") == "sv")
        #expect(swedish.body.contains("<h1>Välj färgen på vår nästa mugg</h1>"))
        #expect(swedish.body.contains("<h2>Leder</h2><p class=\"w\">Röd</p>"), "the option's Swedish label")
        #expect(swedish.body.contains("1 person har röstat."))
        #expect(swedish.body.contains("1 (100,0\u{A0}%)"))

        let danish = web.send("GET", "/c/quick-poll/colour/results?lang=da", headers: ["Accept-Language": "sv"])
        #expect(danish.body.contains(#"<html lang="da""#) && danish.body.contains("Resultater lige nu"))
        #expect(danish.body.contains(#"<a href="?lang=nb" hreflang="nb" lang="nb">Norsk</a>"#))
        #expect(danish.body.contains(#"aria-current="page">Dansk</a>"#))
    }

    @Test func publishedResultsAreServedFromTheFileInTheReadersLanguage() throws {
        let web = try Self.publishedToys()
        let folder = web.engines.publishDirectory.appendingPathComponent("drawings-to-toys")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".html") }
        #expect(Set(files) == ["toys.html", "toys.en.html", "toys.nb.html", "toys.da.html"], "Swedish is first")

        let swedish = web.send("GET", "/c/drawings-to-toys/toys/results")
        #expect(swedish.status == 200)
        #expect(swedish.body.contains(#"<html lang="sv""#) && swedish.body.contains("<h2>Valda (10 platser)</h2>"))
        let english = web.send("GET", "/c/drawings-to-toys/toys/results?lang=en")
        #expect(english.body.contains("<h2>Elected (10 seats)</h2>"))
        let file = try String(contentsOf: folder.appendingPathComponent("toys.en.html"), encoding: .utf8)
        #expect(file.contains(#"<a href="toys.html" hreflang="sv" lang="sv">Svenska</a>"#), "files link to files")
        #expect(english.body.contains(#"<a href="?lang=sv" hreflang="sv" lang="sv">Svenska</a>"#))
        // The link preview's address and picture aside (they need the public origin).
        let served = english.body.replacingOccurrences(
            of: #"<meta property="og:url"[^>]*>(<meta [^>]*(og:image|twitter:image|twitter:card)[^>]*>)*"#, with: "",
            options: .regularExpression)
        #expect(
            served
                == file.replacingOccurrences(of: #"<meta name="twitter:card" content="summary">"#, with: "")
                .replacingOccurrences(of: #"href="toys.html""#, with: #"href="?lang=sv""#)
                .replacingOccurrences(of: #"href="toys.en.html""#, with: #"href="?lang=en""#)
                .replacingOccurrences(of: #"href="toys.nb.html""#, with: #"href="?lang=nb""#)
                .replacingOccurrences(of: #"href="toys.da.html""#, with: #"href="?lang=da""#))
        let danish = web.send("GET", "/c/drawings-to-toys/toys/results", headers: ["Accept-Language": "da"])
        #expect(danish.body.contains("<h2>Valgt (10 pladser)</h2>") && danish.header("Content-Language") == "da")
        #expect(danish.body.utf8.count < 60_000)
    }

    /// A shared results link previews as the brand intends: the question and campaign in the
    /// file, and on the route the page's address and the campaign's hero picture.
    @Test func aSharedResultsLinkPreviewsWithTheQuestionAndTheBrand() throws {
        let web = try Self.publishedToys()
        let file = try #require(web.engines.published("drawings-to-toys", "toys", "en.html"))
        #expect(file.contains(#"<meta property="og:type" content="website"><meta property="og:title" content=""#))
        #expect(file.contains(#"<meta name="twitter:card" content="summary">"#))
        let served = web.send("GET", "/c/drawings-to-toys/toys/results?lang=en")
        #expect(
            served.body.contains(
                #"<meta property="og:url" content="http://voxpop.test/c/drawings-to-toys/toys/results?lang=en">"#))
        #expect(served.body.contains(#"<meta property="og:image" content="http://voxpop.test/media/"#))
        #expect(served.body.contains(#"<meta name="twitter:card" content="summary_large_image">"#))
        #expect(!served.body.contains(#"<meta name="twitter:card" content="summary">"#), "one card")
    }

    @Test func thePolicyAllowsExactlyThePagesOwnStyle() throws {
        let web = try Self.publishedToys()
        #expect(web.vote("quick-poll", "colour", #"{"choices": ["red"]}"#, headers: ["X-Voter-Id": "a"]).status == 201)
        for target in [
            "/c/quick-poll/colour/results", "/c/quick-poll/colour/results?lang=nb",
            "/c/drawings-to-toys/toys/results", "/c/drawings-to-toys/toys/results?lang=da",
        ] {
            let page = web.send("GET", target)
            #expect(page.status == 200)
            #expect(Self.styleSourceAllowed(page) == (try Self.styleSource(page.body)), "\(target)")
            #expect(page.body.components(separatedBy: "<style").count == 2, "one style element")
            #expect(!page.body.contains("<script") && !page.body.contains(" style=\""), "no script, no inline style")
        }
        let toys = web.send("GET", "/c/drawings-to-toys/toys/results")
        #expect(toys.body.contains(":root{--a:#7a3e9d}"), "the campaign's accent")
    }
}
