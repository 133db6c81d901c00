import Foundation
import VoxPopFoundation

/// The invite codes each console mint form produced, by its session and the form's batch id, for
/// 15 minutes: a reload of the answer (the browser posts the form again) shows the same codes
/// instead of minting a second batch. Only in memory, and only for the session that minted them.
final class MintedBatches: Sendable {
    static let lifetime: TimeInterval = 15 * 60
    private let batches = Locked<[String: (at: Date, codes: [String])]>([:])

    /// The batch's codes: those minted before for `key` within the lifetime, else `mint()`'s,
    /// kept under `key`. Mints under the lock, so a double post mints once.
    func codes(for key: String, now: Date, mint: () throws -> [String]) throws -> [String] {
        try batches.withLock { batches in
            batches = batches.filter { now.timeIntervalSince($0.value.at) < Self.lifetime }
            if let kept = batches[key] { return kept.codes }
            let codes = try mint()
            batches[key] = (now, codes)
            return codes
        }
    }
}
