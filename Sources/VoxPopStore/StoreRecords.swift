/// The records a store holds, the same whichever database holds them (`VoteStore`).
public enum Store {
    /// A ballot as stored: its state, the rules frozen when it opened, and its tally.
    public struct BallotRecord: Sendable, Equatable {
        public var id: Int64
        public var state: String
        public var definition: String?
        public var tally: String?
    }

    /// One stored transition.
    public struct Transition: Sendable, Equatable {
        public var campaign: String
        public var ballot: String
        public var state: String
        public var dueAt: Int64
        public var doneAt: Int64
    }

    /// A ballot's audit chain: every accepted vote in order, replaced ones included.
    public struct LoggedVote: Sendable {
        public var seq: Int64
        public var voter: [UInt8]
        public var vote: String
        public var acceptedAt: Int64
        public var chain: [UInt8]
        public var current: Bool
    }

    /// What became of a code to revoke.
    public enum Revocation: Sendable, Equatable {
        case revoked, used, unknown
    }

    /// What operators set on an idea beyond a suggested idea's status: a file option's status, the
    /// idea it was merged into, an official reply.
    public struct IdeaNote: Sendable, Equatable {
        public var status: String?
        public var mergedInto: String?
        public var reply: String?
        public var repliedAt: Int64?

        public init(status: String? = nil, mergedInto: String? = nil, reply: String? = nil, repliedAt: Int64? = nil) {
            self.status = status
            self.mergedInto = mergedInto
            self.reply = reply
            self.repliedAt = repliedAt
        }
    }

    public struct LogEntry: Sendable, Equatable {
        public var seq: Int64
        public var at: Int64
        public var actor: String
        public var action: String
        public var campaign: String?
        public var ballot: String?
        public var detail: String
    }

    /// An idea as stored. `key` is the folded text (`WriteInKey`), one idea per key per ballot.
    public struct Idea: Sendable, Equatable {
        public var id: Int64
        public var key: String
        public var text: String
        public var status: String
        public var suggestedAt: Int64
    }

    /// What became of a suggestion.
    public enum Suggested: Sendable, Equatable {
        case added(Idea)
        /// An idea with the same folded text exists (in any status).
        case duplicate(Idea)
        /// This voter has suggested `limit` ideas on the ballot already.
        case limitReached(Int)
    }

    /// An operator's decision on a write-in key.
    public struct WriteInDecision: Sendable, Equatable {
        public var action: String
        public var into: String?
        public init(action: String, into: String?) {
            self.action = action
            self.into = into
        }
    }
}
