import Foundation
import VoxPopWeb

/// `voxpop token`: prints a voter token signed with the campaign's secret, as a marketer's site
/// would mint it (for integration and tests).
enum TokenCommand {
    static let usage = Usage.of("token")

    static func run(_ arguments: ArraySlice<String>) -> ExitCode {
        let parsed: Arguments
        do {
            parsed = try Arguments(arguments, options: ["secret-env", "campaign", "voter", "ttl"])
        } catch {
            printError("voxpop token: \(error.message)\n\(usage)")
            return .usage
        }
        guard parsed.positional.isEmpty, let variable = parsed.options["secret-env"],
            let campaign = parsed.options["campaign"], let voter = parsed.options["voter"]
        else {
            printError("voxpop token: --secret-env, --campaign and --voter are required\n\(usage)")
            return .usage
        }
        let ttl = parsed.options["ttl"] ?? "3600"
        guard let seconds = Int(ttl), seconds > 0 else {
            printError("voxpop token: --ttl must be a positive number of seconds, not \(ttl)")
            return .usage
        }
        guard let secret = ProcessInfo.processInfo.environment[variable], !secret.isEmpty else {
            printError("voxpop token: the environment variable \(variable) is not set (it holds the campaign's secret)")
            return .invalidInput
        }
        print(
            JWT(secret: Array(secret.utf8)).sign(
                subject: voter, audience: campaign, issuedAt: Date(), lifetime: Double(seconds)))
        return .success
    }
}
