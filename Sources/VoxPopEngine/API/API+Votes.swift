import Foundation
import VoxPopCampaigns
import VoxPopHTTP

extension API {
    /// `POST .../votes`: identity, then the ballot's rules, then the writer; answers 201 once the
    /// vote is on disk.
    func vote(
        _ request: HTTPRequest, campaign id: String, ballot: String,
        respond: @escaping @Sendable (HTTPResponse) -> Void
    ) {
        let metrics = self.metrics
        let refuse: @Sendable (Problem) -> Void = { problem in
            metrics.voteRefused(problem.type)
            respond(problem.response)
        }
        guard let campaign = engine.campaign(id) else {
            return refuse(Problem(404, "unknown-campaign", "no campaign \(id)"))
        }
        guard campaign.ballot(ballot) != nil else {
            return refuse(Problem(404, "unknown-ballot", "campaign \(id) has no ballot \(ballot)"))
        }
        let body: VoteBody
        do {
            body = try VoteBody(request.body)
        } catch {
            return refuse(error)
        }
        cast(body.vote, ballot: ballot, campaign: campaign, Credentials(request: request, bodyInvite: body.invite)) {
            result in
            switch result {
            case .success(let accepted):
                respond(
                    HTTPResponse(
                        status: 201, contentType: "application/json",
                        body:
                            #"{"receipt":"\#(accepted.receipt)","ballot":\#(JSONText.string(ballot)),"acceptedAt":"\#(JSONText.iso(milliseconds: accepted.acceptedAt.milliseconds))"}"#
                    ))
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
        let voter: String
        switch identify(credentials, campaign: campaign) {
        case .success(let name): voter = name
        case .failure(let problem): return refuse(problem)
        }
        let id = campaign.id
        engine.cast(campaign: id, ballot: ballot, voter: voter, vote: vote) { outcome in
            switch outcome {
            case .success(let accepted):
                metrics.voteAccepted()
                rates.record(campaign: id, ballot: ballot, at: accepted.acceptedAt)
                completion(.success(accepted))
            case .failure(let refusal):
                refuse(Self.problem(refusal, campaign: id, ballot: ballot))
            }
        }
    }

    /// Who sent a vote or a suggestion, or the problem with their credentials.
    func identify(_ credentials: Credentials, campaign: Campaign) -> Result<String, Problem> {
        switch identity.voter(credentials, campaign: campaign, now: clock.now) {
        case .success(let name): .success(name)
        case .failure(.missing(let why)): .failure(Problem(401, "missing-credential", why))
        case .failure(.invalid(let why)): .failure(Problem(401, "bad-credential", why))
        case .failure(.notEligible(let why)): .failure(Problem(403, "not-eligible", why))
        case .failure(.rateLimited):
            .failure(Problem(429, "rate-limited", "too many requests from \(credentials.peer); wait a moment"))
        case .failure(.notConfigured(let why)): .failure(Problem(503, "campaign-not-configured", why))
        }
    }

    static func problem(_ refusal: VoteRefusal, campaign: String, ballot: String) -> Problem {
        switch refusal {
        case .unknownCampaign: Problem(404, "unknown-campaign", "no campaign \(campaign)")
        case .unknownBallot: Problem(404, "unknown-ballot", "campaign \(campaign) has no ballot \(ballot)")
        case .ballotNotOpen: Problem(409, "ballot-not-open", "\(campaign)/\(ballot) is not open for votes")
        case .unknownOption(let option): Problem(404, "unknown-option", "\(ballot) has no option \(option)")
        case .invalidChoices(let why): Problem(422, "invalid-choices", why)
        case .alreadyVoted(let receipt):
            Problem(
                409, "already-voted", "this voter has voted on \(campaign)/\(ballot) already; the first vote stands",
                receipt: receipt)
        case .storage(let why): Problem(503, "vote-not-stored", "the vote could not be stored: \(why)")
        }
    }
}

/// A vote's body: exactly one of `choices`, `points` or `writeIn`, and an optional `invite`.
struct VoteBody {
    var vote: Vote
    var invite: String?

    init(_ bytes: [UInt8]) throws(Problem) {
        guard !bytes.isEmpty else {
            throw Problem(400, "malformed-body", #"send a JSON body such as {"choices": ["option-id"]}"#)
        }
        let node: JSONNode
        do {
            node = try JSONReader.parse(bytes)
        } catch {
            throw Problem(400, "malformed-body", "the body is not valid JSON: \(error.message)")
        }
        guard case .object(let members) = node.value else {
            throw Problem(400, "malformed-body", "the body must be a JSON object")
        }
        var votes: [Vote] = []
        for member in members {
            switch (member.key, member.value.value) {
            case ("choices", .array(let items)):
                var choices: [String] = []
                for item in items {
                    guard case .string(let id) = item.value else {
                        throw Problem(400, "malformed-body", "choices must be a list of option ids (strings)")
                    }
                    choices.append(id)
                }
                votes.append(.choices(choices))
            case ("points", .object(let entries)):
                var points: [String: Int] = [:]
                for entry in entries {
                    guard case .number(let value, true) = entry.value.value, let whole = Int(exactly: value) else {
                        throw Problem(400, "malformed-body", "points must be whole numbers, as {\"option-id\": 3}")
                    }
                    points[entry.key] = whole
                }
                votes.append(.points(points))
            case ("writeIn", .string(let text)): votes.append(.writeIn(text))
            case ("invite", .string(let code)): invite = code
            case ("choices", _), ("points", _), ("writeIn", _), ("invite", _):
                throw Problem(400, "malformed-body", "\(member.key) has the wrong type (\(member.value.typeName))")
            default:
                throw Problem(400, "malformed-body", "unknown key \(member.key); a vote has choices, points or writeIn")
            }
        }
        guard votes.count == 1 else {
            throw Problem(400, "malformed-body", "a vote has exactly one of choices, points or writeIn")
        }
        vote = votes[0]
    }
}
