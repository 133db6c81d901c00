/// What text typed by voters and operators (write-ins, ideas, labels, replies) may hold: no
/// control characters, and none of the explicit direction controls (embeddings, overrides and
/// isolates, U+202A-U+202E and U+2066-U+2069). A right-to-left override in a write-in turned the
/// text after it on every page that showed it, reversed the line of the log that named it, and
/// made "olso" look like "oslo". Right-to-left scripts need none of them: the bidirectional
/// algorithm places their letters; the marks U+200E and U+200F stay allowed.
public enum PlainText {
    public static func isPlain(_ text: String, newlines: Bool = false) -> Bool {
        !text.unicodeScalars.contains { scalar in
            if newlines, scalar == "\n" { return false }
            return scalar.properties.generalCategory == .control || (0x202A...0x202E).contains(scalar.value)
                || (0x2066...0x2069).contains(scalar.value)
        }
    }
}
