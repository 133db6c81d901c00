/// A JSON value as written in a file, with the byte offset where it starts.
///
/// Foundation's decoders forget where a value came from; campaign checks need it to point a
/// marketer at the exact line and column, so VoxPop reads campaign files into these nodes.
public struct JSONNode: Sendable {
    public enum Value: Sendable {
        case null
        case bool(Bool)
        /// `isInteger` is true when the literal has no fraction and no exponent.
        case number(Double, isInteger: Bool)
        case string(String)
        case array([JSONNode])
        /// Members in file order; duplicate keys are refused by the reader.
        case object([JSONMember])
    }

    public var value: Value
    /// Byte offset of the value's first character in the source.
    public var offset: Int

    /// A word for the value's type, as a marketer would read it in an error.
    public var typeName: String {
        switch value {
        case .null: "null"
        case .bool: "true/false"
        case .number(_, let isInteger): isInteger ? "a whole number" : "a number"
        case .string: "text"
        case .array: "a list"
        case .object: "an object"
        }
    }
}

/// One `"key": value` pair of a JSON object.
public struct JSONMember: Sendable {
    public var key: String
    /// Byte offset of the key's opening quote.
    public var keyOffset: Int
    public var value: JSONNode
}
