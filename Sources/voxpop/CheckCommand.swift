import VoxPopCampaigns

/// `voxpop check FILE_OR_DIR...`: every problem in every campaign file, one per line, on stderr.
enum CheckCommand {
    static let usage = Usage.of("check")

    static func run(_ arguments: ArraySlice<String>) -> ExitCode {
        let parsed: Arguments
        do {
            parsed = try Arguments(arguments, options: [])
        } catch {
            printError("voxpop check: \(error.message)\n\(usage)")
            return .usage
        }
        guard !parsed.positional.isEmpty else {
            printError("voxpop check: name at least one campaign file or directory\n\(usage)")
            return .usage
        }
        let loaded = CampaignLoader.load(paths: parsed.positional)
        for problem in loaded.problems { printError(problem.description) }
        let files = loaded.fileCount == 1 ? "1 file" : "\(loaded.fileCount) files"
        if loaded.problems.isEmpty {
            let ballots = loaded.campaigns.reduce(0) { $0 + $1.campaign.ballots.count }
            print("\(files) checked: \(loaded.campaigns.count) campaigns, \(ballots) ballots, no problems")
            return .success
        }
        let count = loaded.problems.count == 1 ? "1 problem" : "\(loaded.problems.count) problems"
        printError("\(files) checked: \(count)")
        return .invalidInput
    }
}
