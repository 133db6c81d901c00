/// Who casts a vote or suggests an idea, as the layer that checked their credential says.
///
/// The engine turns it into the voter's pseudonym (`VoterKey`): the stored form of every voter.
/// A token's subject and an open campaign's self-given name are taken as vouched for; an invite
/// code is checked here, against the campaign's codes.
public enum Voter: Sendable, Hashable {
    /// The voter id of a checked, signed token (its `sub`).
    case token(String)
    /// The holder of an invite code, not yet checked.
    case invite(String)
    /// The name an open campaign's client gives itself.
    case open(String)

    /// The text the pseudonym is made from. The prefixes keep the three kinds apart, so a token
    /// subject cannot pass for an invite code.
    var identity: String {
        switch self {
        case .token(let subject): subject
        case .invite(let code): "invite\u{0}" + InviteCode.canonical(code)
        case .open(let name): "open\u{0}" + name
        }
    }
}
