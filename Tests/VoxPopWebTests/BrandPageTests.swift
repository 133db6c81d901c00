import Foundation
import Testing
import VoxPopEngine
import VoxPopTestSupport

@testable import VoxPopWeb

/// A campaign's page carries its brand: the accent (a style sheet of its own, no inline style),
/// logo and hero, link preview tags, a compact embed page that only the campaign's origins may
/// frame; and it stays small.
@Suite struct BrandPageTests {
    func policy(_ answer: WebHarness.Answer) -> String { answer.header("Content-Security-Policy") ?? "" }

    @Test func theAccentArrivesAsAStyleSheetOfItsOwn() throws {
        let pages = try VoterPagesHarness(at: "2027-04-07T12:00Z")
        let page = pages.get("/c/drawings-to-toys").body
        #expect(page.contains(#"<link rel="stylesheet" href="/assets/accent-v1-7a3e9d.css">"#))
        #expect(page.contains(#"<img class="logo" src="/media/brand/logo.svg" alt="" width="240" height="64">"#))
        #expect(page.contains(#"<img class="hero" src="/media/brand/hero-toys.png" alt="" width="1200" height="630">"#))
        #expect(!page.contains("style=") && !page.contains("<style"))
        let sheet = pages.get("/assets/accent-v1-7a3e9d.css")
        #expect(sheet.status == 200 && sheet.header("Content-Type") == "text/css; charset=utf-8")
        #expect(sheet.body == ":root{--accent:#7a3e9d;--tint:#f4f0f7}\n")
        #expect(sheet.header("Cache-Control")?.contains("immutable") == true)
        for bad in ["accent-v1-7A3E9D.css", "accent-v1-7a3e9g.css", "accent-v1-7a3e9.css", "accent-v2-7a3e9d.css"] {
            #expect(pages.get("/assets/\(bad)").status == 404, "\(bad)")
        }
        #expect(ThemeStylesheet(accent: "#0B4F9C")?.path == "/assets/accent-v1-0b4f9c.css")
        #expect(ThemeStylesheet(accent: "red") == nil)
    }

    @Test func aSharedLinkPreviewsWithTitleDescriptionAndHero() throws {
        let pages = try VoterPagesHarness(at: "2027-04-07T12:00Z")
        let token = pages.token("drawings-to-toys", voter: "ann", secretOf: "TOYS_VOTER_SECRET")
        let page = pages.get("/c/drawings-to-toys?lang=sv&t=\(token)").body
        for tag in [
            #"<meta property="og:title" content="Barnens teckningar blir leksaker">"#,
            #"<meta property="og:description" content="Hundra barn har skickat in teckningar."#,
            #"<meta property="og:image" content="http://voxpop.test/media/brand/hero-toys.png">"#,
            #"<meta name="twitter:card" content="summary_large_image">"#,
            #"<meta property="og:image:width" content="1200"><meta property="og:image:height" content="630">"#,
            #"<meta property="og:url" content="http://voxpop.test/c/drawings-to-toys?lang=sv">"#,
        ] {
            #expect(page.contains(tag), "\(tag)")
        }
        let head = String(page[..<page.range(of: "</head>")!.lowerBound])
        #expect(!head.contains(token), "the voter's token stays out of what is shared")
        #expect(head.contains(#"<meta property="og:image:alt" content="Barnens teckningar blir leksaker">"#))
        let english = pages.get("/c/drawings-to-toys?lang=en").body
        #expect(
            english.contains(#"<meta property="og:image:alt" content="Children&#39;s drawings become toys">"#),
            "the picture is described in the page's language")

        let configured = try VoterPagesHarness(
            at: "2027-04-07T12:00Z", environment: ["VOXPOP_PUBLIC_URL": "https://vote.example.com/"])
        #expect(
            configured.get("/c/drawings-to-toys").body.contains(
                #"<meta property="og:image" content="https://vote.example.com/media/brand/hero-toys.png">"#))
    }

    @Test func onlyTheCampaignsOriginsMayFrameItsEmbedPage() throws {
        let pages = try VoterPagesHarness()
        let embed = pages.get("/c/test/embed?lang=sv")
        #expect(embed.status == 200)
        #expect(policy(embed).hasSuffix("frame-ancestors https://www.example.com"))
        #expect(policy(pages.get("/c/test")).hasSuffix("frame-ancestors 'none'"), "the full page is never framed")
        #expect(policy(pages.get("/c/quick-poll/embed")).hasSuffix("frame-ancestors 'none'"), "no embedOrigins: none")
        #expect(embed.body.contains(#"<input type="hidden" name="embed" value="1">"#))
        #expect(!embed.body.contains("class=\"hero\"") && !embed.body.contains("class=\"top\""), "compact")
        let cookie = VoterPagesHarness.cookie(embed)
        let answer = pages.post("/c/test/eight", form: "embed=1&lang=sv&choice=o3", cookie: cookie)
        #expect(answer.status == 201)
        #expect(policy(answer).hasSuffix("frame-ancestors https://www.example.com"), "the answer shows in the frame")
        #expect(answer.body.contains(#"href="/c/test/embed?lang=sv""#), "and leads back to the embed page")
        #expect(
            policy(pages.post("/c/test/eight", form: "choice=o3", cookie: cookie)).hasSuffix("frame-ancestors 'none'"))
    }

    @Test func theDrawingsPageStaysUnder60KBWithItsStyleAndScript() throws {
        let pages = try VoterPagesHarness(at: "2027-04-07T12:00Z")
        let token = pages.token("drawings-to-toys", voter: "ann", secretOf: "TOYS_VOTER_SECRET")
        let page = pages.get("/c/drawings-to-toys?t=\(token)").body
        let sheets = page.components(separatedBy: #"<link rel="stylesheet" href=""#).dropFirst().map {
            String($0.prefix { $0 != "\"" })
        }
        let script = try #require(
            page.components(separatedBy: #"<script src=""#).dropFirst().first.map { String($0.prefix { $0 != "\"" }) })
        #expect(sheets.count == 2)
        let total = ([page] + (sheets + [script]).map { pages.get($0).body }).map(\.utf8.count).reduce(0, +)
        #expect(total < 60_000, "\(total) bytes")
        #expect(page.utf8.count < 45_000, "\(page.utf8.count) bytes of HTML")
    }
}
