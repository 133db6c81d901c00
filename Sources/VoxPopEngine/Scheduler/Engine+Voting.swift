import Foundation
import VoxPopFoundation
import VoxPopStore

extension Engine {
    /// A vote on disk: its receipt and the instant it was accepted.
    public struct AcceptedVote: Sendable, Equatable {
        public var receipt: String
        public var acceptedAt: Date
    }

    /// Takes a vote: checks the voter (an invite code against the campaign's codes), the ballot's
    /// state and rules, queues it for the writer, and calls `completion` with the receipt once it
    /// is on disk, or with the refusal. Never blocks: the writer answers later, from its thread.
    public func cast(
        campaign: String, ballot: String, voter: Voter, vote: Vote,
        completion: @escaping @Sendable (Result<AcceptedVote, VoteRefusal>) -> Void
    ) {
        // The keyed hashes are pure work: done before taking the lock every voter shares.
        let pseudonym = key.pseudonym(campaign: campaign, voter: voter.identity)
        let invite = voter.inviteCode.map { inviteHash(campaign: campaign, code: $0) }
        let reference = Reference(campaign: campaign, ballot: ballot)
        let now = clock.now
        let outcome: Result<VoteRequest, VoteRefusal> = state.withLock { state in
            guard state.campaigns[campaign] != nil else { return .failure(.unknownCampaign) }
            guard let runtime = state.ballots[reference] else { return .failure(.unknownBallot) }
            if let invite, !(state.invites[campaign]?.contains(invite) ?? false) {
                return .failure(.notInvited)
            }
            // At or after the close instant the ballot is closed, even before the scheduler has run.
            guard runtime.state == .open, let frozen = runtime.voting,
                state.closeDue(reference).map({ now < $0 }) ?? true
            else { return .failure(.ballotNotOpen) }
            let checked: Vote
            do throws(VoteRefusal) {
                checked = try VoteRules.check(vote, against: frozen, closed: runtime.closedOptions)
            } catch {
                return .failure(error)
            }
            guard state.flood.admit(ballot: runtime.id, voter: pseudonym, now: now.timeIntervalSince1970) else {
                return .failure(.tooManyVotes)
            }
            let request = VoteRequest(
                ballotID: runtime.id, campaign: campaign, ballot: ballot, voter: pseudonym, vote: checked.text,
                acceptedAt: now.milliseconds, replace: frozen.revote == "replace")
            // Queued under the lock, so a close that takes the lock next finds this vote queued.
            store.submit(request) { outcome in
                switch outcome {
                case .accepted(let receipt): completion(.success(AcceptedVote(receipt: receipt, acceptedAt: now)))
                case .alreadyVoted(let receipt): completion(.failure(.alreadyVoted(receipt: receipt)))
                case .failed(let message): completion(.failure(.storage(message)))
                case .closed: completion(.failure(.ballotNotOpen))
                }
            }
            return .success(request)
        }
        if case .failure(let refusal) = outcome { completion(.failure(refusal)) }
    }

    /// `cast`, waiting for the outcome: the receipt, or the refusal.
    public func vote(campaign: String, ballot: String, voter: Voter, vote: Vote) -> Result<String, VoteRefusal> {
        let outcome = Handoff<Result<String, VoteRefusal>>()
        cast(campaign: campaign, ballot: ballot, voter: voter, vote: vote) { outcome.put($0.map(\.receipt)) }
        return outcome.take()
    }

    /// Whether a receipt's vote counts: true, false (replaced since), or nil (no such receipt).
    public func receiptCounts(campaign: String, ballot: String, receipt: String) throws -> Bool? {
        guard let id = runtimeOf(Reference(campaign: campaign, ballot: ballot))?.id else { return nil }
        return try store.receiptCounts(id, receipt: receipt)
    }
}
