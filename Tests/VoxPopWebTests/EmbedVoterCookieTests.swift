import Foundation
import Testing

@testable import VoxPopWeb

/// An open campaign's voter cookie where the embed page needs it: a frame on the brand's site
/// gets no Lax cookie, so over HTTPS the embed's cookie is `SameSite=None; Secure; Partitioned`
/// and the same visitor stays the same voter there; everywhere else it stays Lax.
@Suite struct EmbedVoterCookieTests {
    static let partitioned = "; HttpOnly; SameSite=None; Secure; Partitioned"

    @Test func theEmbedOverHTTPSGivesAPartitionedCookieAndKeepsTheVoter() throws {
        let web = try WebHarness(at: "2027-05-01T10:00Z")
        let page = web.send("GET", "/c/quick-poll/embed", overHTTPS: true)
        #expect(page.status == 200)
        #expect(page.header("Set-Cookie")?.hasSuffix(Self.partitioned) == true, "\(page.header("Set-Cookie") ?? "")")

        let first = web.post("/c/quick-poll/colour", form: "choice=blue&embed=1", overHTTPS: true)
        #expect(first.status == 201)
        let setCookie = try #require(first.header("Set-Cookie"))
        #expect(setCookie.hasPrefix("vp_voter=") && setCookie.hasSuffix(Self.partitioned))
        let cookie = String(setCookie.prefix { $0 != ";" })
        let again = web.post(
            "/c/quick-poll/colour", form: "choice=red&embed=1", headers: ["Cookie": cookie], overHTTPS: true)
        #expect(again.header("Set-Cookie") == nil, "the same voter, not a new one")
        let results = web.send("GET", "/v1/campaigns/quick-poll/ballots/colour/results")
        #expect(results.json["votes"] as? Int == 1, "one voter, one vote")
    }

    @Test func elsewhereTheCookieStaysLax() throws {
        let web = try WebHarness(at: "2027-05-01T10:00Z")
        for (target, https) in [("/c/quick-poll", true), ("/c/quick-poll/embed", false), ("/c/quick-poll", false)] {
            let cookie = web.send("GET", target, overHTTPS: https).header("Set-Cookie") ?? ""
            #expect(cookie.hasSuffix("; HttpOnly; SameSite=Lax"), "\(target) https \(https): \(cookie)")
        }
        let post = web.post("/c/quick-poll/colour", form: "choice=blue", overHTTPS: true)
        #expect(post.header("Set-Cookie")?.hasSuffix("; HttpOnly; SameSite=Lax") == true)
    }
}
