import Foundation
import VoxPopEngine
import VoxPopStore

/// `voxpop audit --db FILE_OR_URL CAMPAIGN`: recomputes each ballot's audit chain and recounts its
/// tally, in an SQLite file or a PostgreSQL database (`postgres://...`).
enum AuditCommand {
    static let usage = Usage.of("audit")

    static func run(_ arguments: ArraySlice<String>) -> ExitCode {
        let parsed: Arguments
        do {
            parsed = try Arguments(arguments, options: ["db"])
        } catch {
            printError("voxpop audit: \(error.message)\n\(usage)")
            return .usage
        }
        guard let path = parsed.options["db"], parsed.positional.count == 1 else {
            printError("voxpop audit: name the database and one campaign\n\(usage)")
            return .usage
        }
        // A PostgreSQL URL is no file; opening it says what is wrong when it cannot be reached.
        guard VoteStores.isPostgres(path) || FileManager.default.fileExists(atPath: path) else {
            printError("voxpop audit: \(path): no such database")
            return .invalidInput
        }
        do {
            let report = try Audit.run(database: path, campaign: parsed.positional[0])
            for line in report.lines { print(line) }
            if report.problems > 0 {
                printError("voxpop audit: \(report.problems) problem\(report.problems == 1 ? "" : "s") found")
                return .invalidInput
            }
            return .success
        } catch {
            printError("voxpop audit: \(error)")
            return .invalidInput
        }
    }
}
