/// A text a voter reads: one string, or one per language (`{"sv": "Hej", "en": "Hello"}`).
public struct LocalizedText: Sendable, Equatable {
    /// Language tag and text, in the order the file gives them; a plain string has the tag "".
    public var translations: [(language: String, text: String)]

    public init(_ text: String) {
        self.translations = [("", text)]
    }

    public init(translations: [(language: String, text: String)]) {
        self.translations = translations
    }

    /// The text in the first of `languages` the campaign has, else the file's first text.
    public func text(preferring languages: [String] = []) -> String {
        for language in languages {
            if let match = translations.first(where: { $0.language == language }) { return match.text }
        }
        return translations.first?.text ?? ""
    }

    public static func == (lhs: LocalizedText, rhs: LocalizedText) -> Bool {
        lhs.translations.elementsEqual(rhs.translations) { $0.language == $1.language && $0.text == $1.text }
    }
}
