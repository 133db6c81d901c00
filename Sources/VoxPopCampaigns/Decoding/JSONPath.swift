import Foundation

/// Names a value in a problem, as `$.ballots[1].closes`.
///
/// Built for every value read but printed only for the few that are wrong, so it is a chain of
/// parent links and the text is made only when asked for.
indirect enum JSONPath: Sendable, CustomStringConvertible {
    case root
    case key(JSONPath, String)
    case index(JSONPath, Int)

    func key(_ key: String) -> JSONPath { .key(self, key) }
    func index(_ index: Int) -> JSONPath { .index(self, index) }

    var description: String {
        switch self {
        case .root: return "$"
        case .index(let parent, let index): return parent.description + "[\(index)]"
        case .key(let parent, let key):
            let plain =
                !key.isEmpty
                && key.utf8.allSatisfy { byte in
                    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                        || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                        || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
                        || byte == UInt8(ascii: "$")
                }
            if plain { return parent.description + "." + key }
            let escaped = key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
            return parent.description + "['" + escaped + "']"
        }
    }
}
