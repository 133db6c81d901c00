import Foundation
import VoxPopStore

/// An idea of an idea-forum ballot (a points ballot that takes write-ins): one of the file's
/// options, or one a voter suggested.
///
/// A suggestion is not a vote: it adds an option. Under `moderation: "before"` it waits, hidden,
/// as `pending` until an operator makes it public; under `"after"` it is public at once. Public
/// ideas (`under-review`, `planned`, `done`, `declined`) are options; the file's options are
/// public ideas from the start. Votes give points to open ones; a `declined` idea keeps its
/// points but takes no more, and so does one merged into another (its points count for that one).
/// A public idea never goes back to pending or rejected, since stored votes may name it.
public struct Idea: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case pending
        case underReview = "under-review"
        case planned
        case done
        case declined
        case rejected

        /// Shown to voters, and counted.
        public var isPublic: Bool { self == .underReview || self == .planned || self == .done || self == .declined }
        /// Public and taking points.
        public var isOpen: Bool { isPublic && self != .declined }
    }

    /// The option id votes use: the file option's id, or `idea-N` for a suggested idea.
    public var id: String
    public var text: String
    public var status: Status
    /// When it was suggested; nil for one of the file's options.
    public var suggestedAt: Date?
    /// The idea it was merged into, whose points now include its own.
    public var mergedInto: String?
    /// The operators' official reply, shown under the idea.
    public var reply: String?
    public var repliedAt: Date?

    /// Takes points: public, not declined, not merged away.
    public var isOpen: Bool { status.isOpen && mergedInto == nil }

    /// Where the points of idea `id` count: the idea at the end of its chain of merges (itself
    /// when it is not merged), followed at most 8 steps as the count follows them.
    public static func mergeEnd(of id: String, in ideas: [String: Idea]) -> String {
        var end = id
        for _ in 0..<8 {
            guard let next = ideas[end]?.mergedInto else { break }
            end = next
        }
        return end
    }

    init(_ stored: Store.Idea) {
        id = Self.prefix + String(stored.id)
        text = stored.text
        status = Status(rawValue: stored.status) ?? .pending
        suggestedAt = Date(timeIntervalSince1970: Double(stored.suggestedAt) / 1000)
    }

    init(id: String, text: String, status: Status, suggestedAt: Date? = nil) {
        self.id = id
        self.text = text
        self.status = status
        self.suggestedAt = suggestedAt
    }

    /// With the operators' notes: a file option's status, a merge, a reply.
    func noted(_ note: Store.IdeaNote?) -> Idea {
        guard let note else { return self }
        var idea = self
        if let status = note.status.flatMap(Status.init(rawValue:)) { idea.status = status }
        idea.mergedInto = note.mergedInto
        idea.reply = note.reply
        idea.repliedAt = note.repliedAt.map { Date(timeIntervalSince1970: Double($0) / 1000) }
        return idea
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
