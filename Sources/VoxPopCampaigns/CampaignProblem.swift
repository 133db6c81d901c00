/// One thing wrong in a campaign file, located as precisely as the file allows.
///
/// Problems are data, not thrown errors: a check collects every problem in every file, sorts them
/// by position and prints them once, as `FILE:LINE:COLUMN: JSON.PATH: message`.
public struct CampaignProblem: Sendable, Equatable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// Where in the JSON document, as `$.ballots[1].closes`; `$` is the whole document.
    public var path: String
    public var message: String

    public init(file: String, line: Int, column: Int, path: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(path): \(message)" }

    public static func < (lhs: CampaignProblem, rhs: CampaignProblem) -> Bool {
        (lhs.file, lhs.line, lhs.column, lhs.path, lhs.message) < (
            rhs.file, rhs.line, rhs.column, rhs.path, rhs.message
        )
    }
}
