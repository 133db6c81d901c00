import Foundation
import VoxPopCampaigns
import VoxPopCounting

/// Writes a ballot's published results under the publish directory: `CAMPAIGN/BALLOT.json`,
/// `.csv` and `.html` (in the campaign's first language, and `BALLOT.LANG.html` in each other
/// language results speak), each atomically (a temporary file, fsync, rename, fsync of the
/// directory), so a reader never sees half a file and a crash leaves the old file or the new one.
public struct Publisher: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// What one publication holds.
    struct Publication {
        var campaign: String
        var ballot: String
        var title: LocalizedText
        var question: LocalizedText
        /// The campaign file's label of each candidate of the tally, when the file has the
        /// option (write-ins, ideas and a fed ballot's options keep the tally's name).
        var labels: [LocalizedText?] = []
        /// How many of the ranking go on to a final (a shortlist, or the top N another ballot
        /// takes its options from); nil when the count elects its winners.
        var goingOn: Int? = nil
        /// Whether a ballot of the campaign takes its options from this one: only then do the
        /// top `goingOn` go on to a final; otherwise they are simply the top.
        var feedsFinal = false
        /// A count made now of an open ballot, not the final result.
        var live = false
        /// The campaign's accent colour, `#RRGGBB`.
        var accent: String? = nil
        /// The language of `BALLOT.html`; the other languages go to `BALLOT.LANG.html`.
        var firstLanguage = ResultsLanguage.en
        var tally: Tally
        /// The tally JSON with `campaign`, `ballot`, `votes` and `auditDigest`; the results endpoint answers it.
        var json: String
        var votes: Int
        var auditDigest: String
        /// Options withdrawn before the count, by label.
        var withdrawn: [String] = []
        /// The operator log's entries for the ballot, oldest first (the newest `shownActions`),
        /// and how many older ones were left out.
        var actions: [OperatorLogEntry] = []
        var earlierActions = 0
    }

    /// How many of a ballot's logged actions its page lists (a page stays small).
    static let shownActions = 40

    /// The HTML file of a ballot's results in `language`: `BALLOT.html` in the campaign's first
    /// language, `BALLOT.LANG.html` in each other.
    static func htmlName(ballot: String, _ language: ResultsLanguage, first: ResultsLanguage) -> String {
        language == first ? "\(ballot).html" : "\(ballot).\(language.rawValue).html"
    }

    func publish(_ publication: Publication) throws {
        let folder = directory.appendingPathComponent(publication.campaign)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try write(publication.json + "\n", to: folder.appendingPathComponent("\(publication.ballot).json"))
        try write(
            PublicationCSV.render(publication.tally, shortlisted: publication.goingOn),
            to: folder.appendingPathComponent("\(publication.ballot).csv"))
        for language in ResultsLanguage.allCases {
            let name = Self.htmlName(ballot: publication.ballot, language, first: publication.firstLanguage)
            try write(
                PublicationHTML.render(publication, in: language, links: .files),
                to: folder.appendingPathComponent(name))
        }
        try syncDirectory(folder)
    }

    private func write(_ text: String, to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        let bytes = Array(text.utf8)
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw PublishError("cannot write \(temporary.path): \(String(cString: strerror(errno)))")
        }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                close(descriptor)
                throw PublishError("cannot write \(temporary.path): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        guard fsync(descriptor) == 0, close(descriptor) == 0 else {
            throw PublishError("cannot sync \(temporary.path)")
        }
        guard rename(temporary.path, url.path) == 0 else {
            throw PublishError("cannot rename \(temporary.path): \(String(cString: strerror(errno)))")
        }
    }

    private func syncDirectory(_ url: URL) throws {
        let descriptor = open(url.path, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { throw PublishError("cannot open \(url.path)") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw PublishError("cannot sync \(url.path)") }
    }
}

struct PublishError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
