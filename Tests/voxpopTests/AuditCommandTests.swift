import Foundation
import Testing
import VoxPopTestSupport

/// `voxpop audit` on either store: an SQLite file by its path (ServeCommandTests), a PostgreSQL
/// database by its URL, which is no file to look for.
@Suite struct AuditCommandTests {
    @Test(
        .enabled(
            if: ScratchPostgres.isAvailable,
            "needs a PostgreSQL server: tools/postgres run -- swift test --filter AuditCommandTests"))
    func auditsAPostgreSQLDatabaseByItsURL() throws {
        let database = try ScratchPostgres()
        defer { database.drop() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("voxpop-audit-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let process = Process()
        process.executableURL = CommandRunner.binary
        process.arguments = [
            "serve", "--campaigns", CommandRunner.repository.appendingPathComponent("Campaigns").path, "--db",
            database.url, "--port", "0", "--publish", directory.appendingPathComponent("published").path,
        ]
        process.environment = ["PATH": "/usr/bin:/bin", "VOXPOP_VOTER_KEY": "audit test key"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        var printed = ""
        while !printed.contains("event loop") {
            let chunk = out.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            printed += String(decoding: chunk, as: UTF8.self)
        }
        let port = try #require(
            printed.split(separator: "\n").first { $0.contains("listening on http://127.0.0.1:") }
                .flatMap { UInt16($0.split(separator: ":").last!.split(separator: " ").first!) })
        let client = try TestClient(port: port)
        for voter in ["ann", "bob"] {
            let vote = client.request(
                "POST", "/v1/campaigns/quick-poll/ballots/colour/votes", headers: ["X-Voter-Id": voter],
                body: #"{"choices": ["green"]}"#)
            #expect(vote.status == 201)
        }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        let audit = try CommandRunner.run(["audit", "--db", database.url, "quick-poll"])
        #expect(audit.status == 0, "\(audit.stderr)")
        #expect(audit.stdout.contains("2 votes logged, 2 counted; chain verified"), "\(audit.stdout)")
        let unknown = try CommandRunner.run(["audit", "--db", database.url, "no-such-campaign"])
        #expect(unknown.status == 1)
        #expect(unknown.stdout.contains("no such campaign"), "\(unknown.stdout)")
    }
}
