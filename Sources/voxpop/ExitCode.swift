import Foundation

/// The exit codes every command shares (docs/api.md, README).
enum ExitCode: Int32 {
    case success = 0
    /// Invalid input; the message says which and where.
    case invalidInput = 1
    /// Wrong usage of the command line.
    case usage = 2
}

/// Messages go to stderr; data goes to stdout.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// A line on stdout, written at once (the server's log is read while it runs).
func printLine(_ message: String) {
    FileHandle.standardOutput.write(Data((message + "\n").utf8))
}
