import Foundation
import VoxPopCampaigns
import VoxPopStore

extension Engine {
    /// Opens the database at `database` (created on first use) with its voter key (from
    /// `VOXPOP_VOTER_KEY` in `environment`, else the key file beside the database, created on first
    /// start) and starts an engine on it: what `voxpop serve` runs. Throws with what to do when
    /// the database cannot open or holds votes written under another key.
    public static func open(
        database: String, campaigns: [Campaign], environment: [String: String], clock: any Clock,
        publishDirectory: URL
    ) throws -> Engine {
        let key = try VoteStores.key(for: database, environment: environment)
        let store = try VoteStores.open(database, key: key)
        do {
            return try Engine(
                campaigns: campaigns, store: store, clock: clock, publisher: Publisher(directory: publishDirectory),
                key: key)
        } catch {
            store.close()
            throw error
        }
    }

    /// Stops the store's writer after it has committed and flushed every queued vote.
    public func close() { store.close() }
}
