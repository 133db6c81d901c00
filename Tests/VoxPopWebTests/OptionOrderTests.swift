import Foundation
import Testing
import VoxPopEngine
import VoxPopTestSupport

@testable import VoxPopWeb

/// Each visitor sees a ballot's options in an order of their own, the same on every visit, so no
/// option gains from coming first; a ballot that asks for the file's order keeps it.
@Suite struct OptionOrderTests {
    @Test func twoVotersSeeTheirOwnStableOrders() throws {
        let pages = try VoterPagesHarness()
        let file = ["o1", "o2", "o3", "o4", "o5", "o6", "o7", "o8"]
        var orders: [[String]] = []
        for _ in 0..<4 {
            let first = pages.get("/c/test")
            let cookie = try #require(VoterPagesHarness.cookie(first))
            let order = VoterPagesHarness.options(first.body, ballot: "eight")
            #expect(order.sorted() == file)
            #expect(VoterPagesHarness.options(pages.get("/c/test", cookie: cookie).body, ballot: "eight") == order)
            #expect(pages.get("/c/test", cookie: cookie).header("Set-Cookie") == nil, "a known voter keeps theirs")
            #expect(VoterPagesHarness.options(first.body, ballot: "eight-file") == file, "optionOrder file")
            orders.append(order)
        }
        // Four voters, 8! orders each: all equal would be a shuffle that does not shuffle.
        #expect(Set(orders).count > 1, "\(orders)")
    }

    @Test func aTokenVoterIsOrderedByWhoTheyAreAndOthersByACookie() throws {
        let pages = try VoterPagesHarness(at: "2027-04-07T12:00Z")
        let ann = pages.token("drawings-to-toys", voter: "ann", secretOf: "TOYS_VOTER_SECRET")
        let again = pages.token("drawings-to-toys", voter: "ann", secretOf: "TOYS_VOTER_SECRET")
        let bob = pages.token("drawings-to-toys", voter: "bob", secretOf: "TOYS_VOTER_SECRET")
        func order(_ token: String) -> [String] {
            VoterPagesHarness.options(pages.get("/c/drawings-to-toys?t=\(token)").body, ballot: "toys")
        }
        let annOrder = order(ann)
        #expect(annOrder.count == 100)
        #expect(order(again) == annOrder, "a new link for the same voter, the same order")
        #expect(order(bob) != annOrder)
        #expect(annOrder != (1...100).map { "drawing-" + String(format: "%03d", $0) })

        // Invite campaigns know nobody before the code is typed: a random vp_order cookie.
        try pages.web.at("2027-03-02T12:00Z")
        let visit = pages.get("/c/candidate-hires")
        let cookie = try #require(visit.header("Set-Cookie"))
        #expect(cookie.hasPrefix("vp_order=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))
        #expect(cookie.contains("Max-Age=31536000"))
        let seeded = try #require(VoterPagesHarness.cookie(visit))
        let shown = VoterPagesHarness.options(visit.body, ballot: "shortlist")
        #expect(
            VoterPagesHarness.options(pages.get("/c/candidate-hires", cookie: seeded).body, ballot: "shortlist")
                == shown)
    }

    @Test func theShuffleHonoursTheFilesOrderWhenAsked() throws {
        let pages = try VoterPagesHarness()
        let idea = pages.get(
            "/c/idea-forum?sort=new&t=\(pages.token("idea-forum", voter: "x", secretOf: "IDEAS_VOTER_SECRET"))")
        #expect(
            VoterPagesHarness.options(idea.body, ballot: "ideas")
                == ["dark-mode", "offline-lists", "shared-lists", "receipt-scan", "price-alerts"],
            "a points ballot keeps the file's order")
    }
}
