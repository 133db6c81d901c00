import Foundation
import VoxPopFoundation

/// The known members of one JSON object. Objects in campaign files have a handful of keys, so a
/// linear search beats hashing every key of 50,000 options.
struct Fields {
    let members: [JSONMember]

    subscript(key: String) -> JSONMember? { members.first { $0.key == key } }
}

/// The typed readers: each checks one value, reports what is wrong with it, and returns nil then.
extension CampaignDecoder {
    /// The members of an object that the format knows, after reporting every key it does not.
    mutating func object(_ node: JSONNode, at path: JSONPath, allowedKeys: [String], what: String) -> Fields? {
        guard case .object(let members) = node.value else {
            report(node.offset, path, "expected \(what) as an object ({...}), found \(node.typeName)")
            return nil
        }
        var known: [JSONMember] = []
        known.reserveCapacity(members.count)
        for member in members {
            if allowedKeys.contains(member.key) {
                known.append(member)
            } else {
                report(member.keyOffset, path.key(member.key), unknownKeyMessage(member.key, allowedKeys: allowedKeys))
            }
        }
        return Fields(members: known)
    }

    private func unknownKeyMessage(_ key: String, allowedKeys: [String]) -> String {
        let lowered = key.lowercased()
        if lowered.contains("secret") || lowered == "password" || lowered == "key" {
            return
                "unknown key \"\(key)\"; never put a secret in a campaign file: keep it in an environment variable and name that variable in \"secretEnv\""
        }
        if let near = Suggestion.closest(to: key, among: allowedKeys) {
            return "unknown key \"\(key)\"; did you mean \"\(near)\"?"
        }
        return "unknown key \"\(key)\"; allowed here: " + allowedKeys.filter { $0 != "$schema" }.joined(separator: ", ")
    }

    mutating func required(_ key: String, in fields: Fields, of node: JSONNode, at path: JSONPath) -> JSONMember? {
        if let member = fields[key] { return member }
        report(node.offset, path, "missing required key \"\(key)\"")
        return nil
    }

    mutating func string(_ node: JSONNode, at path: JSONPath) -> String? {
        guard case .string(let value) = node.value else {
            report(node.offset, path, "expected text in double quotes, found \(node.typeName)")
            return nil
        }
        return value
    }

    /// Ids appear in URLs and file names, so they are kept to lowercase letters, digits and '-'.
    mutating func identifier(_ node: JSONNode, at path: JSONPath) -> String? {
        guard let value = string(node, at: path) else { return nil }
        let bytes = Array(value.utf8)
        let valid =
            !bytes.isEmpty && bytes.count <= 64 && bytes.first != UInt8(ascii: "-")
            && bytes.allSatisfy {
                ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z"))
                    || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "-")
            }
        guard valid else {
            report(
                node.offset, path,
                "id \"\(value)\" must be 1 to 64 lowercase letters, digits and '-', starting with a letter or digit (like \"summer-final\")"
            )
            return nil
        }
        return value
    }

    /// A text a voter reads: a string, or an object of language tag to string.
    mutating func text(_ node: JSONNode, at path: JSONPath) -> LocalizedText? {
        switch node.value {
        case .string(let value):
            guard !value.allSatisfy(\.isWhitespace) else {
                report(node.offset, path, "text is empty")
                return nil
            }
            return LocalizedText(value)
        case .object(let members):
            guard !members.isEmpty else {
                report(node.offset, path, "give at least one language, like {\"en\": \"...\"}")
                return nil
            }
            var translations: [(language: String, text: String)] = []
            var valid = true
            for member in members {
                if !Self.isLanguageTag(member.key) {
                    report(
                        member.keyOffset, path.key(member.key),
                        "\"\(member.key)\" is not a language tag; use a tag such as \"sv\", \"nb\", \"da\", \"en\" or \"en-GB\""
                    )
                    valid = false
                    continue
                }
                guard let value = string(member.value, at: path.key(member.key)) else {
                    valid = false
                    continue
                }
                if value.allSatisfy(\.isWhitespace) {
                    report(member.value.offset, path.key(member.key), "text is empty")
                    valid = false
                }
                translations.append((member.key, value))
            }
            return valid ? LocalizedText(translations: translations) : nil
        default:
            report(node.offset, path, "expected text, or an object of language to text, found \(node.typeName)")
            return nil
        }
    }

    /// BCP 47 in the shape campaigns use: a 2-3 letter language, then optional subtags (`en-GB`, `zh-Hant`).
    static func isLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let language = parts.first, (2...3).contains(language.count),
            language.unicodeScalars.allSatisfy({ $0 >= "a" && $0 <= "z" })
        else { return false }
        return parts.dropFirst().allSatisfy { part in
            (2...8).contains(part.count)
                && part.unicodeScalars.allSatisfy {
                    $0.properties.isASCIIHexDigit || ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z")
                }
        }
    }

    mutating func integer(_ node: JSONNode, at path: JSONPath, in range: ClosedRange<Int>) -> Int? {
        guard case .number(let value, let isInteger) = node.value, isInteger else {
            report(node.offset, path, "expected a whole number, found \(node.typeName)")
            return nil
        }
        guard value >= Double(range.lowerBound), value <= Double(range.upperBound) else {
            let number = value.magnitude < 1e15 ? String(Int(value)) : String(value)
            report(node.offset, path, "\(number) is out of range: use \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return Int(value)
    }

    mutating func boolean(_ node: JSONNode, at path: JSONPath) -> Bool? {
        guard case .bool(let value) = node.value else {
            report(node.offset, path, "expected true or false, found \(node.typeName)")
            return nil
        }
        return value
    }

    /// One of a fixed set of words, with "did you mean" for a near miss.
    mutating func oneOf(_ allowed: [String], _ node: JSONNode, at path: JSONPath) -> String? {
        guard let value = string(node, at: path) else { return nil }
        guard allowed.contains(value) else {
            let hint = Suggestion.didYouMean(value, among: allowed)
            let list = allowed.map { "\"\($0)\"" }.joined(separator: ", ")
            report(node.offset, path, "\"\(value)\" is not one of \(list)\(hint)")
            return nil
        }
        return value
    }

    mutating func readTimeZone(_ node: JSONNode, at path: JSONPath) -> TimeZone? {
        guard let name = string(node, at: path) else { return nil }
        // Foundation also accepts abbreviations and offsets ("CET", "GMT+2"); only IANA names follow
        // daylight saving as the audience lives it, so only they are taken.
        if name.contains("/") || name == "UTC", let zone = TimeZone(identifier: name) { return zone }
        let hint =
            Suggestion.closest(to: name, among: TimeZone.knownTimeZoneIdentifiers).map { "; did you mean \"\($0)\"?" }
            ?? "; use an IANA time zone name such as \"Europe/Stockholm\" or \"UTC\""
        report(node.offset, path, "unknown time zone \"\(name)\"\(hint)")
        return nil
    }
}
