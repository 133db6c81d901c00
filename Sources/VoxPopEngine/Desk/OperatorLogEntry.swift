import Foundation

/// One line of the operator log: who did what to which ballot, and when.
public struct OperatorLogEntry: Sendable, Equatable {
    /// Its place in the log, for paging (`operatorLog(before:)`).
    public var seq: Int64
    public var at: Date
    /// The operator's name, or `scheduler` for a step taken on time.
    public var actor: String
    /// `open`, `close`, `count`, `publish`, `merge`, `label`, `withdraw`, `status`, ... (docs/api.md).
    public var action: String
    public var campaign: String?
    public var ballot: String?
    /// What it touched, in words.
    public var detail: String
}
