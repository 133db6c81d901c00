/// The bytes of one file, with a map from byte offsets to 1-based line and column.
///
/// Columns count Unicode scalars, so "Göteborg" is eight columns wide whatever its UTF-8 length,
/// and a tab counts as one column, as most editors' "go to line:column" expects.
public struct SourceText: Sendable {
    public let bytes: [UInt8]
    private let lineStarts: [Int]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(index + 1)
        }
        self.lineStarts = starts
    }

    public func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
        let clamped = min(max(offset, 0), bytes.count)
        // The last line start at or before the offset.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        var column = 1
        var index = lineStarts[low]
        while index < clamped {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        // A UTF-8 byte-order mark is invisible in editors, so it takes no column.
        if low == 0, clamped >= 3, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { column -= 1 }
        return (low + 1, column)
    }
}
