import Foundation
import VoxPopCampaigns
import VoxPopEngine

/// What a page says for a problem: one sentence or two in the page's language, chosen by the
/// problem's type (never by comparing its text), that say what happened and what to do. The
/// problem's own detail is English for programs and never shown to voters; an option or idea is
/// named by its label.
enum PageProblem {
    /// What the page knows about where the problem happened.
    struct Context {
        var audience: Audience?
        /// An option's or idea's label by id.
        var label: (String) -> String? = { _ in nil }
        /// The longest write-in or idea the ballot takes.
        var maxLength: Int = WriteInPolicy.defaultMaxLength
        /// An idea forum's public ideas by id: a duplicate is named as it stands now.
        var ideas: [String: Idea] = [:]
    }

    static func message(_ problem: Problem, _ language: PageLanguage, _ context: Context = Context()) -> String {
        switch problem.type {
        case .alreadyVoted: language(.alreadyVoted)
        case .ballotNotOpen, .wrongState: language(.notOpen)
        case .unknownCampaign, .unknownBallot, .notFound, .methodNotAllowed, .unknownReceipt, .unknownIdea,
            .unknownWriteIn:
            language(.noSuchPage)
        case .resultsNotPublished, .notTallied: language(.resultsLater)
        case .missingCredential:
            context.audience == .invite ? language(.inviteMissing) : language(.tokenMissing)
        case .badCredential: language(.linkInvalid)
        case .notFromPage: language(.fromAnotherSite)
        case .notEligible: context.audience == .invite ? language(.inviteWrong) : language(.linkInvalid)
        case .campaignNotConfigured: language(.notReady)
        case .rateLimited: language(.busy)
        case .duplicateIdea: duplicate(problem, language, context)
        case .tooManyIdeas: language(.tooManyIdeas)
        case .invalidIdea: language.fill(.writeInPlain, "\(context.maxLength)")
        case .ideasNotTaken: language(.ideasClosed)
        case .unknownOption: language(.optionGone)
        case .invalidChoices, .refused: language(.ruleBroken)
        case .malformedBody, .malformedQuery: language(.formUnreadable)
        case .voteNotStored, .ideaNotStored, .internalError: language(.serverTrouble)
        case .badOperatorKey, .notFromConsole, .notAnInviteCampaign, .ideaIsPublic, .invalidCampaigns:
            language(.noSuchPage)
        }
    }

    /// A suggestion that folds like an idea there already, said as that idea stands: one still
    /// waiting for a moderator or rejected is not named (no one has let its words out), a
    /// declined one says so, and a merged one is named by the idea it went into.
    private static func duplicate(_ problem: Problem, _ language: PageLanguage, _ context: Context) -> String {
        switch member(problem, "existingStatus") {
        case Idea.Status.pending.rawValue?: return language(.ideaExistsWaiting)
        case Idea.Status.rejected.rawValue?: return language(.ideaExistsNotTaken)
        default: break
        }
        let id = existing(problem).map { Idea.mergeEnd(of: $0, in: context.ideas) }
        let label = id.flatMap(context.label) ?? "…"
        if let id, context.ideas[id]?.status == .declined { return language.fill(.ideaExistsDeclined, label) }
        return language.fill(.ideaExists, label)
    }

    /// The id of the idea or option a duplicate idea is, from the problem's `existing` member.
    static func existing(_ problem: Problem) -> String? { member(problem, "existing") }

    /// A string member of the problem's JSON.
    private static func member(_ problem: Problem, _ key: String) -> String? {
        guard let json = problem.extra.first(where: { $0.key == key })?.json,
            let value = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed)
        else { return nil }
        return value as? String
    }
}
