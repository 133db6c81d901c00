/// Something wrong in a ballot file, with the line it is on.
public struct BallotFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based line number; 0 when the problem is the file as a whole.
    public var line: Int
    public var message: String

    public init(line: Int, _ message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "line \(line): \(message)" : message }
}
