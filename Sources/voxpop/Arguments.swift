/// A small parser for `--name value` options and positional arguments.
///
/// Hand-written because VoxPop takes no package dependencies; it knows only what the subcommands need.
struct Arguments {
    var options: [String: String] = [:]
    var positional: [String] = []

    struct UsageError: Error {
        var message: String
    }

    /// Splits `arguments` by the option names a command takes; every option takes a value.
    init(_ arguments: ArraySlice<String>, options allowed: Set<String>) throws(UsageError) {
        var iterator = arguments.makeIterator()
        var onlyPositional = false
        while let argument = iterator.next() {
            if onlyPositional || !argument.hasPrefix("--") || argument == "-" {
                positional.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositional = true
                continue
            }
            var name = String(argument.dropFirst(2))
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard allowed.contains(name) else { throw UsageError(message: "unknown option --\(name)") }
            guard let found = value ?? iterator.next() else { throw UsageError(message: "--\(name) needs a value") }
            options[name] = found
        }
    }
}
