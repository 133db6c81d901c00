import Foundation
import Testing
import VoxPopEngine
import VoxPopTestSupport

@testable import VoxPopWeb

/// `/c/{campaign}/receipt`: a voter pastes a receipt and learns whether its vote is counted,
/// replaced by a later vote, or unknown, and once published that it is inside the audit digest;
/// nothing of the vote itself.
@Suite struct ReceiptPageTests {
    func outcome(_ page: String) -> String? {
        page.range(of: #"id="outcome">"#).flatMap { start in
            page[start.upperBound...].range(of: "</div>").map { String(page[start.upperBound..<$0.lowerBound]) }
        }
    }

    @Test func aReceiptIsCountedReplacedOrUnknownAndThenInTheDigest() throws {
        let pages = try VoterPagesHarness()
        let first = pages.post("/c/quick-poll/colour", form: "lang=sv&choice=green")
        #expect(first.status == 201)
        let receipt = try #require(VoterPagesHarness.receipt(in: first.body))
        let check = "/c/quick-poll/receipt?lang=sv&amp;receipt=\(FormData.encode(receipt))"
        #expect(first.body.contains(#"<a href="\#(check)">Kontrollera ett kvitto</a>"#), "the thanks page links to it")
        let cookie = try #require(VoterPagesHarness.cookie(first))

        let counted = pages.get("/c/quick-poll/receipt?lang=sv&receipt=%20\(FormData.encode(receipt))%20")
        #expect(counted.status == 200)
        let said = try #require(outcome(counted.body))
        #expect(said.contains("Räknad: rösten bakom kvittot räknas i ”Välj färgen på vår nästa mugg”."))
        #expect(said.contains("När resultatet har publicerats"))
        #expect(!counted.body.contains("Grön") && !counted.body.contains("green"), "nothing of the vote")

        let second = pages.post("/c/quick-poll/colour", form: "choice=red", cookie: cookie)
        let later = try #require(VoterPagesHarness.receipt(in: second.body))
        #expect(
            outcome(pages.get("/c/quick-poll/receipt?lang=en&receipt=\(receipt)").body)?.contains("Replaced:") == true)
        #expect(outcome(pages.get("/c/quick-poll/receipt?lang=en&receipt=\(later)").body)?.contains("Counted:") == true)
        // Copied in capitals, or with a space or dash for the hyphen, it is the same receipt.
        for typed in [
            later.uppercased(), later.replacingOccurrences(of: "-", with: " "),
            later.replacingOccurrences(of: "-", with: "\u{2013}"),
        ] {
            let page = pages.get("/c/quick-poll/receipt?lang=en&receipt=\(FormData.encode(typed))").body
            #expect(outcome(page)?.contains("Counted:") == true, "\(typed)")
        }
        for unknown in ["nonsense", "1-0000", String(later.dropLast()) + (later.last == "a" ? "b" : "a")] {
            #expect(
                outcome(pages.get("/c/quick-poll/receipt?lang=da&receipt=\(FormData.encode(unknown))").body)?
                    .contains("Ukendt: ingen stemme i denne kampagne har denne kvittering.") == true, "\(unknown)")
        }
        #expect(
            outcome(pages.get("/c/test/receipt?receipt=\(later)").body)?.contains("Unknown") == true,
            "another campaign's")
        #expect(outcome(pages.get("/c/quick-poll/receipt").body) == nil, "no receipt, no outcome")

        try pages.engine.closeNow(campaign: "quick-poll", ballot: "colour")
        let digest = try #require(
            (try JSONSerialization.jsonObject(
                with: Data((pages.engines.published("quick-poll", "colour", "json") ?? "").utf8)) as? [String: Any])?[
                    "auditDigest"] as? String)
        let published = try #require(outcome(pages.get("/c/quick-poll/receipt?lang=en&receipt=\(later)").body))
        #expect(published.contains("The results are published, and this vote is inside their audit digest: \(digest)"))
        #expect(pages.get("/c/no-such/receipt?receipt=x").status == 404)
    }
}
