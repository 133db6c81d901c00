/// A campaign's accent as a style sheet of one rule, `/assets/accent-v1-RRGGBB.css`: the colour
/// reaches the page without an inline style (which the Content-Security-Policy refuses), and the
/// file is the same for every campaign of that colour, so browsers keep it for a year.
///
/// The accent sets links, buttons, focus and the ranked options (`Stylesheet` reads
/// `--accent` and `--tint`, a pale tint of it for backgrounds); `voxpop check` held it to a
/// contrast of 4.5:1 with white.
struct ThemeStylesheet: Equatable {
    /// Six lowercase hexadecimal digits.
    var accent: String

    /// From a campaign's `#RRGGBB`.
    init?(accent: String) {
        let bytes = Array(accent.lowercased().utf8)
        guard bytes.count == 7, bytes[0] == UInt8(ascii: "#"), bytes.dropFirst().allSatisfy(Self.isHex) else {
            return nil
        }
        self.accent = String(decoding: bytes.dropFirst(), as: UTF8.self)
    }

    /// From its file name, `accent-v1-RRGGBB.css`.
    init?(name: String) {
        let bytes = Array(name.utf8)
        guard bytes.count == 20, name.hasPrefix(Self.prefix), name.hasSuffix(".css") else { return nil }
        self.init(accent: "#" + String(decoding: bytes[10..<16], as: UTF8.self))
        guard self.accent == String(decoding: bytes[10..<16], as: UTF8.self) else { return nil }
    }

    private static let prefix = "accent-v1-"

    var path: String { "/assets/\(Self.prefix)\(accent).css" }

    /// The accent and, for backgrounds, the accent at 8% over white.
    var source: String {
        let value = Int(accent, radix: 16) ?? 0
        let tint = [16, 8, 0].map { shift -> String in
            let channel = Double((value >> shift) & 0xFF) * 0.08 + 255 * 0.92
            let hex = String(Int(channel.rounded()), radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
        return ":root{--accent:#\(accent);--tint:#\(tint)}\n"
    }

    var asset: WebAssets.Asset {
        WebAssets.Asset(path: path, bytes: Array(source.utf8), contentType: "text/css; charset=utf-8")
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66)
    }
}
