import VoxPopEngine
import VoxPopHTTP

/// `GET /c/{campaign}/{ballot}/results`: the live count of an open ballot that shows one, or the
/// published results, in the reader's language (`ResultsLanguage.pick`: `?lang=`, then
/// `Accept-Language`, then the campaign's first language).
extension WebApp {
    func resultsPage(_ request: WebRequest) throws -> HTTPResponse {
        let (campaign, ballot) = (request[0], request[1])
        let language = ResultsLanguage.pick(
            query: request.query.first("lang"), acceptLanguage: request.http.header("Accept-Language"),
            campaign: engine.campaign(campaign))
        guard var page = try engine.resultsHTML(campaign: campaign, ballot: ballot, language: language) else {
            guard let state = engine.state(campaign: campaign, ballot: ballot) else { throw unknown(campaign, ballot) }
            throw Problem(
                .resultsNotPublished, "\(campaign)/\(ballot) is \(state.rawValue); its results are shown once published"
            )
        }
        // A shared link previews with its address and the brand's picture, which need the origin.
        let summary = "<meta name=\"twitter:card\" content=\"summary\">"
        if let model = engine.campaign(campaign), let card = page.range(of: summary) {
            let place = previewPlace(
                model,
                path: "/c/\(FormData.encode(campaign))/\(FormData.encode(ballot))/results?lang=\(language.rawValue)",
                title: language.text(model.title), request)
            page.replaceSubrange(card, with: place.contains("og:image") ? place : place + summary)
        }
        return html(
            200, page, headers: [("Content-Language", language.rawValue), ("Vary", "Accept-Language")],
            resultsStyle: PublicationHTML.styleHash(of: page) ?? "'none'")
    }
}
