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

    /// A ballot's ideas, oldest first: the public ones (kept in memory as options), or (`all`,
    /// for operators) every one, from the database. Nil for an unknown ballot.
    public func ideas(campaign: String, ballot: String, all: Bool) throws -> [Idea]? {
        guard let runtime = runtimeOf(Reference(campaign: campaign, ballot: ballot)) else { return nil }
        return all ? try store.ideas(runtime.id).map(Idea.init) : runtime.ideas
    }

    /// An operator moves an idea to `status`. Refused for a ballot that takes no ideas, an unknown
    /// idea, or a public idea sent back to pending or rejected (votes may name it).
    public func setIdeaStatus(campaign: String, ballot: String, id: String, status: Idea.Status) throws -> Idea {
        let reference = Reference(campaign: campaign, ballot: ballot)
        let runtime = try known(reference)
        let takesIdeas =
            runtime.frozen?.takesIdeas ?? self.campaign(campaign)?.ballot(ballot)?.takesIdeas ?? false
        guard takesIdeas else { throw EngineError(.refused, "\(campaign)/\(ballot) takes no ideas") }
        // Under `ideaLock`, so two changes (or a change and a suggestion) cannot interleave
        // between reading the ideas and setting the options.
        return try ideaLock.withLock {
            guard let number = Idea.number(id),
                let current = try store.ideas(runtime.id).first(where: { $0.id == number })
            else { throw EngineError(.unknownItem, "\(campaign)/\(ballot) has no idea \(id)") }
            let before = Idea(current)
            // Once the ballot is closed its count is final: no new option may join it.
            if !before.status.isPublic, status.isPublic, runtime.state >= .closed {
                throw EngineError(
                    .wrongState, "\(campaign)/\(ballot) is \(runtime.state.rawValue); no idea can become public now")
            }
            if before.status.isPublic && !status.isPublic {
                throw EngineError(
                    .ideaIsPublic,
                    "\(id) is public (\(before.status.rawValue)) and votes may name it; it can move to under-review, planned or done"
                )
            }
            _ = try store.setIdeaStatus(runtime.id, id: number, status: status.rawValue)
            let publicIdeas = try store.ideas(runtime.id).map(Idea.init).filter(\.status.isPublic)
            state.withLock { $0.ballots[reference]?.ideas = publicIdeas }
            invalidateLive(reference)
            var after = before
            after.status = status
            return after
        }
    }
}
