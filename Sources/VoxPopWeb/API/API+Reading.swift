import Foundation
import VoxPopCampaigns
import VoxPopEngine
import VoxPopFoundation
import VoxPopHTTP

/// The public reading side of the JSON API: campaigns, results, receipts, metrics.
extension WebApp {
    func metricsText() -> HTTPResponse {
        HTTPResponse(
            status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8",
            body: metrics.text(openBallots: engine.openBallots))
    }

    /// `GET /v1/campaigns`: each campaign with its ballots' states and instants.
    func campaignList() -> String {
        JSONText.object([
            (
                "campaigns",
                JSONText.array(
                    engine.campaignIDs.compactMap { id in
                        guard let campaign = engine.campaign(id), let views = engine.ballotViews(campaign: id) else {
                            return nil
                        }
                        return JSONText.object([
                            ("id", JSONText.string(id)), ("title", JSONText.localized(campaign.title)),
                            ("identity", JSONText.string(campaign.audience.identityName)),
                            ("ballots", JSONText.array(views.map { ballotJSON($0, withOptions: false) })),
                        ])
                    })
            )
        ])
    }

    /// `GET /v1/campaigns/{campaign}`: its public definition and each ballot with its options.
    func campaignDetail(_ id: String) throws -> String {
        guard let campaign = engine.campaign(id), let views = engine.ballotViews(campaign: id) else {
            throw Problem(.unknownCampaign, "no campaign \(id)")
        }
        return JSONText.object([
            ("id", JSONText.string(id)), ("title", JSONText.localized(campaign.title)),
            ("description", JSONText.localized(campaign.description)),
            ("timeZone", JSONText.string(campaign.timeZone)),
            ("identity", JSONText.string(campaign.audience.identityName)),
            ("ballots", JSONText.array(views.map { ballotJSON($0, withOptions: true) })),
        ])
    }

    func ballotJSON(_ view: Engine.BallotView, withOptions: Bool) -> String {
        let ballot = view.definition
        var members: [(String, String?)] = [
            ("id", JSONText.string(ballot.id)), ("state", JSONText.string(view.state.rawValue)),
            ("opens", JSONText.instant(view.opens)), ("closes", JSONText.instant(view.closes)),
        ]
        if case .after(let other)? = ballot.opens, view.opens == nil {
            members.append(("opensAfter", JSONText.string(other)))
        }
        if case .after(let other)? = ballot.closes, view.closes == nil {
            members.append(("closesAfter", JSONText.string(other)))
        }
        guard withOptions else { return JSONText.object(members) }
        let fileOptions = Dictionary(ballot.options.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let ideas = Dictionary(view.ideas.map { ($0.id, $0.status) }, uniquingKeysWith: { first, _ in first })
        members += [
            ("question", JSONText.localized(ballot.question)), ("description", JSONText.localized(ballot.description)),
            ("method", JSONText.string(ballot.method.rawValue)), ("seats", "\(ballot.seats)"),
            ("maxChoices", ballot.maxChoices.map { "\($0)" }), ("budget", ballot.budget.map { "\($0)" }),
            ("maxScore", ballot.maxScore.map { "\($0)" }), ("shortlist", ballot.shortlist.map { "\($0)" }),
            ("revote", JSONText.string(ballot.revote.rawValue)), ("results", JSONText.string(view.results)),
            (
                "writeIns",
                ballot.writeIns.map {
                    JSONText.object([
                        ("maxLength", "\($0.maxLength)"), ("moderation", JSONText.string($0.moderation.rawValue)),
                    ])
                }
            ),
            (
                "options",
                JSONText.array(
                    view.options.map { option in
                        let file = fileOptions[option.id]
                        return JSONText.object([
                            ("id", JSONText.string(option.id)),
                            ("label", file.map { JSONText.localized($0.label) } ?? JSONText.string(option.label)),
                            ("description", JSONText.localized(file?.description)),
                            ("status", ideas[option.id].map { JSONText.string($0.rawValue) }),
                            (
                                "media",
                                file?.media.map {
                                    JSONText.object([
                                        ("kind", JSONText.string($0.kind.rawValue)), ("url", JSONText.string($0.url)),
                                        ("alt", JSONText.localized($0.alt)),
                                    ])
                                }
                            ),
                        ])
                    })
            ),
        ]
        return JSONText.object(members)
    }

    /// `GET .../results`: the published tally, or the live count of an open ballot that shows one.
    func results(_ campaign: String, _ ballot: String) throws -> String {
        guard let state = engine.state(campaign: campaign, ballot: ballot) else { throw unknown(campaign, ballot) }
        if state == .published, let tally = try engine.tally(campaign: campaign, ballot: ballot) { return tally }
        if state == .open, let live = try engine.liveTally(campaign: campaign, ballot: ballot) { return live }
        throw Problem(
            .resultsNotPublished, "\(campaign)/\(ballot) is \(state.rawValue); its results are shown once published")
    }

    /// `GET .../receipts/{receipt}`: whether the vote behind a receipt counts.
    func receipt(_ campaign: String, _ ballot: String, _ receipt: String) throws -> String {
        guard engine.state(campaign: campaign, ballot: ballot) != nil else { throw unknown(campaign, ballot) }
        guard let counts = try engine.receiptCounts(campaign: campaign, ballot: ballot, receipt: receipt) else {
            throw Problem(.unknownReceipt, "\(campaign)/\(ballot) gave no receipt \(receipt)")
        }
        return JSONText.object([
            ("receipt", JSONText.string(receipt)), ("ballot", JSONText.string(ballot)),
            ("counted", counts ? "true" : "false"),
        ])
    }

    /// The problem for a campaign or ballot that does not exist, naming which.
    func unknown(_ campaign: String, _ ballot: String) -> Problem {
        engine.campaign(campaign) == nil
            ? Problem(.unknownCampaign, "no campaign \(campaign)")
            : Problem(.unknownBallot, "campaign \(campaign) has no ballot \(ballot)")
    }
}

extension JSONText {
    /// A text as the campaign file gave it: a string, or an object of language to string.
    static func localized(_ text: LocalizedText?) -> String? {
        guard let text else { return nil }
        if text.translations.count == 1, text.translations[0].language.isEmpty {
            return string(text.translations[0].text)
        }
        return object(text.translations.map { ($0.language, string($0.text)) })
    }
}
