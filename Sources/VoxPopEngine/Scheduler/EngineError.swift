/// An operator's or a reader's request the engine cannot carry out, with why in words.
///
/// `kind` says what sort of refusal it is, so the layer above can answer it (an HTTP status, a
/// page's words) without reading the text; `description` says what and where for a person.
public struct EngineError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable, CaseIterable {
        case unknownCampaign
        case unknownBallot
        /// No such idea on the ballot.
        case unknownItem
        /// No such write-in group on the ballot.
        case unknownWriteIn
        /// The ballot's state does not allow it (closing a closed ballot, publishing an open one).
        case wrongState
        /// A public idea cannot go back to pending or rejected: stored votes may name it.
        case ideaIsPublic
        /// The campaign does not check voters by invite codes.
        case notAnInviteCampaign
        /// The request breaks a rule (a merge into itself, a ballot that takes no ideas).
        case refused
        /// Something underneath failed (the store); the description is for the server's log.
        case failed
    }
    public var kind: Kind
    public var description: String

    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}
