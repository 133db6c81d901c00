import Foundation

/// The form under which write-ins count as the same option.
///
/// Voters type the same place many ways: "Göteborg", "goteborg ", "GÖTEBORG", "göte-borg" are one
/// nomination. The key folds case, accents and character width, drops the characters that are
/// not drawn (a soft hyphen, a zero-width space or joiner, a direction mark: Unicode's default
/// ignorables), treats punctuation and symbols as spaces, and collapses runs of spaces. Two write-ins with the same key are one option; what the
/// voter typed is kept for display and moderation.
public struct WriteInKey: Hashable, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ text: String) {
        let folded = text.precomposedStringWithCanonicalMapping
            .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var words: [String] = []
        var word = ""
        for scalar in folded.unicodeScalars {
            // "Göte\u{AD}borg" looks like "Göteborg" and must count as it, not as "gote borg".
            if scalar.properties.isDefaultIgnorableCodePoint { continue }
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                word.unicodeScalars.append(scalar)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        description = words.joined(separator: " ")
    }

    /// True when nothing is left to count: the write-in was only spaces or punctuation.
    public var isEmpty: Bool { description.isEmpty }
}
