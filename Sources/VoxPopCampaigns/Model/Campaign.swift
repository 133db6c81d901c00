import Foundation

/// A campaign: its ballots and who may vote in them, as a marketer wrote it in one JSON file.
///
/// See docs/campaign-format.md for every key, its default and an example.
public struct Campaign: Sendable, Equatable {
    public var id: String
    public var title: LocalizedText
    public var description: LocalizedText?
    /// An IANA time zone name; local times in the file are read in it.
    public var timeZone: String
    public var audience: Audience
    /// The seed of the tie-breaking lot for every ballot of the campaign (see `TieBreaker`),
    /// fixed before voting starts; the campaign id when the file gives none.
    public var tieBreakSeed: String
    public var ballots: [Ballot]

    public func ballot(_ id: String) -> Ballot? { ballots.first { $0.id == id } }
}

/// Who may vote, and how a voter proves who they are.
public enum Audience: Sendable, Equatable {
    /// A signed JWT (HS256) whose secret is in the named environment variable, never in the file.
    case token(secretEnv: String)
    /// A one-time invite code per voter, loaded by the operator.
    case invite
    /// The client names itself; weak, for quick polls and demos.
    case open

    public var identityName: String {
        switch self {
        case .token: "token"
        case .invite: "invite"
        case .open: "open"
        }
    }
}
