import Foundation

/// Counters for `/metrics`, in the Prometheus text exposition format 0.0.4.
final class Metrics: @unchecked Sendable {
    // @unchecked: every field only under `lock`.
    /// Upper bounds (seconds) of the request-duration histogram's buckets.
    static let bounds = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

    private let lock = NSLock()
    private var accepted = 0
    private var refused: [String: Int] = [:]
    private var buckets = [Int](repeating: 0, count: bounds.count + 1)
    private var durationSum = 0.0
    private var requests: [Int: Int] = [:]

    func voteAccepted() { lock.withLock { accepted += 1 } }

    func voteRefused(_ reason: ProblemType) { lock.withLock { refused[reason.rawValue, default: 0] += 1 } }

    func request(status: Int, seconds: Double) {
        let bucket = Self.bounds.firstIndex { seconds <= $0 } ?? Self.bounds.count
        lock.withLock {
            buckets[bucket] += 1
            durationSum += seconds
            requests[status, default: 0] += 1
        }
    }

    func text(openBallots: Int) -> String {
        lock.lock()
        defer { lock.unlock() }
        var out = """
            # HELP voxpop_votes_accepted_total Votes accepted and on disk.
            # TYPE voxpop_votes_accepted_total counter
            voxpop_votes_accepted_total \(accepted)
            # HELP voxpop_votes_refused_total Votes refused, by reason (the problem type).
            # TYPE voxpop_votes_refused_total counter

            """
        for (reason, count) in refused.sorted(by: { $0.key < $1.key }) {
            out += "voxpop_votes_refused_total{reason=\"\(reason)\"} \(count)\n"
        }
        out += """
            # HELP voxpop_http_requests_total HTTP requests answered, by status.
            # TYPE voxpop_http_requests_total counter

            """
        for (status, count) in requests.sorted(by: { $0.key < $1.key }) {
            out += "voxpop_http_requests_total{status=\"\(status)\"} \(count)\n"
        }
        out += """
            # HELP voxpop_http_request_duration_seconds Time from a request's parse to its answer.
            # TYPE voxpop_http_request_duration_seconds histogram

            """
        var cumulative = 0
        for (index, bound) in Self.bounds.enumerated() {
            cumulative += buckets[index]
            out += "voxpop_http_request_duration_seconds_bucket{le=\"\(bound)\"} \(cumulative)\n"
        }
        cumulative += buckets[Self.bounds.count]
        out += "voxpop_http_request_duration_seconds_bucket{le=\"+Inf\"} \(cumulative)\n"
        out += "voxpop_http_request_duration_seconds_sum \(durationSum)\n"
        out += "voxpop_http_request_duration_seconds_count \(cumulative)\n"
        out += """
            # HELP voxpop_open_ballots Ballots open now.
            # TYPE voxpop_open_ballots gauge
            voxpop_open_ballots \(openBallots)

            """
        return out
    }
}
