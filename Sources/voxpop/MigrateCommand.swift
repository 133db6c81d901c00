import Foundation
import VoxPopEngine
import VoxPopStore

/// `voxpop migrate --from FILE --to postgres://...`: copies an SQLite database into an empty
/// PostgreSQL database, then audits every campaign at both ends and compares the reports.
enum MigrateCommand {
    static let usage = Usage.of("migrate")

    static func run(_ arguments: ArraySlice<String>) -> ExitCode {
        let parsed: Arguments
        do {
            parsed = try Arguments(arguments, options: ["from", "to"])
        } catch {
            printError("voxpop migrate: \(error.message)\n\(usage)")
            return .usage
        }
        guard let from = parsed.options["from"], let to = parsed.options["to"], parsed.positional.isEmpty else {
            printError("voxpop migrate: name the SQLite file and the PostgreSQL URL\n\(usage)")
            return .usage
        }
        guard VoteStores.isPostgres(to), !VoteStores.isPostgres(from) else {
            printError("voxpop migrate: copies an SQLite file (--from) into PostgreSQL (--to postgres://...)")
            return .usage
        }
        guard FileManager.default.fileExists(atPath: from) else {
            printError("voxpop migrate: \(from): no such database")
            return .invalidInput
        }
        do {
            let copied = try StoreCopy.copy(sqlite: from, to: to)
            for table in copied.tables { print("\(table.name): \(table.rows) rows") }
            let campaigns = try Set(StoreCopy.campaigns(sqlite: from)).sorted()
            var differences = 0
            for campaign in campaigns {
                let before = try Audit.run(database: from, campaign: campaign)
                let after = try Audit.run(database: to, campaign: campaign)
                let same = before.lines == after.lines && before.problems == after.problems
                if !same { differences += 1 }
                print("audit \(campaign): \(after.problems) problems; \(same ? "the same at both ends" : "DIFFERENT")")
            }
            if differences > 0 {
                printError("voxpop migrate: the audit differs for \(differences) campaigns; do not serve from the copy")
                return .invalidInput
            }
            return .success
        } catch {
            printError("voxpop migrate: \(error)")
            return .invalidInput
        }
    }
}
