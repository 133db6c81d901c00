import Foundation
import VoxPopCampaigns
import VoxPopEngine
import VoxPopFoundation

extension WebApp {
    /// `POST .../votes`: identity, then the ballot's rules, then the writer; answers 201 once the
    /// vote is on disk.
    func vote(_ request: WebRequest, respond: @escaping Router.Respond) {
        let (id, ballot) = (request[0], request[1])
        let metrics = self.metrics
        let refuse: @Sendable (Problem) -> Void = { problem in
            metrics.voteRefused(problem.type)
            respond(problem.response)
        }
        guard let campaign = engine.campaign(id) else {
            return refuse(Problem(.unknownCampaign, "no campaign \(id)"))
        }
        guard campaign.ballot(ballot) != nil else {
            return refuse(Problem(.unknownBallot, "campaign \(id) has no ballot \(ballot)"))
        }
        let body: VoteBody
        do {
            body = try VoteBody(request.body)
        } catch {
            return refuse(error)
        }
        cast(body.vote, ballot: ballot, campaign: campaign, Credentials(request: request.http, bodyInvite: body.invite))
        { result in
            switch result {
            case .success(let accepted):
                respond(
                    .json(
                        #"{"receipt":"\#(accepted.receipt)","ballot":\#(JSONText.string(ballot)),"acceptedAt":"\#(JSONText.iso(milliseconds: accepted.acceptedAt.milliseconds))"}"#,
                        status: 201))
            case .failure(let problem): respond(problem.response)
            }
        }
    }

    typealias Credentials = VoterIdentity.Credentials

    /// The one vote path behind the JSON API and the voting page's form: the sender's identity,
    /// then the engine (the ballot's rules, the writer); `completion` runs once the vote is on
    /// disk, or with the problem. Counts the outcome in the metrics and the console's rates.
    func cast(
        _ vote: Vote, ballot: String, campaign: Campaign, _ credentials: Credentials,
        completion: @escaping @Sendable (Result<Engine.AcceptedVote, Problem>) -> Void
    ) {
        let metrics = self.metrics
        let rates = self.rates
        let refuse: @Sendable (Problem) -> Void = { problem in
            metrics.voteRefused(problem.type)
            completion(.failure(problem))
        }
        let voter: Voter
        switch identity.voter(credentials, campaign: campaign, now: clock.now) {
        case .success(let found): voter = found
        case .failure(let refusal): return refuse(Problem(refusal))
        }
        let id = campaign.id
        let (identity, clock) = (self.identity, self.clock)
        engine.cast(campaign: id, ballot: ballot, voter: voter, vote: vote) { outcome in
            switch outcome {
            case .success(let accepted):
                metrics.voteAccepted()
                rates.record(campaign: id, ballot: ballot, at: accepted.acceptedAt)
                completion(.success(accepted))
            case .failure(let refusal):
                if refusal == .notInvited { identity.inviteRefused(from: credentials.peer, now: clock.now) }
                if case .storage(let why) = refusal {
                    printLog("voxpop: a vote on \(id)/\(ballot) was not stored: \(why)")
                }
                refuse(Problem(refusal, campaign: id, ballot: ballot))
            }
        }
    }
}
