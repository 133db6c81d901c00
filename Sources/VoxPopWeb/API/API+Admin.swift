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
        guard let presented else {
            throw Problem(.badOperatorKey, "send the operator key as Authorization: Bearer <key>")
        }
        switch operators.lookup(presented, from: request.peer, now: clock.now.timeIntervalSince1970) {
        case .found(let name): return name
        case .wrong:
            throw Problem(.badOperatorKey, "that is not an operator key; send it as Authorization: Bearer <key>")
        case .limited(let seconds):
            throw Problem(
                .rateLimited, "too many wrong operator keys from \(request.peer); try again in \(seconds) seconds",
                retryAfter: seconds)
        }
    }

    func close(_ campaign: String, _ ballot: String, by name: String) throws -> String {
        try engine.closeNow(campaign: campaign, ballot: ballot, by: name)
        return stateJSON(campaign, ballot)
    }

    func publish(_ campaign: String, _ ballot: String, by name: String) throws -> String {
        try engine.publish(campaign: campaign, ballot: ballot, by: name)
        return stateJSON(campaign, ballot)
    }

    /// `POST .../open`: a scheduled ballot opens now (a final waiting for its operator, or early).
    func open(_ campaign: String, _ ballot: String, by name: String) throws -> String {
        try engine.openNow(campaign: campaign, ballot: ballot, by: name)
        return stateJSON(campaign, ballot)
    }

    /// `GET .../tally`: the count now for an open ballot (`"preliminary": true`), the stored
    /// tally once counted.
    func operatorTally(_ campaign: String, _ ballot: String) throws -> String {
        guard let state = engine.state(campaign: campaign, ballot: ballot) else { throw unknown(campaign, ballot) }
        guard let tally = try engine.operatorTally(campaign: campaign, ballot: ballot) else {
            throw Problem(.notTallied, "\(campaign)/\(ballot) is \(state.rawValue); it has no votes to count yet")
        }
        return tally
    }

    func stateJSON(_ campaign: String, _ ballot: String) -> String {
        JSONText.object([
            ("campaign", JSONText.string(campaign)), ("ballot", JSONText.string(ballot)),
            ("state", engine.state(campaign: campaign, ballot: ballot).map { JSONText.string($0.rawValue) }),
        ])
    }

    /// `POST .../withdraw` with `{"options": [...]}`: counted as if they had never stood.
    func withdraw(_ campaign: String, _ ballot: String, _ body: [UInt8], by name: String) throws -> String {
        let members = try JSONBody(body, example: #"{"options": ["candidate-id"]}"#)
        let options = try members.strings("options")
        try members.refuseOthers(["options"])
        try engine.withdraw(campaign: campaign, ballot: ballot, options: options, by: name)
        return stateJSON(campaign, ballot)
    }

    /// `POST /v1/admin/reload`: the campaign files again; refused changes are reported, not made.
    func reload(by name: String, announced: Bool = true) throws -> String {
        let loaded = loadCampaigns()
        guard loaded.problems.isEmpty else {
            throw Problem(
                .invalidCampaigns, "the campaign files have problems; nothing was reloaded",
                extra: [("problems", JSONText.array(loaded.problems.map { JSONText.string($0.description) }))])
        }
        let campaigns = loaded.campaigns.map(\.campaign)
        let refused = try engine.reload(campaigns, by: name, announced: announced)
        let warnings = identity.update(campaigns, environment: environment)
        return JSONText.object([
            ("campaigns", "\(campaigns.count)"), ("refused", JSONText.array(refused.map(JSONText.string))),
            ("warnings", JSONText.array(warnings.map(JSONText.string))),
        ])
    }
}
