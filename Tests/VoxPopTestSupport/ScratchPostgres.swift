import Foundation
import VoxPopStore

/// A database of its own on the test server (`VOXPOP_TEST_POSTGRES`, which `tools/postgres run`
/// sets), for a test that runs the `voxpop` binary on PostgreSQL; dropped by `drop()`.
public struct ScratchPostgres: Sendable {
    public let url: String
    private let server: String
    private let name: String

    /// Whether a test server was given; the tests that need one are skipped without it.
    public static var isAvailable: Bool { ProcessInfo.processInfo.environment["VOXPOP_TEST_POSTGRES"] != nil }

    struct Unavailable: Error, CustomStringConvertible {
        var description: String { "VOXPOP_TEST_POSTGRES is not set; run the test under tools/postgres run" }
    }

    public init() throws {
        guard let server = ProcessInfo.processInfo.environment["VOXPOP_TEST_POSTGRES"] else {
            throw Unavailable()
        }
        self.server = server
        name = "voxpop_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try PostgresConnection(url: server).execute("CREATE DATABASE \(name)")
        url = EngineHarness.url(server, database: name)
    }

    public func drop() {
        try? PostgresConnection(url: server).execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }
}
