import Foundation
import Testing
import VoxPopTestSupport

/// `voxpop serve` as a user runs it: it starts on a scratch database with no other setup,
/// answers over HTTP, and stops on SIGTERM with every acknowledged vote on disk.
@Suite struct ServeCommandTests {
    @Test func servesVotesAndStopsGracefullyOnSIGTERM() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("voxpop-serve-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("voxpop.sqlite").path
        let process = Process()
        process.executableURL = CommandRunner.binary
        process.arguments = [
            "serve", "--campaigns", CommandRunner.repository.appendingPathComponent("Campaigns").path, "--db", database,
            "--port", "0", "--publish", directory.appendingPathComponent("published").path,
        ]
        process.environment = ["PATH": "/usr/bin:/bin", "IDEAS_VOTER_SECRET": "ideas test secret"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // The first lines say where it listens.
        var printed = ""
        while !printed.contains("(2 event loops)") && !printed.contains("event loop") {
            let chunk = out.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            printed += String(decoding: chunk, as: UTF8.self)
        }
        let port = try #require(
            printed.split(separator: "\n").first { $0.contains("listening on http://127.0.0.1:") }
                .flatMap { UInt16($0.split(separator: ":").last!.split(separator: " ").first!) })
        #expect(FileManager.default.fileExists(atPath: database + ".key"))

        let client = try TestClient(port: port)
        #expect(client.request("GET", "/healthz").status == 200)
        let vote = client.request(
            "POST", "/v1/campaigns/quick-poll/ballots/colour/votes", headers: ["X-Voter-Id": "ann"],
            body: #"{"choices": ["green"]}"#)
        #expect(vote.status == 201)

        // A token minted by `voxpop token` with the campaign's secret is accepted.
        let token = try CommandRunner.run(
            [
                "token", "--secret-env", "IDEAS_VOTER_SECRET", "--campaign", "idea-forum", "--voter", "ann", "--ttl",
                "60",
            ],
            environment: ["IDEAS_VOTER_SECRET": "ideas test secret"]
        ).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let idea = client.request(
            "POST", "/v1/campaigns/idea-forum/ballots/ideas/votes", headers: ["Authorization": "Bearer \(token)"],
            body: #"{"points": {"dark-mode": 10}}"#)
        #expect(idea.status == 201)

        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let rest = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(rest.contains("voxpop: stopped"))

        let audit = try CommandRunner.run(["audit", "--db", database, "quick-poll"])
        #expect(audit.status == 0)
        #expect(audit.stdout.contains("1 votes logged, 1 counted; chain verified"))
    }

    @Test func tokenNeedsItsSecretAndArguments() throws {
        let missing = try CommandRunner.run([
            "token", "--secret-env", "VOXPOP_TEST_UNSET_SECRET", "--campaign", "idea-forum", "--voter", "ann",
        ])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("VOXPOP_TEST_UNSET_SECRET is not set"))
        #expect(try CommandRunner.run(["token", "--campaign", "idea-forum"]).status == 2)
    }
}

extension ServeCommandTests {
    @Test func aMalformedTrustedProxyStopsTheServerAtStartAndNamesIt() throws {
        let result = try CommandRunner.run(["serve", "--port", "0", "--trusted-proxies", "127.0.0.1, 10.0.0.1/8"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("10.0.0.1/8"), "\(result.stderr)")
        let fromEnvironment = try CommandRunner.run(
            ["serve", "--port", "0"], environment: ["VOXPOP_TRUSTED_PROXIES": "proxy.example.com"])
        #expect(fromEnvironment.status == 2)
        #expect(fromEnvironment.stderr.contains("proxy.example.com"), "\(fromEnvironment.stderr)")
    }
}
