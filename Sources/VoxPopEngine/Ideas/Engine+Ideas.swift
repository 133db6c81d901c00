import Foundation
import VoxPopCampaigns
import VoxPopFoundation
import VoxPopStore

extension Engine {
    /// How many ideas one voter may suggest on one ballot (a flood of suggestions from one
    /// account stops here; `open` campaigns are also limited per address).
    public static let suggestionsPerVoter = 5

    /// Stores a suggested idea for an open idea-forum ballot, on disk before it answers.
    public func suggest(campaign: String, ballot: String, voter: Voter, text raw: String) -> Result<
        Idea, SuggestionRefusal
    > {
        let pseudonym = key.pseudonym(campaign: campaign, voter: voter.identity)
        let invite = voter.inviteCode.map { inviteHash(campaign: campaign, code: $0) }
        let reference = Reference(campaign: campaign, ballot: ballot)
        let now = clock.now
        let (definition, found, closes, invited) = state.withLock { state in
            (
                state.campaigns[campaign], state.ballots[reference], state.closeDue(reference),
                invite.map { state.invites[campaign]?.contains($0) ?? false } ?? true
            )
        }
        guard let definition else { return .failure(.unknownCampaign) }
        guard let runtime = found else { return .failure(.unknownBallot) }
        guard invited else { return .failure(.notInvited) }
        let file = definition.ballot(ballot)
        // Before it opens, the file says whether it will take ideas.
        guard runtime.frozen?.takesIdeas ?? file?.takesIdeas ?? false else {
            return .failure(.notTaken)
        }
        guard runtime.state == .open, let frozen = runtime.frozen, closes.map({ now < $0 }) ?? true else {
            return .failure(.ballotNotOpen)
        }
        let moderation = file?.writeIns?.moderation ?? .before
        let text: String
        do {
            text = try VoteRules.writeInText(raw, maxLength: frozen.writeInMaxLength ?? 0, what: "idea")
        } catch .invalidChoices(let why) {
            return .failure(.invalid(why))
        } catch {
            return .failure(.invalid("\(error)"))
        }
        let key = WriteInKey(text)
        // Frozen options carry the first language's label only; the file's options are matched in
        // every language, so "Mörkt läge" is the "Dark mode" already there.
        let fileOption = file?.options.first { option in
            option.label.translations.contains { WriteInKey($0.text) == key }
        }
        if let existing = fileOption?.id ?? frozen.options.first(where: { WriteInKey($0.label) == key })?.id {
            return .failure(.duplicate(id: existing, status: nil))
        }
        let status: Idea.Status = moderation == .before ? .pending : .underReview
        let outcome: Store.Suggested
        do {
            // Under `ideaLock` with the in-memory update, so a status change beside it cannot
            // drop the new idea from the options or list it twice.
            outcome = try ideaLock.withLock {
                let outcome = try store.suggest(
                    runtime.id, key: key.description, text: text, voter: pseudonym, status: status.rawValue,
                    at: now.milliseconds, limit: Self.suggestionsPerVoter)
                if case .added(let stored) = outcome, Idea(stored).status.isPublic {
                    state.withLock { $0.ballots[reference]?.ideas.append(Idea(stored)) }
                    invalidateLive(reference)
                }
                return outcome
            }
        } catch {
            return .failure(.storage("\(error)"))
        }
        switch outcome {
        case .added(let stored):
            return .success(Idea(stored))
        case .duplicate(let stored):
            let idea = Idea(stored)
            return .failure(.duplicate(id: idea.id, status: idea.status))
        case .limitReached(let limit):
            return .failure(.limitReached(limit))
        }
    }
}
