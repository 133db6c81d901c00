import Foundation

/// Every kind of problem VoxPop answers with, each knowing its HTTP status.
///
/// The raw value is the last part of the problem's `type` URN (`urn:voxpop:problem:already-voted`),
/// which clients and the docs rely on; the pages pick their words from the case, never from the
/// text. docs/api.md lists them all.
public enum ProblemType: String, Sendable, CaseIterable {
    case malformedBody = "malformed-body"
    case malformedQuery = "malformed-query"
    case missingCredential = "missing-credential"
    case badCredential = "bad-credential"
    case badOperatorKey = "bad-operator-key"
    case notEligible = "not-eligible"
    case notFromConsole = "not-from-console"
    case notFromPage = "not-from-page"
    case notFound = "not-found"
    case unknownCampaign = "unknown-campaign"
    case unknownBallot = "unknown-ballot"
    case unknownOption = "unknown-option"
    case unknownReceipt = "unknown-receipt"
    case unknownIdea = "unknown-idea"
    case unknownWriteIn = "unknown-write-in"
    case resultsNotPublished = "results-not-published"
    case methodNotAllowed = "method-not-allowed"
    case alreadyVoted = "already-voted"
    case ballotNotOpen = "ballot-not-open"
    case duplicateIdea = "duplicate-idea"
    case ideaIsPublic = "idea-is-public"
    case wrongState = "wrong-state"
    case notTallied = "not-tallied"
    case notAnInviteCampaign = "not-an-invite-campaign"
    case invalidChoices = "invalid-choices"
    case invalidIdea = "invalid-idea"
    case ideasNotTaken = "ideas-not-taken"
    case invalidCampaigns = "invalid-campaigns"
    case refused = "refused"
    case rateLimited = "rate-limited"
    case tooManyIdeas = "too-many-ideas"
    case internalError = "internal-error"
    case campaignNotConfigured = "campaign-not-configured"
    case voteNotStored = "vote-not-stored"
    case ideaNotStored = "idea-not-stored"

    public var status: Int {
        switch self {
        case .malformedBody, .malformedQuery: 400
        case .missingCredential, .badCredential, .badOperatorKey: 401
        case .notEligible, .notFromConsole, .notFromPage: 403
        case .notFound, .unknownCampaign, .unknownBallot, .unknownOption, .unknownReceipt, .unknownIdea,
            .unknownWriteIn,
            .resultsNotPublished:
            404
        case .methodNotAllowed: 405
        case .alreadyVoted, .ballotNotOpen, .duplicateIdea, .ideaIsPublic, .wrongState, .notTallied,
            .notAnInviteCampaign:
            409
        case .invalidChoices, .invalidIdea, .ideasNotTaken, .invalidCampaigns, .refused: 422
        case .rateLimited, .tooManyIdeas: 429
        case .internalError: 500
        case .campaignNotConfigured, .voteNotStored, .ideaNotStored: 503
        }
    }

    /// The problem's short name: its type in words, capitalised (`Already voted`).
    public var title: String {
        let words = rawValue.replacingOccurrences(of: "-", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// The `type` member: a URN whose last part is the raw value.
    public var urn: String { "urn:voxpop:problem:" + rawValue }
}
