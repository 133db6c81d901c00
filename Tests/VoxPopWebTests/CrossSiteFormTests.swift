import Foundation
import Testing

@testable import VoxPopWeb

/// A voting page's form is taken only from this site's own pages: another site posting it in a
/// visitor's browser cast an open campaign's vote as a new voter each time (the voter cookie is
/// SameSite=Lax and not sent), from the visitor's address.
@Suite struct CrossSiteFormTests {
    @Test func aVoteOrIdeaPostedFromAnotherSiteIsRefusedAndRecordsNothing() throws {
        let web = try WebHarness(at: "2027-05-01T10:00Z")
        let refused: [[String: String]] = [
            ["Sec-Fetch-Site": "cross-site"],
            ["Sec-Fetch-Site": "Cross-Site", "Origin": "http://voxpop.test"],
            ["Origin": "https://evil.example"],
            ["Origin": "http://voxpop.test.evil.example"],
            ["Origin": "http://evil.example/voxpop.test"],
            ["Origin": "null"],
        ]
        for headers in refused {
            let answer = web.post("/c/quick-poll/colour", form: "choice=blue&lang=sv", headers: headers)
            #expect(answer.status == 403, "\(headers)")
            #expect(answer.body.contains("Formuläret skickades från en annan webbplats"), "\(headers)")
            #expect(answer.header("Set-Cookie") == nil, "no voter is made for it")
        }
        let results = web.send("GET", "/v1/campaigns/quick-poll/ballots/colour/results")
        #expect(results.json["votes"] as? Int == 0, "nothing was recorded")

        let ideas = web.token("idea-forum", voter: "ann", secretOf: "IDEAS_VOTER_SECRET")
        let token = try #require(ideas["Authorization"]?.dropFirst("Bearer ".count))
        let idea = web.post(
            "/c/idea-forum/ideas/suggest", form: "t=\(token)&idea=Posted+from+elsewhere",
            headers: ["Sec-Fetch-Site": "cross-site"])
        #expect(idea.status == 403)
        let listed = web.admin("GET", "campaigns/idea-forum/ballots/ideas/ideas")
        #expect(!listed.body.contains("Posted from elsewhere"))
    }

    /// Its own pages' posts (same-origin, or same-site from a brand's sibling host), a browser
    /// that sends no Sec-Fetch-Site but its own host as Origin, and clients that send neither
    /// (curl) are all taken. The pages' referrer policy lets their posts carry that origin.
    @Test func postsFromThisSiteAndPlainClientsAreTaken() throws {
        let web = try WebHarness(at: "2027-05-01T10:00Z")
        let taken: [[String: String]] = [
            ["Sec-Fetch-Site": "same-origin", "Origin": "null"],
            ["Sec-Fetch-Site": "same-site", "Origin": "https://www.voxpop.test"],
            ["Sec-Fetch-Site": "none"],
            ["Origin": "http://voxpop.test"],
            ["Origin": "HTTP://VOXPOP.TEST"],
            [:],
        ]
        for headers in taken {
            let answer = web.post("/c/quick-poll/colour", form: "choice=blue", headers: headers)
            #expect(answer.status == 201, "\(headers): \(answer.status)")
        }
        let results = web.send("GET", "/v1/campaigns/quick-poll/ballots/colour/results")
        #expect(results.json["votes"] as? Int == taken.count)
        let page = web.send("GET", "/c/quick-poll")
        #expect(page.header("Referrer-Policy") == "same-origin" && page.body.contains(#"content="same-origin""#))
    }
}
