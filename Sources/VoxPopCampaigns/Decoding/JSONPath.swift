import Foundation

/// Builds the `$.ballots[1].closes` paths that name a value in a problem.
struct JSONPath: Sendable, CustomStringConvertible {
    private(set) var description: String

    static let root = JSONPath(description: "$")

    func key(_ key: String) -> JSONPath {
        let plain = !key.isEmpty && key.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
        }
        if plain { return JSONPath(description: description + "." + key) }
        let escaped = key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
        return JSONPath(description: description + "['" + escaped + "']")
    }

    func index(_ index: Int) -> JSONPath { JSONPath(description: description + "[\(index)]") }
}
