import Foundation
import VoxPopFoundation
import VoxPopStore

extension Engine {
    /// The actor of steps the scheduler takes on time.
    public static let scheduler = "scheduler"

    /// Records an operator action or scheduler step: stored, and printed as a line of the
    /// server's log. A log that cannot be written fails the action's caller, never silently.
    func record(_ actor: String, _ action: String, _ campaign: String?, _ ballot: String?, _ detail: String) throws {
        let now = clock.now
        try store.log(
            at: now.milliseconds, actor: actor, action: action, campaign: campaign, ballot: ballot, detail: detail)
        let target = [campaign, ballot].compactMap { $0 }.joined(separator: "/")
        logLine("voxpop: \(actor) \(action)\(target.isEmpty ? "" : " " + target): \(detail)")
    }

    /// The log, newest first: `limit` entries before `seq` (from the newest when nil), for one
    /// ballot when `campaign` and `ballot` are given.
    public func operatorLog(before seq: Int64? = nil, limit: Int = 50, campaign: String? = nil, ballot: String? = nil)
        throws -> [OperatorLogEntry]
    {
        try store.logEntries(before: seq, limit: max(1, min(limit, 500)), campaign: campaign, ballot: ballot).map {
            OperatorLogEntry(
                seq: $0.seq, at: Date(timeIntervalSince1970: Double($0.at) / 1000), actor: $0.actor,
                action: $0.action, campaign: $0.campaign, ballot: $0.ballot, detail: $0.detail)
        }
    }
}
