import Foundation
import VoxPopFoundation
import VoxPopHTTP

/// Invite codes from the console (invite campaigns only): how many there are and how many have
/// voted; minting (shown once on a page, or downloaded as CSV); revoking unused ones.
extension WebApp {
    /// `GET /admin/c/:campaign/invites`.
    func invitesPage(_ request: WebRequest, _ session: ConsoleSession) throws -> HTTPResponse {
        let campaign = request[0]
        let counts = try engine.inviteCounts(campaign: campaign)
        return html(
            200,
            ConsolePage.invites(
                campaign: campaign, title: engine.campaign(campaign)?.title.text(preferring: ["en"]) ?? campaign,
                counts: counts,
                formToken: session.formToken))
    }

    /// `POST /admin/c/:campaign/invites`: `count` (1 to 10,000) and `as` (`page`, the default, or
    /// `csv`). The codes exist only in this answer: the store keeps their keyed hashes.
    func consoleMint(_ request: WebRequest, _ session: ConsoleSession) throws -> HTTPResponse {
        let campaign = request[0]
        let form = request.form
        let text = form.first("count")?.trimmingCharacters(in: .whitespaces) ?? ""
        guard text.utf8.count <= 6, let count = Int(text), (1...10_000).contains(count) else {
            throw Problem(.malformedBody, "Mint 1 to 10,000 codes at a time.")
        }
        // A form's batch id makes a repeated post (a reload of the answer) show the same codes.
        let batch = form.first("batch").flatMap { $0.utf8.count == 32 ? $0 : nil }
        let mint = { [engine] in try engine.mintInvites(campaign: campaign, count: count, by: session.operatorName) }
        let codes =
            try batch.map {
                try mintedBatches.codes(
                    for: "\(session.formToken)|\(campaign)|\($0)|\(count)", now: clock.now, mint: mint)
            } ?? mint()
        let origin = Self.origin(of: request, secure: secureCookies)
        let links = codes.map { origin + Self.inviteLink(campaign, $0) }
        if form.first("as") == "csv" {
            return HTTPResponse(
                status: 200,
                headers: [
                    ("Content-Type", "text/csv; charset=utf-8"),
                    ("Content-Disposition", "attachment; filename=\"\(Self.fileName(campaign))-invites.csv\""),
                    ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff"),
                ], body: Array(CSVText.rows([["code", "link"]] + zip(codes, links).map { [$0, $1] }).utf8))
        }
        return html(
            201,
            ConsolePage.minted(campaign: campaign, codes: Array(zip(codes, links)), formToken: session.formToken))
    }

    /// `POST /admin/c/:campaign/invites/revoke`: `codes`, one a line; answers what became of each.
    func consoleRevoke(_ request: WebRequest, _ session: ConsoleSession) throws -> HTTPResponse {
        let campaign = request[0]
        let codes = (request.form.first("codes") ?? "").split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard (1...10_000).contains(codes.count), codes.allSatisfy({ $0.utf8.count <= 200 }) else {
            throw Problem(.malformedBody, "Give 1 to 10,000 codes, one a line, each at most 200 characters.")
        }
        let outcomes = try engine.revokeInvites(campaign: campaign, codes: codes, by: session.operatorName)
        return html(
            200,
            ConsolePage.revoked(
                campaign: campaign, outcomes: outcomes, counts: try engine.inviteCounts(campaign: campaign),
                formToken: session.formToken))
    }

    /// `http://HOST` of the request, so a minted link can be mailed as it is; empty (a link from
    /// the root) when the Host header is not a plain host name and port.
    static func origin(of request: WebRequest, secure: Bool) -> String {
        guard let host = request.http.header("Host"), !host.isEmpty, host.utf8.count <= 255,
            host.utf8.allSatisfy({ byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    || [UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]")]
                        .contains(byte)
            })
        else { return "" }
        return (secure || request.http.forwardedHTTPS ? "https://" : "http://") + host
    }

    /// A campaign id as a file name: letters, digits, `-` and `_` only.
    static func fileName(_ campaign: String) -> String {
        String(
            String.UnicodeScalarView(
                campaign.unicodeScalars.map {
                    $0.isASCII
                        && ($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "-" || $0 == "_")
                        ? $0 : "_"
                }))
    }
}
