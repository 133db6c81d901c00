import Foundation
import VoxPopCampaigns

/// `voxpop serve`: for now it loads and checks the campaigns and prints their schedule.
///
/// The engine (issue 4) and the HTTP server (issue 5) are not built yet, so after the listing it
/// says so and exits 1 rather than pretend to serve.
enum ServeCommand {
    static let usage = "usage: voxpop serve [--campaigns DIR] [--db FILE] [--host H] [--port P] [--publish DIR]"

    static func run(_ arguments: ArraySlice<String>) -> ExitCode {
        let parsed: Arguments
        do {
            parsed = try Arguments(arguments, options: ["campaigns", "db", "host", "port", "publish"])
        } catch {
            printError("voxpop serve: \(error.message)\n\(usage)")
            return .usage
        }
        guard parsed.positional.isEmpty else {
            printError("voxpop serve: unexpected argument \(parsed.positional[0])\n\(usage)")
            return .usage
        }
        if let port = parsed.options["port"], UInt16(port) == nil {
            printError("voxpop serve: --port must be a number from 0 to 65535, not \(port)")
            return .usage
        }
        let directory = parsed.options["campaigns"] ?? "Campaigns"
        let loaded = CampaignLoader.load(paths: [directory])
        guard loaded.problems.isEmpty else {
            for problem in loaded.problems { printError(problem.description) }
            printError("voxpop serve: fix the problems above; `voxpop check \(directory)` lists them again")
            return .invalidInput
        }
        for (file, campaign) in loaded.campaigns {
            print(ScheduleListing.lines(for: campaign, file: file).joined(separator: "\n"))
        }
        printError(
            "voxpop serve: \(loaded.campaigns.count) campaigns loaded and valid; the voting server is not built yet (issue 5), so nothing is served"
        )
        return .invalidInput
    }
}
