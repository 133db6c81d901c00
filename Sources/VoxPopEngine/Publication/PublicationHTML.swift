import Foundation
import VoxPopCounting
import VoxPopFoundation

/// A self-contained results page in one language: who won (or was elected, or goes on to the
/// final), a bar chart of first preferences and the final round in inline SVG with the same
/// figures in a table, every round of a multi-round count, and the audit digest. One inline
/// style, no script, no outside request, so the published file opens alone from disk.
///
/// Every text from a campaign file, a write-in or an idea goes through `escape` (by bytes).
public enum PublicationHTML {
    /// Where a page's language links point: the sibling published files, or the results route
    /// (`?lang=`).
    enum Links { case files, route }

    static func render(_ publication: Publisher.Publication, in language: ResultsLanguage, links: Links) -> String {
        let view = ResultsView(publication, language: language)
        let words = view.words
        let question = escape(language.text(publication.question))
        let kind = publication.live ? words.liveResults : words.results
        var body = nav(language, links: links, ballot: publication.ballot, first: publication.firstLanguage)
        body += "<main><p class=\"t\">\(escape(language.text(publication.title))) · \(escape(kind))</p>"
        body += "<h1>\(question)</h1>"
        if publication.live { body += "<p class=\"n\">\(escape(words.liveNote))</p>" }
        let voters = escape(language.count(Int64(publication.votes), words.voters))
        var quiet: [Int] = []
        if view.hasVotes {
            body += outcome(view)
            var method = words.method(publication.tally.method)
            if let quota = publication.tally.quota { method = fill(method, view.counted(quota)) }
            body += "<p>\(voters) \(escape(method))</p>"
            body += chart(view)
            if publication.tally.rounds.count > 1 {
                let table = rounds(view)
                body += table.html
                quiet = table.quiet
            }
        } else {
            body += "<p class=\"w\">\(escape(words.noVotes))</p><p>\(voters)</p>"
        }
        body += audit(view)
        body += "</main>"
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)"><head><meta charset="utf-8">\
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(question) – \(escape(kind))</title>
            \(preview(publication, question: question, kind: kind, language: language))
            <style>\(style(accent: publication.accent, quietColumns: quiet))</style></head>
            <body>\(body)</body></html>

            """
    }

    /// Link-preview tags, so a shared results link shows the question and the campaign: Open
    /// Graph and Twitter's card (the results route adds the address and the brand's picture,
    /// which need the public origin a file on disk does not know).
    static func preview(_ publication: Publisher.Publication, question: String, kind: String, language: ResultsLanguage)
        -> String
    {
        let title = question + " – " + escape(kind)
        let campaign = escape(language.text(publication.title))
        return "<meta property=\"og:type\" content=\"website\"><meta property=\"og:title\" content=\"\(title)\">"
            + "<meta property=\"og:description\" content=\"\(campaign)\"><meta name=\"description\" content=\"\(campaign)\">"
            + "<meta name=\"twitter:card\" content=\"summary\"><meta name=\"twitter:title\" content=\"\(title)\">"
    }

    /// The winners, the elected or those going on, and a sentence for each tie a lot decided
    /// across the line (one outside, one in).
    static func outcome(_ view: ResultsView) -> String {
        let (heading, chosen) = view.outcome
        var html = "<h2>\(escape(heading))</h2>"
        if chosen.count == 1 {
            html += "<p class=\"w\">\(view.names[chosen[0]])</p>"
        } else {
            html += "<ol class=\"w\">" + chosen.map { "<li>\(view.names[$0])</li>" }.joined() + "</ol>"
        }
        let inside = Set(chosen)
        var seen = Set<[Int]>()
        var others = false
        for group in view.tally.lots where seen.insert(group).inserted {
            let across = group.contains(where: inside.contains) && !group.allSatisfy(inside.contains)
            guard across else {
                others = true
                continue
            }
            html += "<p>\(fill(escape(view.words.lot), view.language.list(group.map { view.names[$0] })))</p>"
        }
        if others { html += "<p class=\"n\">\(escape(view.words.otherLots))</p>" }
        return html
    }

    static func audit(_ view: ResultsView) -> String {
        let publication = view.publication
        var html = """
            <h2>\(escape(view.words.check))</h2><p>\(escape(view.words.digest)) <code>\(escape(publication.auditDigest))</code></p>\
            <p>\(escape(view.words.seed)) <code>\(escape(view.tally.seed))</code>.</p>
            """
        if !publication.withdrawn.isEmpty {
            html += "<p>\(escape(fill(view.words.withdrawn, view.language.list(publication.withdrawn))))</p>"
        }
        guard !publication.actions.isEmpty else { return html }
        // The log's own words (English, as operators wrote them), each escaped.
        html += "<h3>\(escape(view.words.actions))</h3><ol class=\"n\">"
        for entry in publication.actions {
            let at = JSONText.iso(milliseconds: entry.at.milliseconds).prefix(16).replacingOccurrences(
                of: "T", with: " ")
            let detail = String(String.UnicodeScalarView(entry.detail.unicodeScalars.prefix(160)))
            html += "<li>\(at) \(escape(entry.actor)): \(escape(entry.action)) · \(escape(detail))</li>"
        }
        html += "</ol>"
        if publication.earlierActions > 0 {
            html += "<p class=\"n\">\(escape(fill(view.words.earlierActions, String(publication.earlierActions))))</p>"
        }
        return html
    }

    /// The links to the page in each language, the current one marked.
    static func nav(_ current: ResultsLanguage, links: Links, ballot: String, first: ResultsLanguage) -> String {
        "<nav aria-label=\"\(escape(current.words.language))\"><ul>"
            + ResultsLanguage.allCases.map { language in
                let href =
                    switch links {
                    case .files: Publisher.htmlName(ballot: ballot, language, first: first)
                    case .route: "?lang=\(language.rawValue)"
                    }
                let mark = language == current ? " aria-current=\"page\"" : ""
                return
                    "<li><a href=\"\(escape(href))\" hreflang=\"\(language.rawValue)\" lang=\"\(language.rawValue)\"\(mark)>\(escape(language.words.name))</a></li>"
            }.joined() + "</ul></nav>"
    }

    /// A published page as the results route serves it: the same page, its language links
    /// pointing at the route (`?lang=`) instead of the sibling files.
    static func linkingToRoute(_ page: String) -> String {
        guard let start = page.range(of: "<nav "),
            let end = page.range(of: "</nav>", range: start.upperBound..<page.endIndex),
            let open = page.range(of: "<html lang=\""),
            let close = page.range(of: "\"", range: open.upperBound..<page.endIndex),
            let language = ResultsLanguage(rawValue: String(page[open.upperBound..<close.lowerBound]))
        else { return page }
        return page.replacingCharacters(
            in: start.lowerBound..<end.upperBound, with: nav(language, links: .route, ballot: "", first: language))
    }

    static func escape(_ text: String) -> String { HTMLText.escape(text) }

    /// The page's one style sheet, inline so the published file stands alone. It varies with
    /// the campaign's accent and the rounds a phone leaves out, so the server allows each
    /// page's own by its hash (`styleHash(of:)`), and no script at all.
    static func style(accent: String?, quietColumns: [Int]) -> String {
        let colour = accent.flatMap { isColour($0) ? $0 : nil } ?? "#1a5fb4"
        var phone =
            ".ph{display:inline}h1{font-size:1.35rem}.r{font-size:.9rem}th[scope=row]{min-width:8.5rem}thead th span{min-width:6rem}"
        if !quietColumns.isEmpty {
            phone += quietColumns.map { ".r tr>:nth-child(\($0 + 2))" }.joined(separator: ",") + "{display:none}"
        }
        return ":root{--a:\(colour)}" + baseStyle + "@media(max-width:600px){\(phone)}"
    }

    private static let baseStyle = """
        body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:0 auto;padding:0 1rem 2rem;\
        color:#1e1e1e;background:#fff;overflow-wrap:anywhere}\
        a{color:var(--a)}nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:0 1.25rem;margin:0;padding:.25rem 0}\
        nav a{display:inline-block;padding:.6rem 0}nav a[aria-current]{color:#1e1e1e;font-weight:700;text-decoration:none}\
        h1{font-size:1.6rem;line-height:1.25;margin:.25rem 0 .75rem}h2{font-size:1.25rem;margin:2rem 0 .5rem}\
        .t,.n{color:#595959}.t{margin:.5rem 0 0}.w{font-size:1.15rem;font-weight:600}ol.w{padding-left:1.75rem}\
        figure{margin:0 0 1.5rem}figcaption{margin:0 0 .5rem}svg{display:block;max-width:40rem}\
        svg text{font-size:15px;fill:#1e1e1e}svg .f{font-size:14px}.a{fill:var(--a)}.g{fill:#767676}.k{display:inline-block;width:1.25rem;height:.75rem;\
        margin:0 .4rem 0 .75rem;vertical-align:baseline}.k.a{background:var(--a)}.k.g{background:#767676}\
        .s{overflow-x:auto;margin:0 0 1rem}table{border-collapse:collapse;font-variant-numeric:tabular-nums}\
        caption{text-align:left;padding:0 0 .5rem}.r caption{position:sticky;left:0;max-width:min(50rem,calc(100vw - 2rem))}\
        th,td{border:1px solid #c0bfbc;padding:.2rem .45rem;text-align:right;white-space:nowrap}\
        thead th{vertical-align:bottom;background:#f6f5f4}thead th:first-child{text-align:left}thead th span{display:block;font-weight:400;\
        font-size:.8rem;white-space:normal;overflow-wrap:normal;min-width:8.5rem}th[scope=row]{text-align:left;white-space:normal;\
        min-width:10rem;position:sticky;left:0;background:#fff}.e::after{content:"\\a0✓"}tfoot th,tfoot td{color:#595959}\
        .sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}\
        .ph{display:none}code{word-break:break-all}
        """

    /// `#RRGGBB`: the only accent that goes into the style (a campaign file's theme is checked
    /// already; this keeps anything else out of the style sheet).
    private static func isColour(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 7 && bytes[0] == UInt8(ascii: "#")
            && bytes.dropFirst().allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }
    }

    /// `'sha256-...'` of a page's one `<style>` element, as a Content-Security-Policy source;
    /// nil for a page without one.
    public static func styleHash(of page: String) -> String? {
        guard let open = page.range(of: "<style>"),
            let close = page.range(of: "</style>", range: open.upperBound..<page.endIndex)
        else { return nil }
        let style = page[open.upperBound..<close.lowerBound]
        return "'sha256-" + Data(SHA256.hash(Array(style.utf8))).base64EncodedString() + "'"
    }
}
