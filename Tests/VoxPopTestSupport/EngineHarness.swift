import Foundation
import VoxPopCampaigns
import VoxPopEngine
import VoxPopStore

/// A scratch database and publish directory, and a way to start a fresh engine on them as a
/// restarted server would.
public final class EngineHarness {
    public let directory: URL
    public let clock: ManualClock
    public var campaigns: [Campaign]
    public let key = VoterKey(bytes: Array("engine test key".utf8))
    /// With `.normal` the writer answers each batch on its own thread, so a test can hold it.
    public var synchronous = SQLiteStore.Synchronous.full
    private var running: (engine: Engine, store: any VoteStore)?

    public var databasePath: String { directory.appendingPathComponent("voxpop.sqlite").path }
    public var publishDirectory: URL { directory.appendingPathComponent("published") }

    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    public init(campaignFiles: [String], at start: String) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("voxpop-engine-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        clock = ManualClock(Self.instant(start))
        let loaded = CampaignLoader.load(
            paths: campaignFiles.map { Self.repository.appendingPathComponent("Campaigns/\($0)").path })
        precondition(loaded.problems.isEmpty, "\(loaded.problems)")
        campaigns = loaded.campaigns.map(\.campaign)
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// The running engine, started fresh on the same files if there is none.
    public var engine: Engine {
        if let running { return running.engine }
        let store = try! SQLiteStore(path: databasePath, key: key, synchronous: synchronous)
        let engine = try! Engine(
            campaigns: campaigns, store: store, clock: clock, publisher: Publisher(directory: publishDirectory),
            key: key, logLine: { _ in })
        running = (engine, store)
        return engine
    }

    /// Stops the engine as a shutdown would (the writer commits what is queued).
    public func stop() {
        running?.store.close()
        running = nil
    }

    public func restart() {
        stop()
        _ = engine
    }

    public func at(_ text: String) { clock.set(Self.instant(text)) }

    public static func instant(_ text: String) -> Date { try! WallTime.parse(text).instant(in: .gmt)! }

    public func published(_ campaign: String, _ ballot: String, _ suffix: String) -> String? {
        try? String(
            contentsOf: publishDirectory.appendingPathComponent("\(campaign)/\(ballot).\(suffix)"), encoding: .utf8)
    }

    public func publishedJSON(_ campaign: String, _ ballot: String) -> [String: Any]? {
        published(campaign, ballot, "json").flatMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }
}
