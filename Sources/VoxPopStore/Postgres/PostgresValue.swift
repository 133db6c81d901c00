/// A value sent as a statement parameter or read from a row.
///
/// Parameters travel in libpq's text format, except `bytea`, which travels in binary so that no
/// byte needs escaping. Rows come back in text format and are read by their column's type: the
/// integer types as `.integer`, `bytea` as `.bytea`, everything else as `.text`.
public enum PostgresValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case text(String)
    case bytea([UInt8])

    public var integer: Int64? { if case .integer(let value) = self { value } else { nil } }
    public var text: String? { if case .text(let value) = self { value } else { nil } }
    public var bytea: [UInt8]? { if case .bytea(let value) = self { value } else { nil } }
    public var isNull: Bool { self == .null }
}

extension PostgresValue: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral, ExpressibleByNilLiteral {
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(stringLiteral value: String) { self = .text(value) }
    public init(nilLiteral: ()) { self = .null }
}

/// The few type OIDs the client names (the pg_type catalog's numbers, stable across versions).
enum PostgresType {
    static let bytea: UInt32 = 17
    static let int8: UInt32 = 20
    static let int2: UInt32 = 21
    static let int4: UInt32 = 23
    static let oid: UInt32 = 26
}

/// Parameters laid out as libpq's arrays want them: one byte buffer holding every value, with
/// offsets into it, so a statement's parameters cost two allocations rather than one per value.
struct PostgresParameters {
    private var bytes: [UInt8] = []
    /// Each value's start in `bytes`, or nil for NULL.
    private var offsets: [Int?] = []
    private var lengths: [Int32] = []
    private var formats: [Int32] = []
    private var types: [UInt32] = []

    var count: Int { offsets.count }

    init(_ values: [PostgresValue], sql: String) throws(PostgresError) {
        offsets.reserveCapacity(values.count)
        lengths.reserveCapacity(values.count)
        formats.reserveCapacity(values.count)
        types.reserveCapacity(values.count)
        for value in values {
            switch value {
            case .null:
                append(nil, length: 0, format: 0, type: 0)
            case .integer(let number):
                let start = bytes.count
                appendDecimal(number)
                bytes.append(0)
                // int8 so that an untyped context (`SELECT $1 + 1`) still reads a number.
                append(start, length: Int32(bytes.count - start - 1), format: 0, type: PostgresType.int8)
            case .text(let text):
                let start = bytes.count
                bytes.append(contentsOf: text.utf8)
                // Text parameters end at their first NUL, and PostgreSQL's text cannot hold one:
                // refuse rather than silently cut the value short.
                guard !bytes[start...].contains(0) else {
                    throw PostgresError(
                        kind: .usage,
                        message: "a text parameter contains a NUL byte, which PostgreSQL text cannot hold",
                        sql: sql)
                }
                bytes.append(0)
                // Type 0: the server infers it, so text also fills timestamp, json or enum columns.
                append(start, length: Int32(bytes.count - start - 1), format: 0, type: 0)
            case .bytea(let data):
                let start = bytes.count
                bytes.append(contentsOf: data)
                append(start, length: Int32(data.count), format: 1, type: PostgresType.bytea)
            }
        }
        // A zero-length bytea still needs a non-null pointer (null means SQL NULL).
        bytes.append(0)
    }

    private mutating func append(_ offset: Int?, length: Int32, format: Int32, type: UInt32) {
        offsets.append(offset)
        lengths.append(length)
        formats.append(format)
        types.append(type)
    }

    private mutating func appendDecimal(_ number: Int64) {
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        let start = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[start...].reverse()
    }

    /// Calls `body` with libpq's types, values, lengths and formats arrays, valid during the call.
    func withArrays<R>(
        _ body: (
            _ types: UnsafePointer<UInt32>?, _ values: UnsafePointer<UnsafePointer<CChar>?>?,
            _ lengths: UnsafePointer<Int32>?, _ formats: UnsafePointer<Int32>?
        ) -> R
    ) -> R {
        bytes.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            let pointers = offsets.map { offset in offset.map { base + $0 } }
            return pointers.withUnsafeBufferPointer { values in
                types.withUnsafeBufferPointer { types in
                    lengths.withUnsafeBufferPointer { lengths in
                        formats.withUnsafeBufferPointer { formats in
                            body(types.baseAddress, values.baseAddress, lengths.baseAddress, formats.baseAddress)
                        }
                    }
                }
            }
        }
    }
}
