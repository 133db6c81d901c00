import Foundation
import VoxPopFoundation

/// What a campaign's pages show besides its texts: media, the brand, where it may be embedded.
extension CampaignDecoder {
    static let themeKeys = ["accent", "logo", "hero"]

    /// An origin as a browser compares them: `https://host` or `https://host:port`, nothing more.
    mutating func origins(_ node: JSONNode, at path: JSONPath) -> [String]? {
        guard case .array(let elements) = node.value else {
            report(
                node.offset, path,
                "expected a list of origins such as [\"https://media.example.com\"], found \(node.typeName)")
            return nil
        }
        var origins: [String] = []
        var valid = true
        for (index, element) in elements.enumerated() {
            guard let text = string(element, at: path.index(index)) else {
                valid = false
                continue
            }
            guard let origin = Self.origin(of: text), origin == text.lowercased() else {
                report(
                    element.offset, path.index(index),
                    "\"\(text)\" is not an origin: write the scheme and host only, like \"https://media.example.com\"")
                valid = false
                continue
            }
            origins.append(origin)
        }
        return valid ? origins : nil
    }

    /// The origin of an absolute http(s) URL, lowercased (`https://cdn.example.com:8443`), or nil.
    static func origin(of text: String) -> String? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
            let host = url.host?.lowercased(), !host.isEmpty, url.user == nil, url.password == nil
        else { return nil }
        return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
    }

    /// A media reference: a path in the media folder beside the campaign files (which must hold
    /// the file, when the folder is known) or an absolute URL on one of `mediaOrigins`.
    mutating func mediaReference(_ node: JSONNode, at path: JSONPath) -> String? {
        guard let value = string(node, at: path) else { return nil }
        if value.contains("://") {
            guard let origin = Self.origin(of: value) else {
                report(
                    node.offset, path,
                    "\"\(value)\" is not a web address; write a full https:// address or a path in the media folder")
                return nil
            }
            guard mediaOrigins.contains(origin) else {
                report(
                    node.offset, path,
                    "\(origin) is not among the campaign's \"mediaOrigins\"; add it there, or put the file in the media folder and give its path"
                )
                return nil
            }
            return value
        }
        guard let relative = MediaPath(value) else {
            report(
                node.offset, path,
                "\"\(value)\" is not a path in the media folder: use folders and file names of letters, digits, '.', '-' and '_', like \"toys-2027/drawing-001.svg\""
            )
            return nil
        }
        if let mediaDirectory {
            let file = mediaDirectory.appendingPathComponent(relative.path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue
            else {
                report(node.offset, path, "no file \(relative.path) in the media folder \(mediaDirectory.relativePath)")
                return nil
            }
        }
        return relative.path
    }

    mutating func readTheme(_ node: JSONNode, at path: JSONPath) -> Theme? {
        guard let fields = object(node, at: path, allowedKeys: Self.themeKeys, what: "a theme") else { return nil }
        let problemsBefore = problems.count
        var theme = Theme()
        if let accent = fields["accent"] {
            theme.accent = color(accent.value, at: path.key("accent"))
        }
        theme.logo = fields["logo"].flatMap { mediaReference($0.value, at: path.key("logo")) }
        theme.hero = fields["hero"].flatMap { mediaReference($0.value, at: path.key("hero")) }
        return problems.count == problemsBefore ? theme : nil
    }

    /// `#RRGGBB`, readable as text on white and under white text on a button: WCAG 2 AA asks
    /// a contrast of at least 4.5:1 for both.
    private mutating func color(_ node: JSONNode, at path: JSONPath) -> String? {
        guard let text = string(node, at: path) else { return nil }
        guard let luminance = Self.relativeLuminance(text) else {
            report(node.offset, path, "\"\(text)\" is not a colour: write it as #RRGGBB, like \"#0b4f9c\"")
            return nil
        }
        let contrast = 1.05 / (luminance + 0.05)
        guard contrast >= 4.5 else {
            report(
                node.offset, path,
                "\(text) has a contrast of \(String(format: "%.1f", contrast)):1 with white; links and buttons need at least 4.5:1 (WCAG AA): pick a darker colour"
            )
            return nil
        }
        return text.lowercased()
    }

    /// WCAG 2's relative luminance of `#RRGGBB`, or nil for another form.
    static func relativeLuminance(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        guard bytes.count == 7, bytes[0] == UInt8(ascii: "#"), let value = UInt32(String(text.dropFirst()), radix: 16)
        else { return nil }
        func channel(_ shift: UInt32) -> Double {
            let c = Double((value >> shift) & 0xFF) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
    }
}

/// A path in the media folder: folders and a file name of letters, digits, `.`, `-` and `_`, none
/// starting with a dot, so no path can leave the folder (`..`, `/`, `\`) or name a hidden file.
public struct MediaPath: Sendable, Equatable {
    public let path: String

    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard !text.isEmpty, text.utf8.count <= 200, parts.count <= 8,
            parts.allSatisfy({ part in
                !part.isEmpty && part.first != "."
                    && part.utf8.allSatisfy {
                        ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A)
                            || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
                    }
            })
        else { return nil }
        path = text
    }
}
