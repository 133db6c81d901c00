import Foundation
import Testing
import VoxPopTestSupport

/// Invite codes cannot be guessed at speed: an address that sent ten wrong codes waits, even
/// with a right one, while other addresses vote on.
@Suite struct InviteGuessingTests {
    @Test func wrongCodesFromOneAddressAreLimited() throws {
        let web = try WebHarness(at: "2027-03-02T12:00Z")
        #expect(
            web.admin(
                "POST", "campaigns/candidate-hires/invites",
                body: #"{"codes": ["RIGHT-CODE-0000-1111", "OTHER-CODE-2222-3333"]}"#
            )
            .status == 200)
        #expect(web.admin("POST", "campaigns/candidate-hires/invites", body: #"{"codes": ["short"]}"#).status == 422)
        func vote(_ code: String, from peer: String) -> WebHarness.Answer {
            web.send(
                "POST", "/v1/campaigns/candidate-hires/ballots/shortlist/votes", headers: ["X-Invite-Code": code],
                body: #"{"choices": ["amir-haddad"]}"#, peer: peer)
        }
        for guess in 0..<10 {
            let wrong = vote("GUESS-\(guess)-0000-0000", from: "203.0.113.9")
            #expect(wrong.status == 403)
            #expect(wrong.problem == "not-eligible")
        }
        let blocked = vote("RIGHT-CODE-0000-1111", from: "203.0.113.9")
        #expect(blocked.status == 429)
        #expect(blocked.problem == "rate-limited")
        #expect(Int(blocked.header("Retry-After") ?? "") ?? 0 >= 1)
        #expect(vote("right code 0000 1111", from: "198.51.100.4").status == 201, "another address, another allowance")
        try web.at("2027-03-02T12:02Z")
        #expect(vote("OTHER-CODE-2222-3333", from: "203.0.113.9").status == 201, "the address may try again later")
    }
}
