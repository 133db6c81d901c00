import Foundation

/// What a page says for a problem: words chosen by its type (never by comparing its text), and
/// the detail only where it tells the voter what to change.
enum PageProblem {
    static func message(_ problem: Problem, _ language: PageLanguage) -> String {
        switch problem.type {
        case .alreadyVoted: language(.alreadyVoted)
        case .ballotNotOpen, .unknownCampaign, .unknownBallot, .notFound, .resultsNotPublished: language(.notOpen)
        case .missingCredential, .badCredential, .notEligible, .campaignNotConfigured: language(.notEligible)
        case .rateLimited: language(.busy)
        case .duplicateIdea: language(.ideaExists)
        case .tooManyIdeas: language(.tooManyIdeas)
        case .voteNotStored, .ideaNotStored, .internalError: language(.tryAgain)
        default: language(.invalid)
        }
    }

    static func detail(_ problem: Problem) -> String? {
        switch problem.type {
        case .alreadyVoted, .ballotNotOpen, .unknownCampaign, .unknownBallot, .notFound, .resultsNotPublished,
            .rateLimited, .tooManyIdeas, .voteNotStored, .ideaNotStored:
            nil
        default: problem.detail
        }
    }
}
