import Foundation
import VoxPopFoundation

/// The console's pages, one facet a file (`ConsolePage+Overview.swift`, `+WriteIns`, ...).
///
/// Every page is English (`lang="en"`), loads only the console's own style sheet (no script:
/// every action is a plain form), carries a bar with the overview, the log and sign-out, and
/// escapes everything it shows: write-ins and ideas are voters' text, so hostile.
enum ConsolePage {
    /// A console page. `formToken` is the session's (nil before sign-in): with it the bar shows
    /// the sign-out button.
    static func document(title: String, body: String, formToken: String?) -> String {
        var bar = ""
        if let formToken {
            bar =
                "<header class=\"bar\"><nav aria-label=\"Console\"><a href=\"/admin/\">VoxPop console</a>"
                + "<a href=\"/admin/log\">Log</a><form method=\"post\" action=\"/admin/logout\">\(token(formToken))"
                + "<button type=\"submit\" class=\"secondary\">Sign out</button></form></nav></header>"
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <title>\(esc(title)) · VoxPop console</title>
            <link rel="stylesheet" href="\(WebAssets.consoleStylesheet.path)"></head>
            <body><a class="skip" href="#main">Skip to the page</a>\(bar)<main id="main">
            \(body)
            </main></body></html>

            """
    }

    /// The hidden field every console form carries (the session's form token).
    static func token(_ formToken: String) -> String {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(esc(formToken))\">"
    }

    /// A one-button form: an action on the overview or a review page.
    static func button(_ action: String, _ label: String, _ formToken: String, style: String = "") -> String {
        "<form method=\"post\" action=\"\(esc(action))\">\(token(formToken))"
            + "<button type=\"submit\"\(style.isEmpty ? "" : " class=\"\(style)\"")>\(esc(label))</button></form>"
    }

    /// `/admin/c/CAMPAIGN/BALLOT`, each part percent-encoded.
    static func ballotPath(_ campaign: String, _ ballot: String) -> String {
        "/admin/c/\(FormData.encode(campaign))/\(FormData.encode(ballot))"
    }

    static func campaignPath(_ campaign: String) -> String { "/admin/c/\(FormData.encode(campaign))" }

    /// How pages name a ballot to a person: its id as a title (`nominations` → `Nominations`,
    /// `shortlist-2` → `Shortlist 2`).
    static func ballotName(_ ballot: String) -> String {
        let words = ballot.split(whereSeparator: { $0 == "-" || $0 == "_" }).joined(separator: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// "Nominations (airline-summer)": a ballot named with its campaign, as confirmations say it.
    static func ballotTitle(_ campaign: String, _ ballot: String) -> String {
        "\(ballotName(ballot)) (\(campaign))"
    }

    /// The way back: links to the overview and, when given, the pages above this one.
    static func crumbs(_ links: [(href: String, text: String)]) -> String {
        "<nav class=\"crumbs\" aria-label=\"Breadcrumb\"><a href=\"/admin/\">Overview</a>"
            + links.map { " › <a href=\"\(esc($0.href))\">\(esc($0.text))</a>" }.joined() + "</nav>"
    }

    /// A notice at the top of a page: what was done, or why not.
    static func notice(_ text: String, error: Bool = false) -> String {
        error
            ? "<p class=\"note error\" role=\"alert\">\(esc(text))</p>"
            : "<p class=\"note ok\" role=\"status\">\(esc(text))</p>"
    }

    /// An instant in UTC, `2027-01-18 09:00 UTC`.
    static func utc(_ date: Date) -> String { PageHTML.local(date, timeZone: "UTC") + " UTC" }

    /// 1st, 2nd, 3rd, 4th, ... 11th, 12th, 13th, 21st.
    static func ordinal(_ number: Int) -> String {
        let suffix =
            (11...13).contains(number % 100)
            ? "th" : number % 10 == 1 ? "st" : number % 10 == 2 ? "nd" : number % 10 == 3 ? "rd" : "th"
        return "\(number)\(suffix)"
    }

    /// "Bali", "Bali and Madrid", "Bali, Madrid and Oslo".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// A count with its noun, `1 vote`, `3 votes`.
    static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    static func esc(_ text: String) -> String { PageHTML.escape(text) }
}
