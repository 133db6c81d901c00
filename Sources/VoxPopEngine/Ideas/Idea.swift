import Foundation
import VoxPopStore

/// An idea suggested on an idea-forum ballot (a points ballot that takes write-ins).
///
/// A suggestion is not a vote: it adds an option. Under `moderation: "before"` it waits, hidden,
/// as `pending` until an operator makes it public; under `"after"` it is public at once. Public
/// ideas (`under-review`, `planned`, `done`) are options that votes give points to, under the id
/// `idea-N`; operators move them between those statuses. A public idea can no longer be
/// withdrawn (rejected or sent back to pending), since stored votes may name it.
public struct Idea: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case pending
        case underReview = "under-review"
        case planned
        case done
        case rejected

        /// Shown to voters and open to their points.
        public var isPublic: Bool { self == .underReview || self == .planned || self == .done }
    }

    /// The option id votes use: `idea-N`.
    public var id: String
    public var text: String
    public var status: Status
    public var suggestedAt: Date

    init(_ stored: Store.Idea) {
        id = Self.prefix + String(stored.id)
        text = stored.text
        status = Status(rawValue: stored.status) ?? .pending
        suggestedAt = Date(timeIntervalSince1970: Double(stored.suggestedAt) / 1000)
    }

    static let prefix = "idea-"

    /// The stored number of an `idea-N` id.
    static func number(_ id: String) -> Int64? {
        guard id.hasPrefix(prefix), let number = Int64(id.dropFirst(prefix.count)), number > 0 else { return nil }
        return number
    }

    var option: FrozenBallot.Option { FrozenBallot.Option(id: id, label: text) }
}

/// Why a suggestion was not taken; the HTTP layer maps each to its status and problem type.
public enum SuggestionRefusal: Error, Sendable, Equatable {
    case unknownCampaign
    case unknownBallot
    /// An invite code that is not one of the campaign's.
    case notInvited
    case ballotNotOpen
    /// The ballot is not an idea forum (not a points ballot with write-ins).
    case notTaken
    case invalid(String)
    /// The idea is there already: an earlier idea (with its status) or one of the file's options.
    case duplicate(id: String, status: Idea.Status?)
    case limitReached(Int)
    case storage(String)
}
