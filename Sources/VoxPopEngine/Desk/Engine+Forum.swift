import Foundation
import VoxPopCampaigns
import VoxPopFoundation
import VoxPopStore

/// An idea forum run like one: every public idea (the file's options too) has a status,
/// `declined` among them; ideas merge into others; operators post official replies.
extension Engine {
    /// A forum as voters see it: its own options and its public suggested ideas, with what
    /// operators set on them, and the options that take no more points (declined, merged away).
    struct Forum {
        var fileIdeas: [Idea]
        var ideas: [Idea]
        var closed: Set<String>
    }

    static func forum(_ ballotID: Int64, options: [FrozenBallot.Option], store: any VoteStore) throws -> Forum {
        let notes = try store.ideaNotes(ballotID)
        let fileIdeas = options.map { Idea(id: $0.id, text: $0.label, status: .underReview).noted(notes[$0.id]) }
        let ideas = try store.ideas(ballotID).map(Idea.init).filter(\.status.isPublic).map { $0.noted(notes[$0.id]) }
        let closed = (fileIdeas + ideas).filter { !$0.isOpen }.map(\.id)
        return Forum(fileIdeas: fileIdeas, ideas: ideas, closed: Set(closed))
    }

    /// A forum's ideas: the file's options first, then suggested ones oldest first; the public
    /// ones (from memory), or (`all`, for operators, from the store) every one. Nil for an
    /// unknown ballot.
    public func ideas(campaign: String, ballot: String, all: Bool) throws -> [Idea]? {
        let reference = Reference(campaign: campaign, ballot: ballot)
        guard let runtime = runtimeOf(reference) else { return nil }
        guard all else { return runtime.fileIdeas + runtime.ideas }
        let notes = try store.ideaNotes(runtime.id)
        let suggested = try store.ideas(runtime.id).map(Idea.init).map { $0.noted(notes[$0.id]) }
        return runtime.fileIdeas + suggested
    }

    /// An operator moves an idea (a suggested one, or one of the file's options) to `status`.
    /// Refused for a ballot that takes no ideas, an unknown idea, a public idea sent back to
    /// pending or rejected (votes may name it), or an idea made public once the ballot is closed.
    public func setIdeaStatus(
        campaign: String, ballot: String, id: String, status: Idea.Status, by operatorName: String = "operator"
    ) throws -> Idea {
        let reference = Reference(campaign: campaign, ballot: ballot)
        let runtime = try forum(reference)
        return try ideaLock.withLock {
            let before = try idea(id, runtime: runtime, reference: reference)
            if before.status.isPublic, !status.isPublic {
                throw EngineError(
                    .ideaIsPublic,
                    "\(id) is public (\(before.status.rawValue)) and votes may name it; it can move to under-review, planned, done or declined"
                )
            }
            if !before.status.isPublic, status.isPublic, runtime.state >= .closed {
                throw EngineError(
                    .wrongState, "\(campaign)/\(ballot) is \(runtime.state.rawValue); no idea can become public now")
            }
            if let number = Idea.number(id) {
                _ = try store.setIdeaStatus(runtime.id, id: number, status: status.rawValue)
            } else {
                var note = try store.ideaNotes(runtime.id)[id] ?? Store.IdeaNote()
                note.status = status.rawValue
                try store.setIdeaNote(runtime.id, option: id, note)
            }
            try refreshIdeas(reference, runtime)
            try record(operatorName, "status", campaign, ballot, "\(id) \(before.status.rawValue) → \(status.rawValue)")
            var after = before
            after.status = status
            return after
        }
    }

    /// Merges an idea into another: its points count for the other (a voter's points together
    /// stay within the budget they were given in), it takes no more, and it points to the other.
    public func mergeIdea(
        campaign: String, ballot: String, id: String, into target: String, by operatorName: String = "operator"
    ) throws -> Idea {
        let reference = Reference(campaign: campaign, ballot: ballot)
        let runtime = try forum(reference)
        guard runtime.state < .published else {
            throw EngineError(.wrongState, "\(campaign)/\(ballot) is published; its count is final")
        }
        return try ideaLock.withLock {
            var merged = try idea(id, runtime: runtime, reference: reference)
            let into = try idea(target, runtime: runtime, reference: reference)
            guard id != target else { throw EngineError(.refused, "an idea cannot be merged into itself") }
            guard merged.status.isPublic, into.isOpen else {
                throw EngineError(
                    .refused, "both ideas must be public, and \(target) open for points, to merge \(id) into it")
            }
            var note = try store.ideaNotes(runtime.id)[id] ?? Store.IdeaNote()
            note.mergedInto = target
            try store.setIdeaNote(runtime.id, option: id, note)
            try refreshIdeas(reference, runtime)
            try recountIfCounted(reference, runtime)
            try record(operatorName, "merge", campaign, ballot, "idea \(id) into \(target)")
            merged.mergedInto = target
            return merged
        }
    }

    /// Posts (or, with nil, removes) the operators' official reply to an idea.
    public func replyToIdea(
        campaign: String, ballot: String, id: String, text: String?, by operatorName: String = "operator"
    ) throws -> Idea {
        let reference = Reference(campaign: campaign, ballot: ballot)
        let runtime = try forum(reference)
        let reply = text?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let reply {
            guard !reply.isEmpty, reply.unicodeScalars.count <= 2000,
                PlainText.isPlain(reply, newlines: true)
            else {
                throw EngineError(
                    .refused, "a reply is 1 to 2,000 characters with no control or text-direction characters")
            }
        }
        return try ideaLock.withLock {
            var idea = try idea(id, runtime: runtime, reference: reference)
            var note = try store.ideaNotes(runtime.id)[id] ?? Store.IdeaNote()
            // One reading of the clock: the answer shows the instant stored, not a later one.
            let repliedAt = reply == nil ? nil : clock.now.milliseconds
            note.reply = reply
            note.repliedAt = repliedAt
            try store.setIdeaNote(runtime.id, option: id, note)
            // Voters' pages (and the file's ideas everywhere) read the running ballot's copy.
            try refreshIdeas(reference, runtime)
            try record(
                operatorName, "reply", campaign, ballot,
                reply.map { "to \(id): \($0.prefix(200))" } ?? "removed from \(id)")
            idea.reply = reply
            idea.repliedAt = repliedAt.map { Date(timeIntervalSince1970: Double($0) / 1000) }
            return idea
        }
    }

    /// The runtime of a ballot that takes ideas, or the refusal.
    private func forum(_ reference: Reference) throws -> Runtime {
        let runtime = try known(reference)
        let takesIdeas =
            runtime.frozen?.takesIdeas ?? self.campaign(reference.campaign)?.ballot(reference.ballot)?.takesIdeas
            ?? false
        guard takesIdeas else {
            throw EngineError(.refused, "\(reference.campaign)/\(reference.ballot) takes no ideas")
        }
        return runtime
    }

    private func idea(_ id: String, runtime: Runtime, reference: Reference) throws -> Idea {
        guard
            let idea = try ideas(campaign: reference.campaign, ballot: reference.ballot, all: true)?
                .first(where: { $0.id == id })
        else { throw EngineError(.unknownItem, "\(reference.campaign)/\(reference.ballot) has no idea \(id)") }
        return idea
    }

    /// Takes the store's ideas and notes into the running ballot.
    private func refreshIdeas(_ reference: Reference, _ runtime: Runtime) throws {
        guard let definition = self.campaign(reference.campaign)?.ballot(reference.ballot) else { return }
        let forum = try Self.forum(
            runtime.id, options: runtime.frozen?.options ?? FrozenBallot.options(of: definition), store: store)
        state.withLock {
            $0.ballots[reference]?.ideas = forum.ideas
            $0.ballots[reference]?.fileIdeas = forum.fileIdeas
            $0.ballots[reference]?.closedOptions = forum.closed
        }
        invalidateLive(reference)
    }
}
