import Foundation
import Testing

/// Usage text lives in one place (`Usage.swift`): `voxpop help` prints every command's synopsis,
/// each command's usage error quotes its own, and the README's command table shows the same.
@Suite struct UsageTests {
    @Test func helpListsEveryCommandAndTheReadmeShowsTheSameSynopses() throws {
        let help = try CommandRunner.run(["help"])
        #expect(help.status == 0)
        let synopses = help.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("voxpop ") && $0 != "voxpop COMMAND [ARGUMENTS]" }
        #expect(
            Set(synopses.map { $0.split(separator: " ")[1] }) == [
                "serve", "check", "tally", "audit", "migrate", "token",
            ])
        // A Markdown table escapes the `|` of `scottish|meek`.
        let readme = try String(
            contentsOf: CommandRunner.repository.appendingPathComponent("README.md"), encoding: .utf8
        ).replacingOccurrences(of: "\\|", with: "|")
        for synopsis in synopses {
            #expect(readme.contains("`\(synopsis)`"), "README's command table lacks `\(synopsis)`")
        }
    }

    @Test func eachCommandsUsageErrorQuotesItsSynopsis() throws {
        let help = try CommandRunner.run(["help"]).stdout
        for command in ["serve", "check", "tally", "audit", "token"] {
            let wrong = try CommandRunner.run([command, "--no-such-option", "x"])
            #expect(wrong.status == 2, "\(command)")
            let line = try #require(wrong.stderr.split(separator: "\n").first { $0.hasPrefix("usage: ") })
            #expect(help.contains(line.dropFirst("usage: ".count)), "\(command): \(line)")
        }
    }
}
