import Foundation
import VoxPopFoundation

/// A request body that must be one JSON object, read member by member with problems that say
/// which member is wrong and how a right body looks.
struct JSONBody {
    let members: [JSONMember]
    let example: String

    init(_ bytes: [UInt8], example: String) throws(Problem) {
        self.example = example
        let node: JSONNode
        do {
            node = try JSONReader.parse(bytes)
        } catch {
            throw Problem(.malformedBody, "the body is not valid JSON (\(error.message)); send \(example)")
        }
        guard case .object(let members) = node.value else {
            throw Problem(.malformedBody, "the body must be a JSON object such as \(example)")
        }
        self.members = members
    }

    func value(_ key: String) -> JSONNode? { members.first { $0.key == key }?.value }

    func string(_ key: String) throws(Problem) -> String {
        guard let text = try optionalString(key), !text.isEmpty else {
            throw Problem(.malformedBody, "give \"\(key)\" as a non-empty string, as in \(example)")
        }
        return text
    }

    func optionalString(_ key: String) throws(Problem) -> String? {
        guard let node = value(key) else { return nil }
        guard case .string(let text) = node.value else {
            throw Problem(.malformedBody, "\"\(key)\" must be a string, not \(node.typeName)")
        }
        return text
    }

    /// A whole number member within `range`, checked before it becomes an `Int`.
    func integer(_ key: String, in range: ClosedRange<Int>) throws(Problem) -> Int? {
        guard let node = value(key) else { return nil }
        // JSON has one kind of number: `300.0` is the whole number 300.
        guard case .number(let number, _) = node.value, number.rounded() == number, number >= Double(range.lowerBound),
            number <= Double(range.upperBound)
        else {
            throw Problem(
                .malformedBody,
                "\"\(key)\" must be a whole number from \(range.lowerBound) to \(range.upperBound), as in \(example)")
        }
        return Int(number)
    }

    /// Whether a member is there as `null`.
    func isNull(_ key: String) -> Bool {
        if case .null? = value(key)?.value { true } else { false }
    }

    /// The strings of a list member.
    func strings(_ key: String) throws(Problem) -> [String] {
        guard let node = value(key), case .array(let items) = node.value else {
            throw Problem(.malformedBody, "give \"\(key)\" as a list of strings, as in \(example)")
        }
        var result: [String] = []
        for item in items {
            guard case .string(let text) = item.value else {
                throw Problem(.malformedBody, "every item of \"\(key)\" must be a string, not \(item.typeName)")
            }
            result.append(text)
        }
        return result
    }

    /// Refuses members the body does not take, so a typo is not silently ignored.
    func refuseOthers(_ known: Set<String>) throws(Problem) {
        if let unknown = members.first(where: { !known.contains($0.key) }) {
            throw Problem(
                .malformedBody,
                "unknown key \"\(unknown.key)\"; this body takes \(known.sorted().joined(separator: ", "))")
        }
    }
}
