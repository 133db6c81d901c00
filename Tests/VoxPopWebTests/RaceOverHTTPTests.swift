import Foundation
import Testing
import VoxPopEngine
import VoxPopFoundation
import VoxPopTestSupport

/// Exactly-once over HTTP: one voter on many connections at once.
@Suite struct RaceOverHTTPTests {
    @Test func oneVoterOnManyConnectionsAtOnceIsCountedOnce() throws {
        let api = try APIHarness(at: "2027-01-12T12:00Z")
        let connections = 32
        for round in 0..<4 {
            let headers = api.token("airline-summer", voter: "racer-\(round)", secretOf: "AIRLINE_VOTER_SECRET")
            // Connected first, so the votes leave together; each thread uses only its own client.
            let clients = UncheckedClients(try (0..<connections).map { _ in try api.client() })
            let answers = Locked<[(status: Int, receipt: String?, type: String?)]>([])
            concurrently(connections) { index in
                let (status, text) = clients.list[index].request(
                    "POST", "/v1/campaigns/airline-summer/ballots/nominations/votes", headers: headers,
                    body: #"{"writeIn": "Place \#(index)"}"#)
                let json = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
                answers.withLock { $0.append((status, json["receipt"] as? String, problemType(json))) }
            }
            let all = answers.withLock { $0 }
            #expect(all.filter { $0.status == 201 }.count == 1, "round \(round): \(all.map(\.status))")
            // The rest are told the vote stands, or (past the flood limit) to wait.
            let stands = all.filter { $0.status == 409 && $0.type == "already-voted" }.count
            let waits = all.filter { $0.status == 429 && $0.type == "rate-limited" }.count
            #expect(stands + waits == connections - 1)
            #expect(stands >= Engine.floodLimit.votes - 1)
            #expect(Set(all.compactMap(\.receipt)).count == 1, "every answer names the one stored vote")
        }
        try api.at("2027-01-19T12:00Z")
        let tally = try #require(try api.engine.tally(campaign: "airline-summer", ballot: "nominations"))
        #expect(tally.contains(#""votes":4"#), "\(tally)")
    }
}

/// Test clients handed to racing threads, one each: never shared, so unchecked is sound here.
private final class UncheckedClients: @unchecked Sendable {
    let list: [TestClient]
    init(_ list: [TestClient]) { self.list = list }
}
