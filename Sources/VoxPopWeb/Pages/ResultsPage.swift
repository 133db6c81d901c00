import VoxPopEngine
import VoxPopHTTP

/// `GET /c/{campaign}/{ballot}/results`: the live count of an open ballot that shows one, or the
/// published results.
extension WebApp {
    func resultsPage(_ request: WebRequest) throws -> HTTPResponse {
        let (campaign, ballot) = (request[0], request[1])
        guard let page = try engine.resultsHTML(campaign: campaign, ballot: ballot) else {
            guard let state = engine.state(campaign: campaign, ballot: ballot) else { throw unknown(campaign, ballot) }
            throw Problem(
                .resultsNotPublished, "\(campaign)/\(ballot) is \(state.rawValue); its results are shown once published"
            )
        }
        return html(200, page, results: true)
    }
}
