import Foundation
import VoxPopCampaigns
import VoxPopEngine
import VoxPopFoundation
import VoxPopHTTP

extension WebApp {
    /// `POST .../ideas` (on a worker: it waits for its commit): the sender's identity as for a
    /// vote, then the idea is stored and answered 201 with its id and status.
    func suggestIdea(_ request: WebRequest) throws -> HTTPResponse {
        let (id, ballot) = (request[0], request[1])
        guard let campaign = engine.campaign(id) else { throw Problem(.unknownCampaign, "no campaign \(id)") }
        let body = try SuggestionBody(request.body)
        let idea = try suggest(
            body.text, ballot: ballot, campaign: campaign,
            Credentials(request: request.http, bodyInvite: body.invite)
        ).get()
        return .json(Self.ideaJSON(idea), status: 201)
    }

    /// The one suggestion path behind the JSON API and the voting page's form. Waits for the
    /// store: call it on a worker.
    func suggest(_ text: String, ballot: String, campaign: Campaign, _ credentials: Credentials) -> Result<
        Idea, Problem
    > {
        switch identity.voter(credentials, campaign: campaign, now: clock.now) {
        case .failure(let refusal): .failure(Problem(refusal))
        case .success(let voter):
            engine.suggest(campaign: campaign.id, ballot: ballot, voter: voter, text: text).mapError {
                if $0 == .notInvited { identity.inviteRefused(from: credentials.peer, now: clock.now) }
                if case .storage(let why) = $0 {
                    printLog("voxpop: an idea on \(campaign.id)/\(ballot) was not stored: \(why)")
                }
                return Problem($0, campaign: campaign.id, ballot: ballot)
            }
        }
    }

    /// `GET .../ideas`: the public ideas, with their statuses (`all`, for operators: every one).
    func ideasJSON(_ campaign: String, _ ballot: String, all: Bool) throws -> String {
        guard let ideas = try engine.ideas(campaign: campaign, ballot: ballot, all: all) else {
            throw unknown(campaign, ballot)
        }
        return JSONText.object([("ideas", JSONText.array(ideas.map(Self.ideaJSON)))])
    }

    static func ideaJSON(_ idea: Idea) -> String {
        JSONText.object([
            ("id", JSONText.string(idea.id)), ("text", JSONText.string(idea.text)),
            ("status", JSONText.string(idea.status.rawValue)), ("open", idea.isOpen ? "true" : "false"),
            ("suggestedAt", JSONText.instant(idea.suggestedAt) ?? "null"),
            ("mergedInto", idea.mergedInto.map(JSONText.string) ?? "null"),
            ("reply", idea.reply.map(JSONText.string) ?? "null"),
            ("repliedAt", JSONText.instant(idea.repliedAt) ?? "null"),
        ])
    }
}

/// A suggestion's body: `text`, and an optional `invite`.
struct SuggestionBody {
    var text: String
    var invite: String?

    init(_ bytes: [UInt8]) throws(Problem) {
        let members = try JSONBody(bytes, example: #"{"text": "Dark mode"}"#)
        guard let text = try members.optionalString("text") else {
            throw Problem(.malformedBody, #"a suggestion needs "text", as in {"text": "Dark mode"}"#)
        }
        self.text = text
        invite = try members.optionalString("invite")
        try members.refuseOthers(["text", "invite"])
    }
}
