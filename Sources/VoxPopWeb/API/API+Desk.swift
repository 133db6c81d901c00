import Foundation
import VoxPopEngine
import VoxPopFoundation
import VoxPopHTTP

/// The operator desk's API (SPEC "Operator desk"): write-in review, invites, the log, ideas run
/// like a forum. Every handler runs on a worker behind `authorizeOperator`.
extension WebApp {
    // MARK: Write-ins

    /// `GET .../write-ins?q=&page=&per=`: a page of groups by merged total, with suggestions.
    func writeInsJSON(_ campaign: String, _ ballot: String, query: FormData) throws -> String {
        let page = try Self.number(query.first("page"), "page", in: 1...1_000_000) ?? 1
        let perPage = try Self.number(query.first("per"), "per", in: 1...500) ?? 50
        let review = try engine.writeInReview(
            campaign: campaign, ballot: ballot, search: query.first("q"), page: page, perPage: perPage)
        return Self.reviewJSON(review)
    }

    static func reviewJSON(_ review: Engine.WriteInReview) -> String {
        JSONText.object([
            ("writeIns", JSONText.array(review.groups.map(groupJSON))),
            ("matching", "\(review.matching)"), ("page", "\(review.page)"), ("pages", "\(review.pages)"),
            (
                "suggestions",
                JSONText.array(
                    review.suggestions.map {
                        JSONText.object([
                            ("id", JSONText.string($0.id)), ("ids", JSONText.array($0.ids.map(JSONText.string))),
                            ("into", JSONText.string($0.into)),
                        ])
                    })
            ),
            (
                "options",
                JSONText.array(
                    review.options.map {
                        JSONText.object([("id", JSONText.string($0.id)), ("label", JSONText.string($0.label))])
                    })
            ),
        ])
    }

    private static func groupJSON(_ group: Engine.WriteInGroup) -> String {
        JSONText.object([
            ("id", JSONText.string(group.id)), ("label", JSONText.string(group.label)),
            ("labelledByOperator", group.labelledByOperator ? "true" : "false"),
            ("count", "\(group.count)"), ("total", "\(group.total)"),
            (
                "spellings",
                JSONText.array(
                    group.spellings.map {
                        JSONText.object([("text", JSONText.string($0.text)), ("count", "\($0.count)")])
                    }
                )
            ),
            ("decision", group.decision.map { JSONText.string($0.action) }),
            ("into", group.decision?.into.map(JSONText.string)),
            ("mergedInto", group.mergedInto.map(JSONText.string)),
            ("alias", group.alias.map(JSONText.string)),
        ])
    }

    /// `POST .../write-ins`: `{"id" | "ids", "action": approve | reject | merge | label | dismiss,
    /// "into", "label"}`. Answers the first page of the review as it now stands.
    func moderate(_ campaign: String, _ ballot: String, _ body: [UInt8], by name: String) throws -> String {
        let members = try JSONBody(
            body, example: #"{"ids": ["nyc", "new york city"], "action": "merge", "into": "new york"}"#)
        let action = try members.string("action")
        let ids: [String]
        if members.value("ids") != nil {
            guard members.value("id") == nil else { throw Problem(.malformedBody, "give \"id\" or \"ids\", not both") }
            ids = try members.strings("ids")
            guard (1...10_000).contains(ids.count) else {
                throw Problem(.malformedBody, "\"ids\" names 1 to 10,000 write-in groups")
            }
        } else {
            ids = [try members.string("id")]
        }
        guard ids.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 400 }) else {
            throw Problem(.malformedBody, "each id is a non-empty string of at most 400 bytes")
        }
        switch action {
        case "approve", "reject", "merge":
            let into = try members.optionalString("into")
            try members.refuseOthers(["id", "ids", "action", "into"])
            if action == "merge", into?.isEmpty ?? true {
                throw Problem(.malformedBody, "a merge needs \"into\": an existing write-in group or option")
            }
            try engine.decideWriteIns(
                campaign: campaign, ballot: ballot, ids: ids, action: action, into: action == "merge" ? into : nil,
                by: name)
        case "label":
            let label = members.isNull("label") ? nil : try members.string("label")
            try members.refuseOthers(["id", "ids", "action", "label"])
            for id in ids {
                try engine.labelWriteIn(campaign: campaign, ballot: ballot, id: id, label: label, by: name)
            }
        case "dismiss":
            try members.refuseOthers(["id", "ids", "action"])
            for id in ids { try engine.dismissSuggestion(campaign: campaign, ballot: ballot, id: id, by: name) }
        default:
            throw Problem(.malformedBody, "action must be approve, reject, merge, label or dismiss")
        }
        return Self.reviewJSON(try engine.writeInReview(campaign: campaign, ballot: ballot))
    }

    // MARK: Invites

    /// `POST .../invites`: `{"count": N}` mints codes (201, with personal links); `{"codes":
    /// [...]}` loads codes made elsewhere.
    func invites(_ campaign: String, _ body: [UInt8], by name: String) throws -> HTTPResponse {
        let members = try JSONBody(body, example: #"{"count": 300}"#)
        if let count = try members.integer("count", in: 1...10_000) {
            try members.refuseOthers(["count"])
            let codes = try engine.mintInvites(campaign: campaign, count: count, by: name)
            return .json(
                JSONText.object([
                    ("campaign", JSONText.string(campaign)), ("codes", JSONText.array(codes.map(JSONText.string))),
                    ("links", JSONText.array(codes.map { JSONText.string(Self.inviteLink(campaign, $0)) })),
                ]), status: 201)
        }
        let codes = try members.strings("codes")
        try members.refuseOthers(["codes"])
        guard codes.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 200 }) else {
            throw Problem(.malformedBody, "each code must be a non-empty string of at most 200 bytes")
        }
        let added = try engine.addInvites(campaign: campaign, codes: codes, by: name)
        return .json(
            JSONText.object([
                ("campaign", JSONText.string(campaign)), ("received", "\(codes.count)"), ("added", "\(added)"),
            ]))
    }

    /// A code's personal link: the campaign's page with the code filled in.
    static func inviteLink(_ campaign: String, _ code: String) -> String {
        "/c/" + FormData.encode(campaign) + "?invite=" + FormData.encode(code)
    }

    /// `GET .../invites`: `{"total", "used", "revoked"}`.
    func inviteCounts(_ campaign: String) throws -> String {
        let counts = try engine.inviteCounts(campaign: campaign)
        return JSONText.object([
            ("campaign", JSONText.string(campaign)), ("total", "\(counts.total)"), ("used", "\(counts.used)"),
            ("revoked", "\(counts.revoked)"),
        ])
    }

    /// `POST .../invites/revoke` with `{"codes": [...]}`: what became of each.
    func revokeInvites(_ campaign: String, _ body: [UInt8], by name: String) throws -> String {
        let members = try JSONBody(body, example: #"{"codes": ["7KQ2M-..."]}"#)
        let codes = try members.strings("codes")
        try members.refuseOthers(["codes"])
        guard (1...10_000).contains(codes.count), codes.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 200 }) else {
            throw Problem(.malformedBody, "give 1 to 10,000 codes, each a non-empty string of at most 200 bytes")
        }
        let outcomes = try engine.revokeInvites(campaign: campaign, codes: codes, by: name)
        func list(_ outcome: Engine.Revocation) -> String {
            JSONText.array(outcomes.filter { $0.outcome == outcome }.map { JSONText.string($0.code) })
        }
        return JSONText.object([
            ("campaign", JSONText.string(campaign)), ("revoked", list(.revoked)), ("used", list(.used)),
            ("unknown", list(.unknown)),
        ])
    }

    // MARK: The log

    /// `GET /v1/admin/log?before=CURSOR&limit=N&campaign=&ballot=`: newest first.
    func logJSON(query: FormData) throws -> String {
        let before = try query.first("before").map { text throws(Problem) -> Int64 in
            guard let seq = Int64(text), seq > 0 else {
                throw Problem(.malformedQuery, "before must be the \"next\" of an earlier answer")
            }
            return seq
        }
        let limit = try Self.number(query.first("limit"), "limit", in: 1...500) ?? 50
        let entries = try engine.operatorLog(
            before: before, limit: limit + 1, campaign: query.first("campaign"), ballot: query.first("ballot"))
        let page = entries.prefix(limit)
        return JSONText.object([
            (
                "entries",
                JSONText.array(
                    page.map { entry in
                        JSONText.object([
                            ("at", JSONText.instant(entry.at)), ("actor", JSONText.string(entry.actor)),
                            ("action", JSONText.string(entry.action)),
                            ("campaign", entry.campaign.map(JSONText.string) ?? "null"),
                            ("ballot", entry.ballot.map(JSONText.string) ?? "null"),
                            ("detail", JSONText.string(entry.detail)),
                        ])
                    })
            ),
            ("next", entries.count > limit ? JSONText.string(String(page.last!.seq)) : "null"),
        ])
    }

    // MARK: Ideas

    /// `POST /v1/admin/.../ideas`: `{"id", "status"}`, `{"id", "action": "merge", "into"}` or
    /// `{"id", "action": "reply", "text"}` (`"text": null` removes the reply).
    func changeIdea(_ campaign: String, _ ballot: String, _ body: [UInt8], by name: String) throws -> String {
        let members = try JSONBody(body, example: #"{"id": "idea-3", "status": "planned"}"#)
        let id = try members.string("id")
        let idea: Idea
        switch try members.optionalString("action") {
        case nil, "status"?:
            let statusName = try members.string("status")
            try members.refuseOthers(["id", "action", "status"])
            guard let status = Idea.Status(rawValue: statusName) else {
                throw Problem(
                    .malformedBody,
                    "status must be one of " + Idea.Status.allCases.map(\.rawValue).joined(separator: ", "))
            }
            idea = try engine.setIdeaStatus(campaign: campaign, ballot: ballot, id: id, status: status, by: name)
        case "merge"?:
            let into = try members.string("into")
            try members.refuseOthers(["id", "action", "into"])
            idea = try engine.mergeIdea(campaign: campaign, ballot: ballot, id: id, into: into, by: name)
        case "reply"?:
            let text = members.isNull("text") ? nil : try members.string("text")
            try members.refuseOthers(["id", "action", "text"])
            idea = try engine.replyToIdea(campaign: campaign, ballot: ballot, id: id, text: text, by: name)
        case let other?:
            throw Problem(.malformedBody, "action must be status, merge or reply, not \"\(other)\"")
        }
        return Self.ideaJSON(idea)
    }

    /// A query's whole number in `range`, or nil when absent.
    static func number(_ text: String?, _ name: String, in range: ClosedRange<Int>) throws(Problem) -> Int? {
        guard let text else { return nil }
        guard text.utf8.count <= 9, let value = Int(text), range.contains(value) else {
            throw Problem(
                .malformedQuery, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }
}
