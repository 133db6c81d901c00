import Foundation
import VoxPopCampaigns
import VoxPopHTTP

extension API {
    /// `POST .../ideas`: the sender's identity as for a vote, then the idea is stored (off the
    /// event loop: it waits for its commit) and answered 201 with its id and status.
    func suggest(
        _ request: HTTPRequest, campaign id: String, ballot: String, respond: @escaping @Sendable (HTTPResponse) -> Void
    ) {
        guard let campaign = engine.campaign(id) else {
            return respond(Problem(404, "unknown-campaign", "no campaign \(id)").response)
        }
        let body: SuggestionBody
        do {
            body = try SuggestionBody(request.body)
        } catch {
            return respond(error.response)
        }
        suggest(body.text, ballot: ballot, campaign: campaign, Credentials(request: request, bodyInvite: body.invite)) {
            result in
            switch result {
            case .success(let idea): respond(self.json(201, Self.ideaJSON(idea)))
            case .failure(let problem): respond(problem.response)
            }
        }
    }

    /// The one suggestion path behind the JSON API and the voting page's form.
    func suggest(
        _ text: String, ballot: String, campaign: Campaign, _ credentials: Credentials,
        completion: @escaping @Sendable (Result<Idea, Problem>) -> Void
    ) {
        let voter: String
        switch identify(credentials, campaign: campaign) {
        case .success(let name): voter = name
        case .failure(let problem): return completion(.failure(problem))
        }
        let engine = self.engine
        DispatchQueue.global().async {
            completion(
                engine.suggest(campaign: campaign.id, ballot: ballot, voter: voter, text: text).mapError {
                    Self.problem($0, campaign: campaign.id, ballot: ballot)
                })
        }
    }

    /// `GET .../ideas`: the public ideas, with their statuses.
    func ideas(_ campaign: String, _ ballot: String, all: Bool) throws -> String {
        guard let ideas = try engine.ideas(campaign: campaign, ballot: ballot, all: all) else {
            throw unknown(campaign, ballot)
        }
        return JSONText.object([("ideas", JSONText.array(ideas.map(Self.ideaJSON)))])
    }

    /// `POST /v1/admin/.../ideas` with `{"id": "idea-3", "status": "planned"}`.
    func setIdeaStatus(_ campaign: String, _ ballot: String, _ body: [UInt8]) throws -> String {
        guard let node = try? JSONReader.parse(body), case .object(let members) = node.value,
            let idNode = members.first(where: { $0.key == "id" })?.value, case .string(let id) = idNode.value,
            let statusNode = members.first(where: { $0.key == "status" })?.value,
            case .string(let statusName) = statusNode.value
        else { throw Problem(400, "malformed-body", #"send {"id": "idea-3", "status": "planned"}"#) }
        guard let status = Idea.Status(rawValue: statusName) else {
            throw Problem(
                400, "malformed-body",
                "status must be one of " + Idea.Status.allCases.map(\.rawValue).joined(separator: ", "))
        }
        do {
            return Self.ideaJSON(try engine.setIdeaStatus(campaign: campaign, ballot: ballot, id: id, status: status))
        } catch let error as EngineError {
            switch error.kind {
            case .unknownBallot: throw unknown(campaign, ballot)
            case .conflict: throw Problem(409, "idea-is-public", error.description)
            case .failed: throw Problem(422, "refused", error.description)
            }
        }
    }

    static func ideaJSON(_ idea: Idea) -> String {
        JSONText.object([
            ("id", JSONText.string(idea.id)), ("text", JSONText.string(idea.text)),
            ("status", JSONText.string(idea.status.rawValue)),
            ("suggestedAt", JSONText.string(JSONText.iso(milliseconds: idea.suggestedAt.milliseconds))),
        ])
    }

    static func problem(_ refusal: SuggestionRefusal, campaign: String, ballot: String) -> Problem {
        switch refusal {
        case .unknownCampaign: Problem(404, "unknown-campaign", "no campaign \(campaign)")
        case .unknownBallot: Problem(404, "unknown-ballot", "campaign \(campaign) has no ballot \(ballot)")
        case .ballotNotOpen: Problem(409, "ballot-not-open", "\(campaign)/\(ballot) is not open for ideas")
        case .notTaken:
            Problem(
                422, "ideas-not-taken",
                "\(campaign)/\(ballot) takes no suggested ideas (only a points ballot with writeIns does)")
        case .invalid(let why): Problem(422, "invalid-idea", why)
        case .duplicate(let id, let status):
            Problem(
                409, "duplicate-idea",
                status == nil
                    ? "that idea is an option of \(ballot) already: \(id)"
                    : "that idea has been suggested already: \(id) (\(status!.rawValue))",
                extra: [
                    ("existing", JSONText.string(id)), ("existingStatus", status.map { JSONText.string($0.rawValue) }),
                ])
        case .limitReached(let limit):
            Problem(429, "too-many-ideas", "one voter may suggest at most \(limit) ideas on \(campaign)/\(ballot)")
        case .storage(let why): Problem(503, "idea-not-stored", "the idea could not be stored: \(why)")
        }
    }
}

/// A suggestion's body: `text`, and an optional `invite`.
struct SuggestionBody {
    var text: String
    var invite: String?

    init(_ bytes: [UInt8]) throws(Problem) {
        guard let node = try? JSONReader.parse(bytes), case .object(let members) = node.value else {
            throw Problem(400, "malformed-body", #"send a JSON object such as {"text": "Dark mode"}"#)
        }
        var text: String?
        for member in members {
            switch (member.key, member.value.value) {
            case ("text", .string(let value)): text = value
            case ("invite", .string(let code)): invite = code
            case ("text", _), ("invite", _):
                throw Problem(400, "malformed-body", "\(member.key) must be a string")
            default:
                throw Problem(400, "malformed-body", "unknown key \(member.key); a suggestion has text (and invite)")
            }
        }
        guard let text else { throw Problem(400, "malformed-body", #"a suggestion needs "text""#) }
        self.text = text
    }
}
