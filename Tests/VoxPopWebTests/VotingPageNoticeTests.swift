import Foundation
import Testing

@testable import VoxPopWeb

/// What a voting page tells the voter before they fill anything in: that their link no longer
/// works, or that a ballot opens when the organisers say so rather than at a time long past.
@Suite struct VotingPageNoticeTests {
    @Test func aVoterLinkThatNoLongerWorksIsSaidAtOnceAndGetsNoForm() throws {
        let pages = try VoterPagesHarness()
        let token = pages.token("idea-forum", voter: "ann", secretOf: "IDEAS_VOTER_SECRET")
        let good = pages.get("/c/idea-forum?lang=sv&t=\(token)").body
        #expect(good.contains("<form method=\"post\"") && !good.contains("role=\"alert\""))

        let alert = "Din röstlänk är ogiltig eller har gått ut. Öppna den senaste länken du fick."
        let other = pages.token("product-name", voter: "ann", secretOf: "OATDRINK_VOTER_SECRET")
        for link in ["not.a.token", other] {
            let page = pages.get("/c/idea-forum?lang=sv&t=\(link)").body
            #expect(page.contains(#"<p class="note error" role="alert">\#(PageHTML.escape(alert))</p>"#), "\(link)")
            #expect(!page.contains("<form method=\"post\""), "no form to fill in for nothing")
            #expect(!page.contains("t=\(link)"), "links do not carry it on")
        }
        // Sent from such a link anyway (a page kept open): the link is the one thing said.
        let sent = pages.post("/c/idea-forum/ideas", form: "lang=sv&t=not.a.token")
        #expect(sent.body.components(separatedBy: #"role="alert""#).count == 2, "one alert")
        #expect(sent.alert == PageHTML.escape(alert))
        // Expired: the token's ten minutes and its grace have passed.
        try pages.web.at("2027-05-01T10:20Z")
        let expired = pages.get("/c/idea-forum?lang=sv&t=\(token)").body
        #expect(expired.contains(PageHTML.escape(alert)) && !expired.contains("<form method=\"post\""))
    }

    @Test func aFinalThatWaitsForTheOperatorSaysSoInsteadOfAPastTime() throws {
        let pages = try VoterPagesHarness(at: "2027-01-12T12:00Z")
        let token = pages.token("airline-summer", voter: "ann", secretOf: "AIRLINE_VOTER_SECRET")
        let before = pages.get("/c/airline-summer?lang=nb&t=\(token)").body
        #expect(before.contains("Åpner når arrangørene har bekreftet alternativene."))
        try pages.web.at("2027-01-19T12:00Z")
        let waiting = pages.get("/c/airline-summer?lang=en&t=\(token)").body
        #expect(waiting.contains("Opens once the organisers have confirmed the options."))
        #expect(!waiting.contains("Opens 2027-01-18"), "never the source's close, a time already past")
    }
}
