import Foundation
import VoxPopEngine
import VoxPopFoundation

/// Every refusal of the layers below, turned into its problem in this one place.
extension Problem {
    init(_ refusal: VoteRefusal, campaign: String, ballot: String) {
        switch refusal {
        case .unknownCampaign: self.init(.unknownCampaign, "no campaign \(campaign)")
        case .unknownBallot: self.init(.unknownBallot, "campaign \(campaign) has no ballot \(ballot)")
        case .notInvited: self.init(.notEligible, "this invite code is not one of this campaign's")
        case .ballotNotOpen: self.init(.ballotNotOpen, "\(campaign)/\(ballot) is not open for votes")
        case .unknownOption(let option): self.init(.unknownOption, "\(ballot) has no option \(option)")
        case .invalidChoices(let why): self.init(.invalidChoices, why)
        case .alreadyVoted(let receipt):
            self.init(
                .alreadyVoted, "this voter has voted on \(campaign)/\(ballot) already; the first vote stands",
                receipt: receipt)
        case .tooManyVotes:
            self.init(
                .rateLimited,
                "this voter sent more than \(Engine.floodLimit.votes) votes to \(campaign)/\(ballot) within \(Int(Engine.floodLimit.seconds)) seconds; wait before voting again",
                retryAfter: Int(Engine.floodLimit.seconds))
        case .storage: self.init(.voteNotStored, "the vote could not be stored; try again", retryAfter: 1)
        }
    }

    init(_ refusal: SuggestionRefusal, campaign: String, ballot: String) {
        switch refusal {
        case .unknownCampaign: self.init(.unknownCampaign, "no campaign \(campaign)")
        case .unknownBallot: self.init(.unknownBallot, "campaign \(campaign) has no ballot \(ballot)")
        case .notInvited: self.init(.notEligible, "this invite code is not one of this campaign's")
        case .ballotNotOpen: self.init(.ballotNotOpen, "\(campaign)/\(ballot) is not open for ideas")
        case .notTaken:
            self.init(
                .ideasNotTaken,
                "\(campaign)/\(ballot) takes no suggested ideas (only a points ballot with writeIns does)")
        case .invalid(let why): self.init(.invalidIdea, why)
        case .duplicate(let id, let status):
            self.init(
                .duplicateIdea,
                status.map { "that idea has been suggested already: \(id) (\($0.rawValue))" }
                    ?? "that idea is an option of \(ballot) already: \(id)",
                extra: [("existing", JSONText.string(id))]
                    + (status.map { [("existingStatus", JSONText.string($0.rawValue))] } ?? []))
        case .limitReached(let limit):
            self.init(.tooManyIdeas, "one voter may suggest at most \(limit) ideas on \(campaign)/\(ballot)")
        case .storage: self.init(.ideaNotStored, "the idea could not be stored; try again", retryAfter: 1)
        }
    }

    init(_ refusal: VoterIdentity.Refusal) {
        switch refusal {
        case .missing(let why): self.init(.missingCredential, why)
        case .invalid(let why): self.init(.badCredential, why)
        case .notEligible(let why): self.init(.notEligible, why)
        case .rateLimited(let address, let seconds):
            self.init(
                .rateLimited, "too many requests from \(address); try again in \(seconds) seconds", retryAfter: seconds)
        case .notConfigured(let why): self.init(.campaignNotConfigured, why)
        }
    }
}

extension EngineError: ProblemConvertible {
    var problem: Problem {
        switch kind {
        case .unknownCampaign: Problem(.unknownCampaign, description)
        case .unknownBallot: Problem(.unknownBallot, description)
        case .unknownItem: Problem(.unknownIdea, description)
        case .unknownWriteIn: Problem(.unknownWriteIn, description)
        case .wrongState: Problem(.wrongState, description)
        case .ideaIsPublic: Problem(.ideaIsPublic, description)
        case .notAnInviteCampaign: Problem(.notAnInviteCampaign, description)
        case .refused: Problem(.refused, description)
        case .failed: Problem(.internalError, description)
        }
    }
}
