import Foundation
import VoxPopCounting
import VoxPopFoundation

/// A self-contained results page: a bar chart in inline SVG, the rounds of a multi-round count
/// as a table, and the audit digest. No scripts, no outside requests.
public enum PublicationHTML {
    static func render(_ publication: Publisher.Publication) -> String {
        let tally = publication.tally
        let final = tally.rounds.last?.votes ?? []
        let shown = Array(tally.ranking.prefix(20))
        let top = max(final.max() ?? 1, 1)
        let rowHeight = 28
        var bars = ""
        for (row, candidate) in shown.enumerated() {
            let y = row * rowHeight
            let width = Int(Double(final[candidate]) / Double(top) * 360)
            let winner = tally.winners.contains(candidate)
            bars += """
                <text x="0" y="\(y + 18)">\(escape(tally.candidates[candidate]))</text>\
                <rect x="200" y="\(y + 4)" width="\(max(width, 1))" height="20" fill="\(winner ? "#1a5fb4" : "#77767b")"/>\
                <text x="\(206 + width)" y="\(y + 18)">\(tally.number(final[candidate]))</text>

                """
        }
        var rounds = ""
        if tally.rounds.count > 1 {
            let heads = tally.rounds.enumerated().map { index, round -> String in
                switch round.action {
                case .surplus(let c): "\(index + 1): surplus of \(escape(tally.candidates[c]))"
                case .exclusion(let c): "\(index + 1): \(escape(tally.candidates[c])) excluded"
                default: "\(index + 1)"
                }
            }
            rounds =
                "<h2>Rounds</h2><div class=\"scroll\"><table><tr><th scope=\"col\">Option</th>"
                + heads.map { "<th scope=\"col\">\($0)</th>" }.joined() + "</tr>"
            for candidate in tally.ranking {
                rounds +=
                    "<tr><th scope=\"row\">\(escape(tally.candidates[candidate]))</th>"
                    + tally.rounds.map { "<td>\(tally.number($0.votes[candidate]))</td>" }.joined() + "</tr>"
            }
            rounds += "</table></div>"
        }
        let winners = tally.winners.map { escape(tally.candidates[$0]) }.joined(separator: ", ")
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(publication.question)): results</title>
            <style>\(style)</style></head>
            <body><main><p>\(escape(publication.title))</p><h1>\(escape(publication.question))</h1>
            <p><strong>\(tally.winners.count == 1 ? "Winner" : "Elected"): \(winners)</strong></p>
            <p>\(publication.votes) votes counted by \(tally.method.rawValue)\(tally.rule.map { " (\($0) rules)" } ?? "").</p>
            <svg role="img" aria-label="Votes per option" width="100%" viewBox="0 0 640 \(shown.count * rowHeight)">
            \(bars)</svg>
            \(rounds)
            <h2>Audit</h2><p>Audit digest (SHA-256 chain over every accepted vote): <code>\(publication.auditDigest)</code></p>
            <p>Ties would be broken by lot with the seed <code>\(escape(tally.seed))</code>.</p>
            </main></body></html>

            """
    }

    static func escape(_ text: String) -> String { HTMLText.escape(text) }

    /// The page's one style sheet, inline so the published file stands alone; the server allows
    /// exactly it by its hash in the Content-Security-Policy (`styleHash`), and no script at all.
    public static let style = """
        body{font-family:system-ui,sans-serif;max-width:48rem;margin:1rem auto;padding:0 1rem;color:#1e1e1e}\
        svg text{font-size:14px;fill:#1e1e1e}.scroll{overflow-x:auto}table{border-collapse:collapse}\
        th,td{border:1px solid #9a9996;padding:.25rem .5rem;text-align:right}th[scope=row]{text-align:left}\
        code{word-break:break-all}
        """

    /// `sha256-...` of `style`, as a Content-Security-Policy source.
    public static let styleHash = "'sha256-" + Data(SHA256.hash(Array(style.utf8))).base64EncodedString() + "'"
}
