import Foundation
import VoxPopStore

extension Engine {
    /// Takes a vote: checks it against the ballot's state and rules, queues it for the writer, and
    /// calls `completion` with the receipt once it is on disk, or with the refusal.
    public func vote(
        campaign: String, ballot: String, voter: String, vote: Vote,
        completion: @escaping @Sendable (Result<String, VoteRefusal>) -> Void
    ) {
        cast(campaign: campaign, ballot: ballot, voter: voter, vote: vote) { completion($0.map(\.receipt)) }
    }

    /// A vote on disk: its receipt and the instant it was accepted.
    public struct AcceptedVote: Sendable, Equatable {
        public var receipt: String
        public var acceptedAt: Date
    }

    /// `vote`, answering with the instant of acceptance too.
    public func cast(
        campaign: String, ballot: String, voter: String, vote: Vote,
        completion: @escaping @Sendable (Result<AcceptedVote, VoteRefusal>) -> Void
    ) {
        // The keyed hash is pure work: done before taking the lock every voter shares.
        let pseudonym = key.pseudonym(campaign: campaign, voter: voter)
        stateLock.lock()
        let reference = Reference(campaign: campaign, ballot: ballot)
        guard campaigns[campaign] != nil else {
            stateLock.unlock()
            return completion(.failure(.unknownCampaign))
        }
        guard let runtime = ballots[reference] else {
            stateLock.unlock()
            return completion(.failure(.unknownBallot))
        }
        let now = clock.now
        // At or after the close instant the ballot is closed, even before the scheduler has run.
        guard runtime.state == .open, let frozen = runtime.voting, closeDue(reference).map({ now < $0 }) ?? true else {
            stateLock.unlock()
            return completion(.failure(.ballotNotOpen))
        }
        let checked: Vote
        do {
            checked = try VoteRules.check(vote, against: frozen)
        } catch {
            stateLock.unlock()
            return completion(.failure(error))
        }
        let request = VoteRequest(
            ballotID: runtime.id, campaign: campaign, ballot: ballot,
            voter: pseudonym,
            vote: checked.text, acceptedAt: now.milliseconds, replace: frozen.revote == "replace")
        // Queued under the lock, so a close that takes the lock next finds this vote in the queue.
        store.writer.submit(request) { outcome in
            switch outcome {
            case .accepted(let receipt): completion(.success(AcceptedVote(receipt: receipt, acceptedAt: now)))
            case .alreadyVoted(let receipt): completion(.failure(.alreadyVoted(receipt: receipt)))
            case .failed(let message): completion(.failure(.storage(message)))
            }
        }
        stateLock.unlock()
    }

    /// `vote`, waiting for the outcome.
    public func vote(campaign: String, ballot: String, voter: String, vote: Vote) -> Result<String, VoteRefusal> {
        let done = DispatchSemaphore(value: 0)
        let result = Box<Result<String, VoteRefusal>>(.failure(.storage("no answer")))
        self.vote(campaign: campaign, ballot: ballot, voter: voter, vote: vote) {
            result.value = $0
            done.signal()
        }
        done.wait()
        return result.value
    }

    /// Whether a receipt's vote counts: true, false (replaced since), or nil (no such receipt).
    public func receiptCounts(campaign: String, ballot: String, receipt: String) throws -> Bool? {
        guard let id = stateLock.withLock({ ballots[Reference(campaign: campaign, ballot: ballot)]?.id }) else {
            return nil
        }
        return try store.receiptCounts(id, receipt: receipt)
    }
}
