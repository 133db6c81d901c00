import Foundation
import VoxPopCampaigns
import VoxPopCounting

/// Small helpers to write the API's JSON by hand: the shapes are fixed and few, and writing them
/// directly is faster than building dictionaries for a generic encoder on every request.
enum JSONText {
    static func string(_ text: String) -> String { Tally.string(text) }

    static func object(_ members: [(String, String?)]) -> String {
        "{" + members.compactMap { key, value in value.map { string(key) + ":" + $0 } }.joined(separator: ",") + "}"
    }

    static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }

    /// A text as the campaign file gave it: a string, or an object of language to string.
    static func localized(_ text: LocalizedText?) -> String? {
        guard let text else { return nil }
        if text.translations.count == 1, text.translations[0].language.isEmpty {
            return string(text.translations[0].text)
        }
        return object(text.translations.map { ($0.language, string($0.text)) })
    }

    static func instant(_ date: Date?) -> String? {
        date.map { "\"" + iso(milliseconds: $0.milliseconds) + "\"" }
    }

    /// `2026-06-01T07:00:00.000Z`: UTC with milliseconds (civil-from-days, H. Hinnant's algorithm),
    /// written by hand because every accepted vote's answer carries one.
    static func iso(milliseconds: Int64) -> String {
        let (days, rest) = milliseconds.quotientAndRemainder(dividingBy: 86_400_000)
        let (day0, millis) = rest < 0 ? (days - 1, rest + 86_400_000) : (days, rest)
        let z = day0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(millis / 3_600_000, 2)):"
            + "\(pad(millis / 60_000 % 60, 2)):\(pad(millis / 1000 % 60, 2)).\(pad(millis % 1000, 3))Z"
    }
}
