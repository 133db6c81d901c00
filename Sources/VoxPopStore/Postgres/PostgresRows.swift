import CLibPQ

/// The rows of one statement's result, read in place from libpq's result.
///
/// Values come back in text format and are read by their column's type (`value(_:_:)`), or
/// directly as the type the caller expects (`integer`, `text`, `bytea`).
public final class PostgresRows: @unchecked Sendable {
    // @unchecked: a PGresult is never changed after libpq makes it, and libpq's documentation
    // says results may be passed between threads; this class only reads it and frees it once.
    private let handle: OpaquePointer

    /// Takes ownership of `handle`, which it clears when it goes.
    init(_ handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        voxpop_pq_clear(handle)
    }

    public var count: Int { Int(voxpop_pq_ntuples(handle)) }
    public var columnCount: Int { Int(voxpop_pq_nfields(handle)) }

    public func columnName(_ column: Int) -> String {
        String(cString: voxpop_pq_fname(handle, Int32(column)))
    }

    /// The command tag, such as `INSERT 0 1`, `SELECT 3` or `COMMIT`.
    public var commandTag: String { String(cString: voxpop_pq_cmd_status(handle)) }

    /// Rows an INSERT, UPDATE, DELETE, SELECT … affected (the command tag's count), or 0.
    public var affectedRows: Int {
        Int(String(cString: voxpop_pq_cmd_tuples(handle))) ?? 0
    }

    /// True for NULL, and for a row or column past the end (so `integer(0, 0)` of no rows is nil).
    public func isNull(_ row: Int, _ column: Int) -> Bool {
        !contains(row, column) || voxpop_pq_getisnull(handle, Int32(row), Int32(column)) != 0
    }

    /// libpq answers a read out of range with NULL, but also prints a complaint on stderr.
    private func contains(_ row: Int, _ column: Int) -> Bool {
        row >= 0 && row < count && column >= 0 && column < columnCount
    }

    /// The value, typed by its column: integer types as `.integer`, bytea as `.bytea`, others as text.
    public func value(_ row: Int, _ column: Int) -> PostgresValue {
        if isNull(row, column) { return .null }
        switch voxpop_pq_ftype(handle, Int32(column)) {
        case PostgresType.int2, PostgresType.int4, PostgresType.int8, PostgresType.oid:
            return integer(row, column).map(PostgresValue.integer) ?? .text(text(row, column) ?? "")
        case PostgresType.bytea:
            return bytea(row, column).map(PostgresValue.bytea) ?? .null
        default:
            return text(row, column).map(PostgresValue.text) ?? .null
        }
    }

    /// The value as an integer; nil if it is NULL or not a whole number in Int64's range.
    public func integer(_ row: Int, _ column: Int) -> Int64? {
        withBytes(row, column) { bytes in
            // Parsed from the text in place: no String per value on the vote path.
            var index = bytes.startIndex
            let negative = index < bytes.endIndex && bytes[index] == UInt8(ascii: "-")
            if negative { index += 1 }
            guard index < bytes.endIndex else { return nil }
            var magnitude: UInt64 = 0
            while index < bytes.endIndex {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
                guard !overflow1, !overflow2 else { return nil }
                magnitude = sum
                index += 1
            }
            if negative {
                return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil
            }
            return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
        }
    }

    /// The value as text; nil if it is NULL.
    public func text(_ row: Int, _ column: Int) -> String? {
        withBytes(row, column) { String(decoding: $0, as: UTF8.self) }
    }

    /// The value of a bytea column; nil if it is NULL or not in either of bytea's text forms.
    public func bytea(_ row: Int, _ column: Int) -> [UInt8]? {
        withBytes(row, column) { ByteaText.decode($0) }
    }

    private func withBytes<T>(_ row: Int, _ column: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T?) -> T? {
        guard contains(row, column) else { return nil }
        let row = Int32(row)
        let column = Int32(column)
        guard voxpop_pq_getisnull(handle, row, column) == 0, let value = voxpop_pq_getvalue(handle, row, column)
        else { return nil }
        let length = Int(voxpop_pq_getlength(handle, row, column))
        return value.withMemoryRebound(to: UInt8.self, capacity: length) {
            body(UnsafeBufferPointer(start: $0, count: length))
        }
    }
}

/// bytea's text output: hex (`\x0a1b`, the default since PostgreSQL 9.0) or, where a server sets
/// `bytea_output = escape`, the escape form (`\\` for a backslash, `\ooo` octal, other bytes as is).
///
/// Related PostgreSQL documentation: <https://www.postgresql.org/docs/15/datatype-binary.html>
enum ByteaText {
    static func decode(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        if text.count >= 2, text[0] == UInt8(ascii: "\\"), text[1] == UInt8(ascii: "x") {
            return decodeHex(text[2...])
        }
        return decodeEscape(text)
    }

    private static func decodeHex(_ hex: Slice<UnsafeBufferPointer<UInt8>>) -> [UInt8]? {
        guard hex.count % 2 == 0 else { return nil }
        var bytes = [UInt8]()
        bytes.reserveCapacity(hex.count / 2)
        var index = hex.startIndex
        while index < hex.endIndex {
            guard let high = nibble(hex[index]), let low = nibble(hex[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func decodeEscape(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var bytes = [UInt8]()
        bytes.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            guard text[index] == UInt8(ascii: "\\") else {
                bytes.append(text[index])
                index += 1
                continue
            }
            if index + 1 < text.count, text[index + 1] == UInt8(ascii: "\\") {
                bytes.append(UInt8(ascii: "\\"))
                index += 2
                continue
            }
            // A backslash not doubled starts three octal digits.
            guard index + 3 < text.count else { return nil }
            var value: UInt16 = 0
            for offset in 1...3 {
                let digit = text[index + offset] &- UInt8(ascii: "0")
                guard digit < 8 else { return nil }
                value = value * 8 + UInt16(digit)
            }
            guard value <= 0xFF else { return nil }
            bytes.append(UInt8(value))
            index += 4
        }
        return bytes
    }
}
