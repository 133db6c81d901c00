import Foundation
import Testing

@testable import VoxPopWeb

/// A refused post the voter can put right comes back as the voting page with everything sent
/// filled in and the reason at the top, so a voter without the script does not lose 20 typed
/// ranks, ticks or points to a mistake; refusals nothing in the form can mend keep the answer
/// page.
@Suite struct RefusedFormTests {
    static func checked(_ body: String, _ id: String) -> Bool {
        body.range(of: #"value="\#(id)" id="[a-z]+-\d+" checked>"#, options: .regularExpression) != nil
    }

    @Test func tickedPointsAndAnIdeaComeBackWithTheReason() throws {
        let pages = try VoterPagesHarness(at: "2027-02-02T10:00Z")
        let name = pages.token("product-name", voter: "ann", secretOf: "OATDRINK_VOTER_SECRET")
        let four = "choice=havrebris&choice=morgenmark&choice=sky&choice=nordhavre"
        let ticked = pages.post("/c/product-name/name", form: "lang=da&t=\(name)&\(four)")
        #expect(ticked.status == 422)
        #expect(ticked.alert == PageHTML.escape("Du valgte 4; vælg højst 3."))
        #expect(ticked.body.contains("<html lang=\"da\""))
        for id in ["havrebris", "morgenmark", "sky", "nordhavre"] { #expect(Self.checked(ticked.body, id), "\(id)") }
        #expect(!Self.checked(ticked.body, "oatly-good"))
        #expect(ticked.body.contains(#"<input type="hidden" name="t" value="\#(name)">"#), "the link's token stays")

        let ideas = pages.token("idea-forum", voter: "ann", secretOf: "IDEAS_VOTER_SECRET")
        let over = pages.post(
            "/c/idea-forum/ideas", form: "lang=en&t=\(ideas)&points-dark-mode=8&points-shared-lists=7")
        #expect(over.status == 422 && over.alert?.contains("You have given 15 points but have only 10.") == true)
        #expect(
            over.body.range(
                of: #"name="points-dark-mode" id="ideas-\d" min="0" max="10" value="8">"#, options: .regularExpression)
                != nil)
        #expect(
            over.body.range(
                of: #"name="points-shared-lists" id="ideas-\d" min="0" max="10" value="7">"#,
                options: .regularExpression) != nil)

        let first = pages.post("/c/idea-forum/ideas/suggest", form: "t=\(ideas)&idea=Share+lists+by+QR+code")
        #expect(first.status == 201)
        let other = pages.token("idea-forum", voter: "bo", secretOf: "IDEAS_VOTER_SECRET")
        let again = pages.post("/c/idea-forum/ideas/suggest", form: "lang=en&t=\(other)&idea=share+LISTS+by+qr+code")
        #expect(again.status == 409)
        #expect(
            again.body.contains(#"name="idea" id="ideas-idea" maxlength="#)
                && again.body.contains(#"value="share LISTS by qr code">"#))
        #expect(pageAlert(again.body) != nil)
    }

    @Test func aWrongInviteCodeComesBackToBeCorrectedAndNothingIsStored() throws {
        let pages = try VoterPagesHarness(at: "2027-03-02T12:00Z")
        let wrong = pages.post(
            "/c/candidate-hires/shortlist", form: "lang=nb&choice=amir-haddad&invite=NOPE-NOPE-NOPE-NOPE")
        #expect(wrong.status == 403)
        #expect(wrong.alert?.hasPrefix("Invitasjonskoden gjelder ikke denne avstemningen.") == true)
        #expect(wrong.body.contains(#"value="NOPE-NOPE-NOPE-NOPE">"#) && Self.checked(wrong.body, "amir-haddad"))
        let results = pages.web.send(
            "GET", "/v1/admin/campaigns/candidate-hires/ballots/shortlist/tally",
            headers: ["Authorization": "Bearer \(APIHarness.operatorKey)"])
        #expect(results.json["votes"] as? Int == 0)
    }

    @Test func whatTheFormCannotMendKeepsTheAnswerPage() throws {
        let pages = try VoterPagesHarness(at: "2027-04-07T12:00Z")
        let toys = pages.token("drawings-to-toys", voter: "cy", secretOf: "TOYS_VOTER_SECRET")
        #expect(pages.post("/c/drawings-to-toys/toys", form: "t=\(toys)&rank-drawing-001=1").status == 201)
        let twice = pages.post("/c/drawings-to-toys/toys", form: "t=\(toys)&rank-drawing-002=1")
        #expect(twice.status == 409)
        #expect(!twice.body.contains("<form method=\"post\""), "already voted: the answer page with the receipt")
        #expect(twice.body.contains("id=\"receipt\""))
    }
}
