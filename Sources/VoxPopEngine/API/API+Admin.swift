import Foundation
import VoxPopCampaigns
import VoxPopHTTP

extension API {
    /// `/v1/admin/...`: off (404) without `VOXPOP_OPERATOR_KEY`, 401 without the right key.
    /// Runs off the event loop: a close counts every vote of the ballot.
    func admin(_ request: HTTPRequest, _ path: [String], respond: @escaping @Sendable (HTTPResponse) -> Void) {
        guard let operatorKey else {
            return respond(Problem(404, "not-found", "the operator API is off: set VOXPOP_OPERATOR_KEY").response)
        }
        let presented = request.header("Authorization").flatMap { value -> [UInt8]? in
            value.count > 7 && value.prefix(7).lowercased() == "bearer " ? Array(value.utf8.dropFirst(7)) : nil
        }
        guard let presented, constantTimeEqual(presented, operatorKey) else {
            return respond(
                Problem(401, "bad-operator-key", "send the operator key as Authorization: Bearer <key>").response)
        }
        DispatchQueue.global().async {
            respond(self.adminRoute(request, path))
        }
    }

    private func adminRoute(_ request: HTTPRequest, _ path: [String]) -> HTTPResponse {
        let method = request.method
        switch (method, path.count) {
        case ("POST", 1) where path[0] == "reload":
            return result { try reload() }
        case (_, 3) where path[0] == "campaigns" && path[2] == "invites":
            guard method == "POST" else { break }
            return result { try addInvites(path[1], request.body) }
        case (_, 5) where path[0] == "campaigns" && path[2] == "ballots":
            let (campaign, ballot) = (path[1], path[3])
            switch (method, path[4]) {
            case ("POST", "close"):
                return result {
                    try engineCall(campaign, ballot) { try engine.closeNow(campaign: campaign, ballot: ballot) }
                    return stateJSON(campaign, ballot)
                }
            case ("POST", "publish"):
                return result {
                    try engineCall(campaign, ballot) { try engine.publish(campaign: campaign, ballot: ballot) }
                    return stateJSON(campaign, ballot)
                }
            case ("GET", "tally"):
                return result {
                    guard let state = engine.state(campaign: campaign, ballot: ballot) else {
                        throw unknown(campaign, ballot)
                    }
                    guard let tally = try engine.tally(campaign: campaign, ballot: ballot) else {
                        throw Problem(409, "not-tallied", "\(campaign)/\(ballot) is \(state.rawValue); not counted yet")
                    }
                    return tally
                }
            case ("GET", "write-ins"):
                return result { try writeIns(campaign, ballot) }
            case ("POST", "write-ins"):
                return result {
                    try moderate(campaign, ballot, request.body)
                    return try writeIns(campaign, ballot)
                }
            case ("GET", "ideas"):
                return result { try ideas(campaign, ballot, all: true) }
            case ("POST", "ideas"):
                return result { try setIdeaStatus(campaign, ballot, request.body) }
            case (_, "close"), (_, "publish"), (_, "tally"), (_, "write-ins"), (_, "ideas"): break
            default: return Problem(404, "not-found", "no such operator resource").response
            }
        case (_, 1) where path[0] == "reload": break
        default: return Problem(404, "not-found", "no such operator resource").response
        }
        return Problem(405, "method-not-allowed", "\(method) is not allowed here").response
    }

    private func stateJSON(_ campaign: String, _ ballot: String) -> String {
        JSONText.object([
            ("campaign", JSONText.string(campaign)), ("ballot", JSONText.string(ballot)),
            ("state", engine.state(campaign: campaign, ballot: ballot).map { JSONText.string($0.rawValue) }),
        ])
    }

    /// Maps the engine's errors to problems: unknown ballot 404, wrong state 409.
    private func engineCall(_ campaign: String, _ ballot: String, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as EngineError {
            switch error.kind {
            case .unknownBallot: throw unknown(campaign, ballot)
            case .conflict: throw Problem(409, "wrong-state", error.description)
            case .failed: throw Problem(422, "refused", error.description)
            }
        }
    }

    private func writeIns(_ campaign: String, _ ballot: String) throws -> String {
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

    private func moderate(_ campaign: String, _ ballot: String, _ body: [UInt8]) throws {
        let members = try objectBody(body)
        guard let id = members["id"], !id.isEmpty else {
            throw Problem(400, "malformed-body", "give the write-in's id")
        }
        guard let action = members["action"], ["approve", "reject", "merge"].contains(action) else {
            throw Problem(400, "malformed-body", "action must be approve, reject or merge")
        }
        let into = members["into"]
        if action == "merge", into?.isEmpty ?? true {
            throw Problem(400, "malformed-body", "a merge needs \"into\": the text it is merged into")
        }
        try engineCall(campaign, ballot) {
            try engine.decideWriteIn(
                campaign: campaign, ballot: ballot, id: id, action: action, into: action == "merge" ? into : nil)
        }
    }

    /// A flat JSON object of strings.
    private func objectBody(_ body: [UInt8]) throws -> [String: String] {
        guard let node = try? JSONReader.parse(body), case .object(let members) = node.value else {
            throw Problem(400, "malformed-body", "the body must be a JSON object")
        }
        var result: [String: String] = [:]
        for member in members {
            guard case .string(let text) = member.value.value else {
                throw Problem(400, "malformed-body", "\(member.key) must be a string")
            }
            result[member.key] = text
        }
        return result
    }

    private func addInvites(_ campaign: String, _ body: [UInt8]) throws -> String {
        guard let definition = engine.campaign(campaign) else {
            throw Problem(404, "unknown-campaign", "no campaign \(campaign)")
        }
        guard definition.audience == .invite else {
            throw Problem(
                409, "not-an-invite-campaign",
                "campaign \(campaign) checks voters by \(definition.audience.identityName), not invites")
        }
        guard let node = try? JSONReader.parse(body), case .object(let members) = node.value,
            let codesNode = members.first(where: { $0.key == "codes" })?.value, case .array(let items) = codesNode.value
        else { throw Problem(400, "malformed-body", #"send {"codes": ["code", ...]}"#) }
        var hashes: [[UInt8]] = []
        for item in items {
            guard case .string(let code) = item.value, !code.isEmpty, code.utf8.count <= 200 else {
                throw Problem(400, "malformed-body", "each code must be a non-empty string of at most 200 bytes")
            }
            hashes.append(identity.inviteHash(campaign: campaign, code: code))
        }
        let added = try engine.store.addInvites(campaign: campaign, hashes: hashes)
        identity.addInvites(campaign: campaign, hashes: hashes)
        return JSONText.object([
            ("campaign", JSONText.string(campaign)), ("received", "\(items.count)"), ("added", "\(added)"),
        ])
    }

    private func reload() throws -> String {
        let loaded = loadCampaigns()
        guard loaded.problems.isEmpty else {
            throw Problem(
                422, "invalid-campaigns", "the campaign files have problems; nothing was reloaded",
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
