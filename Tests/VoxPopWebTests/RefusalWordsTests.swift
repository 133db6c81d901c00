import Foundation
import Testing
import VoxPopEngine
import VoxPopTestSupport

@testable import VoxPopWeb

/// Every refusal a page shows is in the page's language, names options by label (never an id
/// such as `dark-mode`) and says what to do; an invite code is taken however it is pasted.
@Suite struct RefusalWordsTests {
    @Test func everyWordExistsInEveryLanguage() {
        for word in PageWord.allCases {
            let texts = PageWord.texts[word]
            #expect(texts?.count == PageLanguage.allCases.count, "\(word)")
            #expect(texts?.allSatisfy { !$0.isEmpty } == true, "\(word)")
        }
    }

    @Test func aRefusedVoteNamesTheOptionByLabelInEachLanguage() throws {
        let pages = try VoterPagesHarness()
        let token = pages.token("idea-forum", voter: "ann", secretOf: "IDEAS_VOTER_SECRET")
        let expected: [(String, String)] = [
            ("en", "“Dark mode”: points are whole numbers from 0. Correct it and send again."),
            ("sv", "”Mörkt läge”: poäng är heltal från 0. Rätta det och skicka igen."),
            ("nb", "«Dark mode»: poeng er heltall fra 0. Rett det og send igjen."),
            ("da", "»Dark mode«: point er hele tal fra 0. Ret det, og send igen."),
        ]
        for (language, words) in expected {
            let answer = pages.post("/c/idea-forum/ideas", form: "lang=\(language)&t=\(token)&points-dark-mode=lots")
            #expect(answer.status == 422)
            #expect(answer.body.contains(PageHTML.escape(words)), "\(language): \(answer.body)")
            #expect(answer.alert?.contains("dark-mode") == false, "\(language): no option ids")
            #expect(answer.body.contains("<html lang=\"\(language)\""))
        }
        let over = pages.post(
            "/c/idea-forum/ideas", form: "lang=sv&t=\(token)&points-dark-mode=8&points-shared-lists=8")
        #expect(over.body.contains("Du har gett 16 poäng men har bara 10. Ta bort några innan du skickar."))
        let none = pages.post("/c/idea-forum/ideas", form: "lang=nb&t=\(token)&points-dark-mode=0")
        #expect(none.body.contains("Gi minst ett poeng til et alternativ, og send så."))
        let gone = pages.post("/c/idea-forum/ideas", form: "lang=da&t=\(token)&points-idea-99=3")
        #expect(gone.status == 404)
        #expect(gone.body.contains("En mulighed, du valgte, er ikke længere med. Genindlæs siden, og vælg igen."))
        let many = pages.post("/c/product-name/name", form: "t=x")
        #expect(many.status == 422 || many.status == 401)
    }

    @Test func credentialsAreRefusedInThePagesWordsAndInviteCodesTakenAsPasted() throws {
        let pages = try VoterPagesHarness(at: "2027-03-02T12:00Z")
        let load = pages.web.send(
            "POST", "/v1/admin/campaigns/candidate-hires/invites",
            headers: ["Authorization": "Bearer \(APIHarness.operatorKey)"], body: #"{"codes": ["K7QX-4M2P-8RZD-WQ3T"]}"#
        )
        #expect(load.status == 200)
        let missing = pages.post("/c/candidate-hires/shortlist", form: "lang=nb&choice=amir-haddad&invite=")
        #expect(missing.status == 401)
        #expect(missing.body.contains("Skriv invitasjonskoden du fikk, og send igjen."))
        let wrong = pages.post(
            "/c/candidate-hires/shortlist", form: "lang=nb&choice=amir-haddad&invite=NOPE-NOPE-NOPE-NOPE")
        #expect(wrong.status == 403)
        #expect(wrong.body.contains("Invitasjonskoden gjelder ikke denne avstemningen."))
        #expect(
            !wrong.body.contains("campaign&#39;s") && !wrong.body.contains("one of this campaign"), "no English detail")
        let pasted = pages.post(
            "/c/candidate-hires/shortlist", form: "lang=nb&choice=amir-haddad&invite=%20%20k7qx-4m2p-8rzd-wq3t%20%0A")
        #expect(pasted.status == 201, "\(pasted.body)")

        let forged = pages.post("/c/drawings-to-toys/toys", form: "lang=sv&t=not.a.token&rank-drawing-001=1")
        #expect(forged.status == 401)
        #expect(forged.body.contains("Din röstlänk är ogiltig eller har gått ut. Öppna den senaste länken du fick."))
    }

    @Test func tooManyChoicesAndSharedRanksNameLabels() throws {
        let pages = try VoterPagesHarness(at: "2027-04-07T12:00Z")
        let token = pages.token("drawings-to-toys", voter: "ann", secretOf: "TOYS_VOTER_SECRET")
        let tie = pages.post(
            "/c/drawings-to-toys/toys", form: "lang=en&t=\(token)&rank-drawing-001=1&rank-drawing-002=1")
        #expect(tie.body.contains(PageHTML.escape("“Rainbow Dragon” and “Rocket Turtle” both have rank 1.")))
        let all = (1...21).map { "rank-drawing-\(String(format: "%03d", $0))=\($0)" }.joined(separator: "&")
        let many = pages.post("/c/drawings-to-toys/toys", form: "lang=da&t=\(token)&\(all)")
        #expect(many.status == 422)
        #expect(many.body.contains("Du rangerede 21; rangér højst 20."))
    }

    /// A ballot of write-ins only (the airline's nominations) asks for an answer, not a choice
    /// from an empty list, and an empty send is told to write one.
    @Test func aBallotOfWriteInsOnlyAsksForAnAnswer() throws {
        let pages = try VoterPagesHarness(at: "2027-01-12T12:00Z")
        let token = pages.token("airline-summer", voter: "ann", secretOf: "AIRLINE_VOTER_SECRET")
        let page = pages.get("/c/airline-summer?lang=en&t=\(token)").body
        let form = try #require(page.range(of: #"action="/c/airline-summer/nominations""#)).upperBound
        let nominations = page[form...].components(separatedBy: "</form>")[0]
        #expect(!nominations.contains("<legend>") && !nominations.contains("Choose one"), "\(nominations)")
        #expect(nominations.contains(">Your answer</label>") && nominations.contains(" required"))
        let empty = pages.post("/c/airline-summer/nominations", form: "lang=sv&t=\(token)&writeIn=")
        #expect(empty.status == 422)
        #expect(empty.body.contains("Skriv ditt svar och skicka sedan."))
    }

    /// A field's name is whatever the sender put there, another site included: a name that is
    /// no option is refused in general words and never shown on VoxPop's page.
    @Test func aFieldNamingNoOptionIsNeverQuotedBack() throws {
        let pages = try VoterPagesHarness(at: "2027-04-07T12:00Z")
        let toys = pages.token("drawings-to-toys", voter: "ann", secretOf: "TOYS_VOTER_SECRET")
        let ideas = pages.token("idea-forum", voter: "ann", secretOf: "IDEAS_VOTER_SECRET")
        let lie = "Your%20vote%20was%20NOT%20counted.%20Vote%20at%20evil.example"
        for (path, form) in [
            ("/c/drawings-to-toys/toys", "t=\(toys)&rank-\(lie)=x"),
            ("/c/drawings-to-toys/toys", "t=\(toys)&rank-\(lie)=1&rank-drawing-001=1"),
            ("/c/drawings-to-toys/toys", "t=\(toys)&rank-drawing-001=1&rank-\(lie)=1"),
            ("/c/idea-forum/ideas", "t=\(ideas)&points-\(lie)=-1"),
            ("/c/idea-forum/ideas", "t=\(ideas)&points-\(lie)=99"),
        ] {
            let answer = pages.post(path, form: "lang=en&" + form)
            #expect(answer.status == 404, "\(form)")
            #expect(!answer.body.contains("NOT counted") && !answer.body.contains("evil"), "\(form): \(answer.body)")
            #expect(answer.body.contains("An option you chose is no longer on this ballot."), "\(form)")
        }
    }
}
