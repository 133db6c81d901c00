import Foundation

/// Paths to files the tests read: fixtures beside the tests, and the shipped example campaigns.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures")
    static let broken = directory.appendingPathComponent("broken")
    static let repository = directory.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let campaigns = repository.appendingPathComponent("Campaigns")

    /// The names (without `.json`) of the broken campaign files.
    static var brokenNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: broken.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }
}
