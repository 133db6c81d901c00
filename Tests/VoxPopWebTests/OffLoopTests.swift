import Foundation
import Testing
import VoxPopEngine
import VoxPopFoundation
import VoxPopHTTP
import VoxPopTestSupport

/// Nothing that reads the store or counts runs on an event loop: with one loop, a live ballot of
/// 30,000 votes and clients polling its results, the operator tally and the console, a
/// `/healthz` on the same loop still answers at once.
@Suite struct OffLoopTests {
    @Test func resultsTallyAndConsoleDoNotStallTheLoop() throws {
        let api = try APIHarness(at: "2027-05-01T10:00Z", loops: 1)
        let engine = api.engine
        let colours = ["red", "blue", "green", "yellow"]
        let group = DispatchGroup()
        for voter in 0..<30_000 {
            group.enter()
            engine.cast(
                campaign: "quick-poll", ballot: "colour", voter: .open("v\(voter)"),
                vote: .choices([colours[voter % 4]])
            ) { _ in group.leave() }
        }
        group.wait()
        let live = try api.send("GET", "/v1/campaigns/quick-poll/ballots/colour/results")
        #expect(live.json["votes"] as? Int == 30_000, "the live ballot holds the votes")

        // Pollers keep the workers busy counting for the whole measurement.
        let stop = Locked(false)
        let polled = Locked(0)
        let port = api.port
        let targets = [
            ("/v1/campaigns/quick-poll/ballots/colour/results", [String: String]()),
            ("/c/quick-poll/colour/results", [:]),
            (
                "/v1/admin/campaigns/quick-poll/ballots/colour/write-ins",
                ["Authorization": "Bearer \(APIHarness.operatorKey)"]
            ),
        ]
        for poller in 0..<3 {
            group.enter()
            Thread {
                defer { group.leave() }
                guard let client = try? TestClient(port: port) else { return }
                let (target, headers) = targets[poller]
                while !stop.withLock({ $0 }) {
                    _ = client.request("GET", target, headers: headers)
                    polled.withLock { $0 += 1 }
                }
            }.start()
        }
        while polled.withLock({ $0 }) < 3 { usleep(1000) }
        let client = try api.client()
        var waits: [Double] = []
        for _ in 0..<200 {
            let started = ContinuousClock.now
            #expect(client.request("GET", "/healthz").status == 200)
            let elapsed = ContinuousClock.now - started
            waits.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
        }
        stop.withLock { $0 = true }
        group.wait()
        let median = waits.sorted()[waits.count / 2]
        #expect(polled.withLock { $0 } > 3, "the pollers were answered meanwhile")
        #expect(median < 5, "a /healthz waited \(median) ms (median) beside the counting")
    }
}
