import Foundation
import VoxPopFoundation
import VoxPopHTTP

/// `/v1/admin/...`: off (404) without `VOXPOP_OPERATOR_KEY`, 401 without the right key. Every
/// handler runs on a worker: a close counts every vote of the ballot.
extension WebApp {
    /// The operator whose key a request carries as `Authorization: Bearer`.
    @discardableResult
    func authorizeOperator(_ request: WebRequest) throws(Problem) -> String {
        guard !operators.isEmpty else {
            throw Problem(.notFound, "the operator API is off: set VOXPOP_OPERATOR_KEY or VOXPOP_OPERATOR_KEYS")
        }
        let presented = request.http.header("Authorization").flatMap { value -> [UInt8]? in
            let bytes = value.utf8
            guard bytes.count > 7, HTTPRequest.equalIgnoringASCIICase(bytes.prefix(7), "bearer ".utf8) else {
                return nil
            }
            return Array(bytes.dropFirst(7))
        }
        guard let presented, let name = operators.name(forKey: presented) else {
            throw Problem(.badOperatorKey, "send the operator key as Authorization: Bearer <key>")
        }
        return name
    }

    func close(_ campaign: String, _ ballot: String) throws -> String {
        try engine.closeNow(campaign: campaign, ballot: ballot)
        return stateJSON(campaign, ballot)
    }

    func publish(_ campaign: String, _ ballot: String) throws -> String {
        try engine.publish(campaign: campaign, ballot: ballot)
        return stateJSON(campaign, ballot)
    }

    func operatorTally(_ campaign: String, _ ballot: String) throws -> String {
        guard let state = engine.state(campaign: campaign, ballot: ballot) else { throw unknown(campaign, ballot) }
        guard let tally = try engine.tally(campaign: campaign, ballot: ballot) else {
            throw Problem(.notTallied, "\(campaign)/\(ballot) is \(state.rawValue); not counted yet")
        }
        return tally
    }

    private func stateJSON(_ campaign: String, _ ballot: String) -> String {
        JSONText.object([
            ("campaign", JSONText.string(campaign)), ("ballot", JSONText.string(ballot)),
            ("state", engine.state(campaign: campaign, ballot: ballot).map { JSONText.string($0.rawValue) }),
        ])
    }

    func writeInsJSON(_ campaign: String, _ ballot: String) throws -> String {
        guard let groups = try engine.writeIns(campaign: campaign, ballot: ballot) else {
            throw unknown(campaign, ballot)
        }
        return JSONText.object([
            (
                "writeIns",
                JSONText.array(
                    groups.map { group in
                        JSONText.object([
                            ("id", JSONText.string(group.id)), ("count", "\(group.count)"),
                            (
                                "spellings",
                                JSONText.array(
                                    group.spellings.map {
                                        JSONText.object([("text", JSONText.string($0.text)), ("count", "\($0.count)")])
                                    })
                            ),
                            ("decision", group.decision.map { JSONText.string($0.action) }),
                            ("into", group.decision?.into.map(JSONText.string)),
                        ])
                    })
            )
        ])
    }

    /// `POST .../write-ins`: `{"id": ..., "action": "approve" | "reject" | "merge", "into": ...}`.
    func moderate(_ campaign: String, _ ballot: String, _ body: [UInt8]) throws -> String {
        let members = try JSONBody(body, example: #"{"id": "gothenburg", "action": "merge", "into": "Göteborg"}"#)
        let id = try members.string("id")
        let action = try members.string("action")
        guard ["approve", "reject", "merge"].contains(action) else {
            throw Problem(.malformedBody, "action must be approve, reject or merge")
        }
        let into = try members.optionalString("into")
        try members.refuseOthers(["id", "action", "into"])
        if action == "merge", into?.isEmpty ?? true {
            throw Problem(.malformedBody, "a merge needs \"into\": the text it is merged into")
        }
        try engine.decideWriteIn(
            campaign: campaign, ballot: ballot, id: id, action: action, into: action == "merge" ? into : nil)
        return try writeInsJSON(campaign, ballot)
    }

    /// `POST .../invites` with `{"codes": [...]}`: loads an invite campaign's codes.
    func addInvites(_ campaign: String, _ body: [UInt8]) throws -> String {
        let members = try JSONBody(body, example: #"{"codes": ["code", ...]}"#)
        let codes = try members.strings("codes")
        try members.refuseOthers(["codes"])
        guard codes.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 200 }) else {
            throw Problem(.malformedBody, "each code must be a non-empty string of at most 200 bytes")
        }
        let added = try engine.addInvites(campaign: campaign, codes: codes)
        return JSONText.object([
            ("campaign", JSONText.string(campaign)), ("received", "\(codes.count)"), ("added", "\(added)"),
        ])
    }

    /// `POST /v1/admin/reload`: the campaign files again; refused changes are reported, not made.
    func reload() throws -> String {
        let loaded = loadCampaigns()
        guard loaded.problems.isEmpty else {
            throw Problem(
                .invalidCampaigns, "the campaign files have problems; nothing was reloaded",
                extra: [("problems", JSONText.array(loaded.problems.map { JSONText.string($0.description) }))])
        }
        let campaigns = loaded.campaigns.map(\.campaign)
        let refused = try engine.reload(campaigns)
        let warnings = identity.update(campaigns, environment: environment)
        return JSONText.object([
            ("campaigns", "\(campaigns.count)"), ("refused", JSONText.array(refused.map(JSONText.string))),
            ("warnings", JSONText.array(warnings.map(JSONText.string))),
        ])
    }
}
