/// What a voter hands in, and its stored text form.
///
/// Stored as short text, which the audit chain hashes as it is: `c:paris,rome` (choices, in
/// preference order for ranked methods), `p:paris=3,rome=7` (points or ratings, sorted by option
/// id so one vote has one form), `w:Göteborg` (a write-in, as typed but trimmed).
public enum Vote: Sendable, Equatable {
    case choices([String])
    case points([String: Int])
    case writeIn(String)

    public var text: String {
        switch self {
        case .choices(let ids): "c:" + ids.joined(separator: ",")
        case .points(let points):
            "p:" + points.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        case .writeIn(let text): "w:" + text
        }
    }

    public init?(text: String) {
        guard let (kind, body) = Self.split(text) else { return nil }
        switch kind {
        case UInt8(ascii: "c"): self = .choices(body.isEmpty ? [] : body.split(separator: ",").map(String.init))
        case UInt8(ascii: "w"): self = .writeIn(body)
        case UInt8(ascii: "p"):
            var points: [String: Int] = [:]
            for pair in body.split(separator: ",") {
                let parts = pair.split(separator: "=")
                guard parts.count == 2, let value = Int(parts[1]) else { return nil }
                points[String(parts[0])] = value
            }
            self = .points(points)
        default: return nil
        }
    }

    /// The spelling of a stored write-in (`w:Göteborg`), or nil for another kind of vote.
    static func writeIn(inText text: String) -> String? {
        guard let (kind, body) = split(text), kind == UInt8(ascii: "w") else { return nil }
        return body
    }

    /// A stored text's kind letter and body, split on bytes: by `Character`s, a write-in that
    /// begins with a joiner or a combining mark glues it to the colon, and `w:` is no longer seen.
    private static func split(_ text: String) -> (kind: UInt8, body: String)? {
        let bytes = text.utf8
        guard bytes.count >= 2, bytes[bytes.index(after: bytes.startIndex)] == UInt8(ascii: ":") else { return nil }
        return (bytes.first!, String(decoding: bytes.dropFirst(2), as: UTF8.self))
    }
}

/// Why a vote was not taken; the HTTP layer maps each to its status and problem type.
public enum VoteRefusal: Error, Sendable, Equatable {
    case unknownCampaign
    case unknownBallot
    /// An invite code that is not one of the campaign's.
    case notInvited
    case ballotNotOpen
    case unknownOption(String)
    /// The vote breaks the ballot's rules (too many choices, over budget, ...).
    case invalidChoices(String)
    case alreadyVoted(receipt: String)
    /// More than `VoteFlood.limit` votes from this voter to this ballot in `VoteFlood.window`.
    case tooManyVotes
    case storage(String)
}
