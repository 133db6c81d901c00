/// Text made safe to place in HTML, element content or a quoted attribute value alike.
///
/// Escapes `&`, `<`, `>`, `"` and `'` by their UTF-8 bytes, never by `Character`: a combining mark
/// or a prepended character forms one grapheme cluster with a `<` or a `"`, which a
/// `Character` comparison lets through unescaped. Multi-byte UTF-8 sequences never contain these
/// ASCII bytes, so a byte-wise pass sees every one of them. NUL, which HTML refuses, becomes
/// U+FFFD.
public enum HTMLText {
    public static func escape(_ text: String) -> String {
        let needsEscape = text.utf8.contains {
            $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 == 0
        }
        guard needsEscape else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 32)
        for byte in text.utf8 {
            switch byte {
            case 0x26: out += Array("&amp;".utf8)
            case 0x3C: out += Array("&lt;".utf8)
            case 0x3E: out += Array("&gt;".utf8)
            case 0x22: out += Array("&quot;".utf8)
            case 0x27: out += Array("&#39;".utf8)
            case 0: out += [0xEF, 0xBF, 0xBD]
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
