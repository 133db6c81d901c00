import Foundation
import Testing

/// Style is settled by `swift format` (the toolchain's, with .swift-format at the root), never in review.
@Suite struct FormattingTests {
    @Test func sourcesAreFormatted() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swift", "format", "lint", "--strict", "-r", "Sources", "Tests", "tools", "Package.swift"]
        process.currentDirectoryURL = CommandRunner.repository
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(
            process.terminationStatus == 0, "run `swift format -i -r Sources Tests tools Package.swift`:\n\(report)")
    }
}
