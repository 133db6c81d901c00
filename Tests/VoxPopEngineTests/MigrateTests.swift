import Foundation
import Testing
import VoxPopEngine
import VoxPopStore
import VoxPopTestSupport

/// `voxpop migrate`: an SQLite database copied into PostgreSQL audits the same at both ends, and
/// its receipts still name their votes. Runs where a PostgreSQL server is given
/// (`tools/postgres run`), whichever store the rest of the suite uses.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["VOXPOP_TEST_POSTGRES"] != nil))
struct MigrateTests {
    let server = ProcessInfo.processInfo.environment["VOXPOP_TEST_POSTGRES"] ?? ""

    @Test func aCopiedDatabaseAuditsAliveAndKeepsItsReceipts() throws {
        guard !EngineHarness.onPostgres else { return }  // the source must be an SQLite file
        let harness = try EngineHarness(campaignFiles: ["quick-poll.json", "idea-forum.json"], at: "2027-05-01T10:00Z")
        try harness.engine.tick()
        var receipts: [String] = []
        for voter in 0..<40 {
            receipts.append(
                try harness.engine.vote(
                    campaign: "quick-poll", ballot: "colour", voter: .open("v\(voter)"),
                    vote: .choices([voter % 3 == 0 ? "red" : "blue"])
                ).get())
        }
        _ = try harness.engine.suggest(campaign: "idea-forum", ballot: "ideas", voter: .token("m1"), text: "Recipes")
            .get()
        try harness.engine.closeNow(campaign: "quick-poll", ballot: "colour", by: "ana")
        harness.stop()

        let name = "voxpop_migrate_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try PostgresConnection(url: server).execute("CREATE DATABASE \(name)")
        defer { try? PostgresConnection(url: server).execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        let url = EngineHarness.url(server, database: name)
        let copied = try StoreCopy.copy(sqlite: harness.databasePath, to: url)
        #expect(copied.tables.first { $0.name == "votes" }?.rows == 40)
        #expect(throws: (any Error).self, "a second copy into a database in use is refused") {
            try StoreCopy.copy(sqlite: harness.databasePath, to: url)
        }
        for campaign in ["quick-poll", "idea-forum"] {
            let before = try Audit.run(database: harness.databasePath, campaign: campaign)
            let after = try Audit.run(database: url, campaign: campaign)
            #expect(after.problems == 0 && after.lines == before.lines, "\(after.lines) against \(before.lines)")
        }
        // The copy serves on: its receipts, its log, and new votes after the copied ones.
        let store = try PostgresStore(url: url, key: harness.key)
        defer { store.close() }
        let ballot = try store.ballot(campaign: "quick-poll", ballot: "colour")
        #expect(ballot.state == "published")
        #expect(try store.receiptCounts(ballot.id, receipt: receipts[7]) == true)
        #expect(
            try store.logEntries(before: nil, limit: 10, campaign: "quick-poll", ballot: nil).first?.actor
                == "scheduler")
        #expect(
            try store.ideas(try store.ballot(campaign: "idea-forum", ballot: "ideas").id).map(\.text) == ["Recipes"])
    }
}
