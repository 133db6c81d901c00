import Foundation
import VoxPopCampaigns
import VoxPopEngine

/// The languages the pages speak: their own words exist in each, and a campaign's texts are
/// shown in the one picked when the file has it.
enum PageLanguage: String, CaseIterable, Sendable {
    case en, sv, nb, da

    /// `?lang=` first, then the browser's `Accept-Language` in its order, then English.
    /// Norwegian arrives as `nb`, `no` or `nn`.
    static func pick(query: String?, acceptLanguage: String?) -> PageLanguage {
        if let query, let language = parse(query) { return language }
        for part in (acceptLanguage ?? "").split(separator: ",") {
            let tag = part.split(separator: ";")[0].trimmingCharacters(in: .whitespaces)
            if let language = parse(tag) { return language }
        }
        return .en
    }

    static func parse(_ tag: some StringProtocol) -> PageLanguage? {
        switch tag.lowercased().prefix(2) {
        case "en": .en
        case "sv": .sv
        case "nb", "no", "nn": .nb
        case "da": .da
        default: nil
        }
    }

    /// The tags to look for in a campaign's texts, best first.
    var campaignTags: [String] {
        switch self {
        case .nb: ["nb", "no", "nn", "en"]
        default: [rawValue, "en"]
        }
    }

    func text(_ text: LocalizedText) -> String { text.text(preferring: campaignTags) }

    func callAsFunction(_ word: PageWord) -> String {
        let texts = PageWord.texts[word]!
        return texts[PageLanguage.allCases.firstIndex(of: self)!]
    }
}

extension PageLanguage {
    /// A word whose `{1}`, `{2}`, ... are filled with `values` in order (labels, numbers, a
    /// question): by text replacement, so a label's `%` is never read as a format.
    func fill(_ word: PageWord, _ values: String...) -> String {
        var text = self(word)
        for (index, value) in values.enumerated() {
            text = text.replacingOccurrences(of: "{\(index + 1)}", with: value)
        }
        return text
    }

    /// The name of a language tag in that language, for caption tracks and the language menu.
    static func name(of tag: String) -> String {
        switch tag.lowercased().prefix(2) {
        case "en": "English"
        case "sv": "Svenska"
        case "nb", "no", "nn": "Norsk"
        case "da": "Dansk"
        case "de": "Deutsch"
        case "fi": "Suomi"
        default: tag
        }
    }
}
