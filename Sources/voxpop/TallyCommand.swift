import Foundation
import VoxPopCounting

/// `voxpop tally --method M [--seats N] [--max-choices K] FILE`: counts a ballot file offline.
enum TallyCommand {
    static let usage = Usage.of("tally")

    static func run(_ arguments: ArraySlice<String>) -> ExitCode {
        let parsed: Arguments
        do {
            parsed = try Arguments(
                arguments,
                options: [
                    "method", "seats", "max-choices", "shortlist", "seed", "rule", "max-score", "budget", "format",
                ])
        } catch {
            return usageError(error.message)
        }
        guard parsed.positional.count == 1 else {
            return usageError(parsed.positional.isEmpty ? "name one ballot file" : "name only one ballot file")
        }
        guard let methodName = parsed.options["method"] else { return usageError("--method is required") }
        guard let method = CountingMethod(rawValue: methodName) else {
            let hint = CountingMethod.aliases[methodName.lowercased()].map { " (did you mean \($0.rawValue)?)" } ?? ""
            return usageError("unknown method \(methodName)\(hint)")
        }
        var numbers: [String: Int] = [:]
        for name in ["seats", "max-choices", "shortlist", "max-score", "budget"] {
            guard let text = parsed.options[name] else { continue }
            guard let value = Int(text), value >= 1 else {
                return usageError("--\(name) must be a whole number of at least 1")
            }
            numbers[name] = value
        }
        let format = parsed.options["format"] ?? "json"
        guard format == "json" || format == "text" else { return usageError("--format is json or text") }
        let rule = parsed.options["rule"].map { CountOptions.STVRule(rawValue: $0) }
        if let rule, rule == nil { return usageError("--rule is scottish or meek") }

        let file = parsed.positional[0]
        let bytes: [UInt8]
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
            defer { try? handle.close() }
            bytes = Array(try handle.readToEnd() ?? Data())
        } catch {
            printError(
                "voxpop tally: \(file): cannot read the file: \((error as NSError).localizedFailureReason ?? error.localizedDescription)"
            )
            return .invalidInput
        }

        var options = CountOptions(
            seats: numbers["seats"] ?? 1, maxChoices: numbers["max-choices"], shortlist: numbers["shortlist"],
            seed: parsed.options["seed"] ?? "voxpop")
        if let rule { options.stvRule = rule! }
        let box: BallotBox
        do {
            if file.lowercased().hasSuffix(".csv") {
                box = try CSVBallotReader.read(
                    bytes, method: method, maxScore: numbers["max-score"] ?? 5, budget: numbers["budget"])
            } else {
                let contents = try BLTReader.read(bytes)
                // Withdrawn candidates take no part in the count (nor can they be elected).
                box = contents.box.withdrawing(contents.withdrawn.map { $0 - 1 })
                // The file's seats are for STV; the other methods elect one.
                if method == .stv, numbers["seats"] == nil { options.seats = contents.seats }
            }
        } catch {
            printError("voxpop tally: \(file):\(error.line > 0 ? "\(error.line):" : "") \(error.message)")
            return .invalidInput
        }
        do {
            let tally = try Counter.count(box, method: method, options: options)
            print(format == "json" ? tally.json() : tally.text(), terminator: format == "json" ? "\n" : "")
            return .success
        } catch {
            printError("voxpop tally: \(error.description)")
            return .invalidInput
        }
    }

    private static func usageError(_ message: String) -> ExitCode {
        printError("voxpop tally: \(message)\n\(usage)")
        return .usage
    }
}
