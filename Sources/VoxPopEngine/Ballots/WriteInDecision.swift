/// An operator's decision on a group of write-ins: approve it, reject it (not counted), or merge
/// it into another text (counted as that).
public struct WriteInDecision: Sendable, Equatable {
    public var action: String
    /// The text a merged group counts as.
    public var into: String?

    public init(action: String, into: String?) {
        self.action = action
        self.into = into
    }
}
