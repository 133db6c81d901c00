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
    /// Origins (`https://media.example.com`) absolute media URLs may come from; the pages'
    /// Content-Security-Policy allows them and no others.
    public var mediaOrigins: [String] = []
    /// The brand on the campaign's pages.
    public var theme: Theme?
    /// Origins whose pages may frame `/c/{campaign}/embed`; none may otherwise.
    public var embedOrigins: [String] = []

    public func ballot(_ id: String) -> Ballot? { ballots.first { $0.id == id } }
}

/// A campaign's brand: an accent colour for links and buttons (readable on white: `voxpop check`
/// holds it to WCAG AA), a logo and a hero picture (also the preview a shared link shows).
public struct Theme: Sendable, Equatable {
    /// `#RRGGBB`.
    public var accent: String?
    public var logo: String?
    public var hero: String?
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
