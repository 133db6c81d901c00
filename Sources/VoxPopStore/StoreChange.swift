/// A change one node made that the others must take in (`VoteStore.changes`).
public enum StoreChange: Sendable, Equatable {
    /// A ballot's state, rules, tally, decisions, labels, withdrawals or ideas.
    case ballot(Int64)
    /// A campaign's invite codes (minted, loaded or revoked).
    case invites(String)
    /// An operator reloaded the campaign files.
    case reload
    /// Anything may have changed (the feed was down for a while): read it all again.
    case everything

    var payload: String {
        switch self {
        case .ballot(let id): "ballot \(id)"
        case .invites(let campaign): "invites \(campaign)"
        case .reload: "reload"
        case .everything: "everything"
        }
    }

    init?(payload: Substring) {
        let parts = payload.split(separator: " ", maxSplits: 1)
        switch (parts.first, parts.count) {
        case ("ballot"?, 2):
            guard let id = Int64(parts[1]) else { return nil }
            self = .ballot(id)
        case ("invites"?, 2): self = .invites(String(parts[1]))
        case ("reload"?, 1): self = .reload
        case ("everything"?, 1): self = .everything
        default: return nil
        }
    }
}
