import VoxPopEngine
import VoxPopFoundation

/// A vote's body: exactly one of `choices`, `points` or `writeIn`, and an optional `invite`.
struct VoteBody {
    var vote: Vote
    var invite: String?

    init(_ bytes: [UInt8]) throws(Problem) {
        guard !bytes.isEmpty else {
            throw Problem(.malformedBody, #"send a JSON body such as {"choices": ["option-id"]}"#)
        }
        let node: JSONNode
        do {
            node = try JSONReader.parse(bytes)
        } catch {
            throw Problem(.malformedBody, "the body is not valid JSON: \(error.message)")
        }
        guard case .object(let members) = node.value else {
            throw Problem(.malformedBody, "the body must be a JSON object")
        }
        var votes: [Vote] = []
        for member in members {
            switch (member.key, member.value.value) {
            case ("choices", .array(let items)):
                var choices: [String] = []
                for item in items {
                    guard case .string(let id) = item.value else {
                        throw Problem(.malformedBody, "choices must be a list of option ids (strings)")
                    }
                    choices.append(id)
                }
                votes.append(.choices(choices))
            case ("points", .object(let entries)):
                var points: [String: Int] = [:]
                for entry in entries {
                    // A JSON number, however written: `3.0` and `3e0` are the whole number 3.
                    guard case .number(let value, _) = entry.value.value, let whole = Int(exactly: value) else {
                        throw Problem(.malformedBody, "points must be whole numbers, as {\"option-id\": 3}")
                    }
                    points[entry.key] = whole
                }
                votes.append(.points(points))
            case ("writeIn", .string(let text)): votes.append(.writeIn(text))
            case ("invite", .string(let code)): invite = code
            case ("choices", _), ("points", _), ("writeIn", _), ("invite", _):
                throw Problem(.malformedBody, "\(member.key) has the wrong type (\(member.value.typeName))")
            default:
                throw Problem(.malformedBody, "unknown key \(member.key); a vote has choices, points or writeIn")
            }
        }
        guard votes.count == 1 else {
            throw Problem(.malformedBody, "a vote has exactly one of choices, points or writeIn")
        }
        vote = votes[0]
    }
}
