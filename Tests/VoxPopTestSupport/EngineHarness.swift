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

    /// The database: an SQLite file in the scratch directory, or, when the suite runs against
    /// PostgreSQL (`EngineHarness.postgres`), a database of its own on that server.
    public let databasePath: String

    /// The server the suite runs against instead of SQLite: `VOXPOP_TEST_STORE=postgres` with
    /// `VOXPOP_TEST_POSTGRES` (the URL `tools/postgres run` sets). Tests that open the SQLite file
    /// itself run on SQLite only.
    public static let postgres: String? = {
        let environment = ProcessInfo.processInfo.environment
        guard environment["VOXPOP_TEST_STORE"] == "postgres" else { return nil }
        return environment["VOXPOP_TEST_POSTGRES"]
    }()
    public static var onPostgres: Bool { postgres != nil }
    public var publishDirectory: URL { directory.appendingPathComponent("published") }

    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    public init(campaignFiles: [String], at start: String) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("voxpop-engine-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if let server = Self.postgres {
            let name = "voxpop_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            try PostgresConnection(url: server).execute("CREATE DATABASE \(name)")
            databasePath = Self.url(server, database: name)
        } else {
            databasePath = directory.appendingPathComponent("voxpop.sqlite").path
        }
        clock = ManualClock(Self.instant(start))
        let loaded = CampaignLoader.load(
            paths: campaignFiles.map { Self.repository.appendingPathComponent("Campaigns/\($0)").path })
        precondition(loaded.problems.isEmpty, "\(loaded.problems)")
        campaigns = loaded.campaigns.map(\.campaign)
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
        if let server = Self.postgres, let name = databasePath.split(separator: "/").last {
            try? PostgresConnection(url: server).execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        }
    }

    /// `server` with its database name replaced by `database`.
    public static func url(_ server: String, database: String) -> String {
        let query = server.firstIndex(of: "?").map { String(server[$0...]) } ?? ""
        let base = server.firstIndex(of: "?").map { String(server[..<$0]) } ?? server
        let authority = base.range(of: "://").map { base[$0.upperBound...] } ?? base[...]
        let path = authority.firstIndex(of: "/").map { base[..<$0] } ?? base[...]
        return path + "/" + database + query
    }

    /// The running engine, started fresh on the same files if there is none.
    public var engine: Engine {
        if let running { return running.engine }
        let store: any VoteStore =
            Self.onPostgres
            ? try! PostgresStore(url: databasePath, key: key)
            : try! SQLiteStore(path: databasePath, key: key, synchronous: synchronous)
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

    /// Runs SQL on the database behind the engine's back (the audit tests' tampering): the
    /// statements used are the same in SQLite and PostgreSQL.
    public func tamper(_ sql: String) throws {
        if Self.onPostgres {
            try PostgresConnection(url: databasePath).execute(sql)
        } else {
            try Connection(path: databasePath).execute(sql)
        }
    }

    /// The first column of the first row of `sql`, as a number.
    public func tamperedInteger(_ sql: String) throws -> Int64? {
        if Self.onPostgres { return try PostgresConnection(url: databasePath).query(sql).integer(0, 0) }
        return try Connection(path: databasePath).integer(sql)
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
