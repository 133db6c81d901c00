import Foundation

/// A database path in a fresh temporary directory, removed at the end of the test.
final class TemporaryDatabase {
    let directory: URL
    var path: String { directory.appendingPathComponent("voxpop.sqlite").path }

    init() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("voxpop-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }
}
