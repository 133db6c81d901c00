import Foundation
import VoxPopFoundation

/// The frame every server-rendered page shares: one small style sheet (mobile first, high
/// contrast, visible focus), no outside requests, and an optional script that only improves a
/// page that already works without it. Both are files of the server's own (`WebAssets`), so the
/// Content-Security-Policy allows no inline script or style at all.
enum PageHTML {
    static func escape(_ text: String) -> String { HTMLText.escape(text) }

    /// `head` is more of the head (the campaign's accent, its link preview tags), already escaped.
    static func document(
        language: String, title: String, body: String, script: Bool = false, head: String = ""
    ) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(escape(language))"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="same-origin">
        <title>\(escape(title))</title>
        <link rel="stylesheet" href="\(WebAssets.stylesheet.path)">\(head)\(script ? "<script src=\"\(WebAssets.script.path)\" defer></script>" : "")</head>
        <body><main>
        \(body)
        </main></body></html>

        """
    }

    /// An instant as the campaign's local time, `2027-01-18 09:00`.
    static func local(_ date: Date, timeZone: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute))"
    }
}
