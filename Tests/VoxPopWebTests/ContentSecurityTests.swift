import Foundation
import Testing
import VoxPopEngine
import VoxPopFoundation
import VoxPopTestSupport

/// Pages run no inline script: the voting page loads the server's own script and style files,
/// which the Content-Security-Policy allows by origin, and results pages run no script at all.
@Suite struct ContentSecurityTests {
    func policy(_ answer: WebHarness.Answer) -> [String: String] {
        Dictionary(
            (answer.header("Content-Security-Policy") ?? "").split(separator: ";").map {
                let parts = $0.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1)
                return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
            }, uniquingKeysWith: { first, _ in first })
    }

    @Test func theVotingPageRunsOnlyTheServersOwnFiles() throws {
        let web = try WebHarness(at: "2027-05-01T10:00Z")
        let page = web.send("GET", "/c/quick-poll")
        let csp = policy(page)
        #expect(csp["default-src"] == "'none'")
        #expect(csp["script-src"] == "'self'")
        #expect(csp["style-src"] == "'self'")
        #expect(csp["frame-ancestors"] == "'none'")
        #expect(!(page.header("Content-Security-Policy") ?? "").contains("unsafe-inline"))
        #expect(!page.body.contains("<script>") && !page.body.contains("<style>") && !page.body.contains(" onclick="))
        let script = try #require(
            page.body.range(of: #"<script src="(/assets/[^"]+)""#, options: .regularExpression).map {
                String(page.body[$0].dropFirst(#"<script src=""#.count).dropLast())
            })
        let file = web.send("GET", script)
        #expect(file.status == 200)
        #expect(file.header("Content-Type") == "text/javascript; charset=utf-8")
        #expect(file.header("Cache-Control")?.contains("immutable") == true)
        #expect(file.body.contains("data-most") && file.body.contains("unrank"), "the voting script")
        #expect(web.send("GET", "/assets/voxpop-00000000.js").status == 404, "another name is no file")
    }

    @Test func resultsPagesRunNoScriptAndOnlyTheirOwnStyle() throws {
        let web = try WebHarness(at: "2027-05-01T10:00Z")
        _ = web.vote("quick-poll", "colour", #"{"choices": ["red"]}"#, headers: ["X-Voter-Id": "a"])
        let page = web.send("GET", "/c/quick-poll/colour/results")
        #expect(page.status == 200)
        let csp = policy(page)
        #expect(csp["script-src"] == nil && csp["default-src"] == "'none'", "no script may run")
        let style = try #require(
            page.body.range(of: "<style>").flatMap { start in
                page.body[start.upperBound...].range(of: "</style>").map {
                    String(page.body[start.upperBound..<$0.lowerBound])
                }
            })
        let hash = "'sha256-" + Data(SHA256.hash(Array(style.utf8))).base64EncodedString() + "'"
        #expect(csp["style-src"] == hash, "the page's one style element, allowed by its hash")
    }
}
