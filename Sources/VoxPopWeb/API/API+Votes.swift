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

/// A vote's body: exactly one of `choices`, `points` or `writeIn`, and an optional `invite`.
struct VoteBody {
    var vote: Vote
    var invite: String?

    init(_ bytes: [UInt8]) throws(Problem) {
        guard !bytes.isEmpty else {
            throw Problem(.malformedBody, #"send a JSON body such as {"choices": ["option-id"]}"#)
        }
        let node: JSONNode
        do {
            node = try JSONReader.parse(bytes)
        } catch {
            throw Problem(.malformedBody, "the body is not valid JSON: \(error.message)")
        }
        guard case .object(let members) = node.value else {
            throw Problem(.malformedBody, "the body must be a JSON object")
        }
        var votes: [Vote] = []
        for member in members {
            switch (member.key, member.value.value) {
            case ("choices", .array(let items)):
                var choices: [String] = []
                for item in items {
                    guard case .string(let id) = item.value else {
                        throw Problem(.malformedBody, "choices must be a list of option ids (strings)")
                    }
                    choices.append(id)
                }
                votes.append(.choices(choices))
            case ("points", .object(let entries)):
                var points: [String: Int] = [:]
                for entry in entries {
                    // A JSON number, however written: `3.0` and `3e0` are the whole number 3.
                    guard case .number(let value, _) = entry.value.value, let whole = Int(exactly: value) else {
                        throw Problem(.malformedBody, "points must be whole numbers, as {\"option-id\": 3}")
                    }
                    points[entry.key] = whole
                }
                votes.append(.points(points))
            case ("writeIn", .string(let text)): votes.append(.writeIn(text))
            case ("invite", .string(let code)): invite = code
            case ("choices", _), ("points", _), ("writeIn", _), ("invite", _):
                throw Problem(.malformedBody, "\(member.key) has the wrong type (\(member.value.typeName))")
            default:
                throw Problem(.malformedBody, "unknown key \(member.key); a vote has choices, points or writeIn")
            }
        }
        guard votes.count == 1 else {
            throw Problem(.malformedBody, "a vote has exactly one of choices, points or writeIn")
        }
        vote = votes[0]
    }
}
