import Foundation
import VoxPopCampaigns
import VoxPopEngine
import VoxPopFoundation
import VoxPopHTTP

/// `GET /c/{campaign}/receipt?receipt=R`: a voter pastes the receipt a vote gave them and learns,
/// in their language, whether that vote is counted, was replaced by a later one of theirs, or is
/// unknown; once the ballot is published, that the vote is inside the published audit digest.
/// Nothing of the vote itself is shown. Runs on a worker: it reads the store.
extension WebApp {
    /// What a receipt says on a campaign.
    enum ReceiptOutcome: Equatable {
        case counted(ballot: String, digest: String?)
        case replaced(ballot: String, digest: String?)
        case unknown
    }

    func receiptOutcome(campaign: String, receipt: String) throws -> ReceiptOutcome {
        guard let definition = engine.campaign(campaign) else { throw Problem(.unknownCampaign, "no campaign") }
        for ballot in definition.ballots {
            guard let counts = try engine.receiptCounts(campaign: campaign, ballot: ballot.id, receipt: receipt) else {
                continue
            }
            let digest = try publishedDigest(campaign: campaign, ballot: ballot.id)
            return counts ? .counted(ballot: ballot.id, digest: digest) : .replaced(ballot: ballot.id, digest: digest)
        }
        return .unknown
    }

    /// The audit digest of a published ballot's tally, which covers every vote it logged.
    private func publishedDigest(campaign: String, ballot: String) throws -> String? {
        guard engine.state(campaign: campaign, ballot: ballot) == .published,
            let json = try engine.tally(campaign: campaign, ballot: ballot),
            let tally = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        else { return nil }
        return tally["auditDigest"] as? String
    }

    /// A receipt as typed or pasted, as the server writes it: lower case (its hex may be copied
    /// in capitals), a space or dash between its number and hex read as the hyphen.
    static func normalizedReceipt(_ typed: String) -> String {
        let separators: Set<Unicode.Scalar> = [
            " ", "\u{A0}", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}",
        ]
        var scalars = String.UnicodeScalarView()
        for scalar in typed.lowercased().unicodeScalars {
            if separators.contains(scalar) {
                if scalars.last != "-" { scalars.append("-") }
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    func receiptPage(_ request: WebRequest) throws -> HTTPResponse {
        let id = request[0]
        guard let campaign = engine.campaign(id) else { throw Problem(.unknownCampaign, "no campaign \(id)") }
        let language = request.language
        let esc = PageHTML.escape
        let receipt = (request.query.first("receipt") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let title = language(.checkReceipt)
        var body = "<h1>\(esc(title))</h1><p class=\"lead\">\(esc(language.text(campaign.title)))</p>"
        body +=
            "<form method=\"get\" action=\"/c/\(esc(FormData.encode(id)))/receipt\"><input type=\"hidden\" name=\"lang\" value=\"\(language.rawValue)\">"
            + "<p class=\"field\"><label for=\"receipt\">\(esc(language(.receiptField)))</label>"
            + "<span class=\"hint\" id=\"receipt-hint\">\(esc(language(.receiptHelp)))</span>"
            + "<input type=\"text\" name=\"receipt\" id=\"receipt\" aria-describedby=\"receipt-hint\" required autocomplete=\"off\" spellcheck=\"false\" value=\"\(esc(receipt))\"></p>"
            + "<div class=\"actions\"><button type=\"submit\">\(esc(language(.check)))</button></div></form>"
        if !receipt.isEmpty {
            let question = { (ballot: String) in campaign.ballot(ballot).map { language.text($0.question) } ?? ballot }
            var lines: [String]
            var error = false
            switch try receiptOutcome(campaign: id, receipt: Self.normalizedReceipt(receipt)) {
            case .counted(let ballot, let digest):
                lines = [language.fill(.receiptCounted, question(ballot))]
                lines.append(digest.map { language.fill(.receiptInDigest, $0) } ?? language(.receiptNotYet))
            case .replaced(let ballot, let digest):
                lines = [language.fill(.receiptReplaced, question(ballot))]
                lines.append(digest.map { language.fill(.receiptInDigest, $0) } ?? language(.receiptNotYet))
            case .unknown:
                lines = [language(.receiptUnknown)]
                error = true
            }
            body +=
                "<div class=\"note\(error ? " error" : "")\" role=\"status\" id=\"outcome\">"
                + lines.map { "<p>\(esc($0))</p>" }.joined() + "</div>"
        }
        body +=
            "<p><a href=\"/c/\(esc(FormData.encode(id)))?lang=\(language.rawValue)\">\(esc(language(.back)))</a></p>"
        let theme = campaign.theme?.accent.flatMap(ThemeStylesheet.init(accent:)).map {
            "<link rel=\"stylesheet\" href=\"\($0.path)\">"
        }
        return html(
            200, PageHTML.document(language: language.rawValue, title: title, body: body, head: theme ?? ""),
            campaign: campaign)
    }
}
