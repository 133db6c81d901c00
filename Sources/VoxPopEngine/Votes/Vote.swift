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
        let body = String(text.dropFirst(2))
        switch text.prefix(2) {
        case "c:": self = .choices(body.isEmpty ? [] : body.split(separator: ",").map(String.init))
        case "w:": self = .writeIn(body)
        case "p:":
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
