import Foundation
import Testing
import VoxPopEngine
import VoxPopTestSupport

@testable import VoxPopWeb

/// Every refusal maps to its status, type and headers, in a table written out here rather than
/// read back from the code; and the refusals that only a failing or busy server gives are
/// triggered for real, so turning a 429, 503 or 500 into something else fails a test.
@Suite struct ProblemTests {
    /// The contract of docs/api.md: status by type.
    static let statuses: [String: Int] = [
        "malformed-body": 400, "malformed-query": 400, "missing-credential": 401, "bad-credential": 401,
        "bad-operator-key": 401,
        "not-eligible": 403, "not-from-console": 403, "not-from-page": 403, "not-found": 404, "unknown-campaign": 404,
        "unknown-ballot": 404, "unknown-option": 404, "unknown-receipt": 404, "unknown-idea": 404,
        "unknown-write-in": 404,
        "results-not-published": 404, "method-not-allowed": 405, "already-voted": 409, "ballot-not-open": 409,
        "duplicate-idea": 409, "idea-is-public": 409, "wrong-state": 409, "not-tallied": 409,
        "not-an-invite-campaign": 409, "invalid-choices": 422, "invalid-idea": 422, "ideas-not-taken": 422,
        "invalid-campaigns": 422, "refused": 422, "rate-limited": 429, "too-many-ideas": 429,
        "internal-error": 500, "campaign-not-configured": 503, "vote-not-stored": 503, "idea-not-stored": 503,
    ]

    @Test func everyTypeHasItsStatusURNTitleAndHeaders() throws {
        #expect(Set(ProblemType.allCases.map(\.rawValue)) == Set(Self.statuses.keys), "the table covers every type")
        for type in ProblemType.allCases {
            let response = Problem(type, "what happened").response
            #expect(response.status == Self.statuses[type.rawValue], "\(type)")
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
            #expect(json["type"] as? String == "urn:voxpop:problem:\(type.rawValue)")
            #expect(json["status"] as? Int == response.status)
            #expect(json["detail"] as? String == "what happened")
            #expect((json["title"] as? String)?.first?.isUppercase == true)
            let headers = Dictionary(response.headers.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
            #expect(headers["Content-Type"] == "application/problem+json")
            #expect(headers["X-Content-Type-Options"] == "nosniff", "\(type)")
            #expect((headers["WWW-Authenticate"] == "Bearer") == (response.status == 401), "\(type)")
            if response.status == 429 { #expect(headers["Retry-After"] == "1", "\(type)") }
        }
    }

    @Test func everyRefusalBelowBecomesItsProblem() {
        let votes: [(VoteRefusal, String)] = [
            (.unknownCampaign, "unknown-campaign"), (.unknownBallot, "unknown-ballot"), (.notInvited, "not-eligible"),
            (.ballotNotOpen, "ballot-not-open"), (.unknownOption("x"), "unknown-option"),
            (.invalidChoices("why"), "invalid-choices"), (.alreadyVoted(receipt: "1-00"), "already-voted"),
            (.storage("disk full"), "vote-not-stored"),
        ]
        for (refusal, type) in votes {
            let problem = Problem(refusal, campaign: "c", ballot: "b")
            #expect(problem.type.rawValue == type, "\(refusal)")
        }
        #expect(Problem(VoteRefusal.alreadyVoted(receipt: "7-abc"), campaign: "c", ballot: "b").receipt == "7-abc")
        #expect(
            !Problem(VoteRefusal.storage("SQLite error 13: disk full in <INSERT ...>"), campaign: "c", ballot: "b")
                .detail.contains("SQLite"), "the store's error stays in the log")
        let ideas: [(SuggestionRefusal, String)] = [
            (.unknownCampaign, "unknown-campaign"), (.unknownBallot, "unknown-ballot"), (.notInvited, "not-eligible"),
            (.ballotNotOpen, "ballot-not-open"), (.notTaken, "ideas-not-taken"), (.invalid("why"), "invalid-idea"),
            (.duplicate(id: "idea-1", status: .planned), "duplicate-idea"), (.limitReached(5), "too-many-ideas"),
            (.storage("x"), "idea-not-stored"),
        ]
        for (refusal, type) in ideas {
            #expect(Problem(refusal, campaign: "c", ballot: "b").type.rawValue == type, "\(refusal)")
        }
        let identity: [(VoterIdentity.Refusal, String)] = [
            (.missing("x"), "missing-credential"), (.invalid("x"), "bad-credential"),
            (.notEligible("x"), "not-eligible"),
            (.rateLimited(address: "10.0.0.1", seconds: 3), "rate-limited"),
            (.notConfigured("x"), "campaign-not-configured"),
        ]
        for (refusal, type) in identity { #expect(Problem(refusal).type.rawValue == type, "\(refusal)") }
        #expect(Problem(VoterIdentity.Refusal.rateLimited(address: "a", seconds: 3)).retryAfter == 3)
        let engine: [(EngineError.Kind, String)] = [
            (.unknownCampaign, "unknown-campaign"), (.unknownBallot, "unknown-ballot"), (.unknownItem, "unknown-idea"),
            (.unknownWriteIn, "unknown-write-in"), (.wrongState, "wrong-state"), (.ideaIsPublic, "idea-is-public"),
            (.notAnInviteCampaign, "not-an-invite-campaign"), (.refused, "refused"), (.failed, "internal-error"),
        ]
        #expect(Set(engine.map(\.0)) == Set(EngineError.Kind.allCases))
        for (kind, type) in engine { #expect(EngineError(kind, "x").problem.type.rawValue == type, "\(kind)") }
    }

    @Test func aFloodFromOneAddressIsLimitedWithRetryAfterAndOthersVoteOn() throws {
        let web = try WebHarness(at: "2027-05-01T10:00Z", environment: ["VOXPOP_OPEN_RATE": "1"])
        var statuses: [Int] = []
        for voter in 0..<15 {
            statuses.append(
                web.vote("quick-poll", "colour", #"{"choices": ["red"]}"#, headers: ["X-Voter-Id": "v\(voter)"]).status)
        }
        #expect(statuses.prefix(10).allSatisfy { $0 == 201 }, "a burst of ten seconds' worth: \(statuses)")
        let limited = web.vote("quick-poll", "colour", #"{"choices": ["red"]}"#, headers: ["X-Voter-Id": "late"])
        #expect(limited.status == 429)
        #expect(limited.problem == "rate-limited")
        #expect(limited.header("Retry-After") == "1")
        let elsewhere = web.send(
            "POST", "/v1/campaigns/quick-poll/ballots/colour/votes", headers: ["X-Voter-Id": "other"],
            body: #"{"choices": ["red"]}"#, peer: "192.0.2.7")
        #expect(elsewhere.status == 201, "another address has its own allowance")
    }

    @Test func aCampaignWithoutItsSecretAnswers503AndSaysWhich() throws {
        let web = try WebHarness(at: "2027-05-01T10:00Z", environment: ["IDEAS_VOTER_SECRET": ""])
        #expect(web.app.warnings.contains { $0.contains("IDEAS_VOTER_SECRET") })
        let answer = web.vote(
            "idea-forum", "ideas", #"{"points": {"dark-mode": 1}}"#, headers: ["Authorization": "Bearer a.b.c"])
        #expect(answer.status == 503)
        #expect(answer.problem == "campaign-not-configured")
        #expect((answer.json["detail"] as? String)?.contains("IDEAS_VOTER_SECRET") == true)
    }

    @Test func aStoreThatCannotTakeTheVoteAnswers503AndKeepsItsErrorInTheLog() throws {
        let web = try WebHarness(at: "2027-05-01T10:00Z")
        let engine = web.engine
        web.engines.stop()  // the writer stops: nothing more can be written
        let answer = web.vote("quick-poll", "colour", #"{"choices": ["red"]}"#, headers: ["X-Voter-Id": "ann"])
        #expect(answer.status == 503)
        #expect(answer.problem == "vote-not-stored")
        #expect(answer.header("Retry-After") == "1")
        #expect(!answer.body.contains("writer"), "\(answer.body)")
        _ = engine
    }

    @Test func anUnexpectedErrorIsA500WithAnIDAndNoInnards() throws {
        let web = try WebHarness(at: "2027-03-02T12:00Z")
        try web.at("2027-03-16T12:00Z")
        #expect(web.admin("POST", "campaigns/candidate-hires/ballots/shortlist/publish").status == 200)
        // The published page is gone from under the server: reading it fails.
        try FileManager.default.removeItem(
            at: web.engines.publishDirectory.appendingPathComponent("candidate-hires/shortlist.html"))
        let page = web.send("GET", "/c/candidate-hires/shortlist/results")
        #expect(page.status == 500)
        #expect(page.body.contains("internal error"))
        #expect(!page.body.contains("shortlist.html"), "no file names or Swift errors reach the reader")
        #expect(page.body.range(of: #"id [0-9a-f]{12}"#, options: .regularExpression) != nil)
    }

    @Test func theOperatorAPIIsOffOrRefusesAWrongKey() throws {
        let off = try WebHarness(at: "2027-05-01T10:00Z", operatorKey: nil)
        #expect(off.admin("POST", "reload").status == 404)
        #expect(off.admin("POST", "reload").problem == "not-found")
        let on = try WebHarness(at: "2027-05-01T10:00Z")
        let wrong = on.admin("POST", "reload", key: "guess")
        #expect(wrong.status == 401)
        #expect(wrong.problem == "bad-operator-key")
        #expect(wrong.header("WWW-Authenticate") == "Bearer")
        #expect(on.send("POST", "/v1/admin/reload").status == 401, "no key at all")
    }

    @Test func aWrongMethodIs405WithTheMethodsThatWork() throws {
        let web = try WebHarness(at: "2027-05-01T10:00Z")
        let answer = web.send("DELETE", "/v1/campaigns")
        #expect(answer.status == 405)
        #expect(answer.problem == "method-not-allowed")
        #expect(answer.header("Allow") == "GET, HEAD")
        let votes = web.send("GET", "/v1/campaigns/quick-poll/ballots/colour/votes")
        #expect(votes.status == 405)
        #expect(votes.header("Allow") == "POST")
        let page = web.send("PUT", "/c/quick-poll")
        #expect(page.status == 405)
        #expect(page.header("Content-Type")?.hasPrefix("text/html") == true, "a voter's page answers with a page")
        #expect(web.send("GET", "/nowhere/at/all").status == 404)
        #expect(web.send("GET", "/v1/nowhere").problem == "not-found")
        #expect(web.send("HEAD", "/v1/campaigns").status == 200, "HEAD is GET")
    }
}
