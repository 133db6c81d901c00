import Foundation

/// The page a form post answers with: what happened, the receipt when there is one (with a link
/// to check it later), a way back.
enum AnswerPage {
    static func render(
        language: PageLanguage, title: String, message: String, detail: String? = nil, receipt: String? = nil,
        back: String? = nil, check: String? = nil, head: String = ""
    ) -> String {
        let esc = PageHTML.escape
        var body = "<h1>\(esc(title))</h1>"
        body += "<p class=\"note\(receipt == nil ? " error" : "")\" role=\"status\">\(esc(message))"
        if let detail { body += " \(esc(detail))" }
        body += "</p>"
        if let receipt {
            body += "<p>\(esc(language(.receipt))):<br><code id=\"receipt\">\(esc(receipt))</code></p>"
        }
        if let check { body += "<p><a href=\"\(esc(check))\">\(esc(language(.checkReceipt)))</a></p>" }
        if let back { body += "<p><a href=\"\(esc(back))\">\(esc(language(.back)))</a></p>" }
        return PageHTML.document(language: language.rawValue, title: title, body: body, head: head)
    }
}
