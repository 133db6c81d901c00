import Foundation

/// The fields of an `application/x-www-form-urlencoded` body or a query string, in order
/// (repeated names kept: a set of checkboxes sends one field per box).
struct FormData: Sendable {
    var fields: [(name: String, value: String)] = []

    init(_ bytes: some Collection<UInt8>) {
        for pair in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            fields.append((Self.decode(parts[0]), parts.count > 1 ? Self.decode(parts[1]) : ""))
        }
    }

    /// The query of a request target (`/c/x?t=abc&lang=sv`).
    init(query target: String) {
        let utf8 = target.utf8
        self.init(
            utf8.firstIndex(of: UInt8(ascii: "?")).map { utf8[utf8.index(after: $0)...] } ?? utf8[utf8.endIndex...])
    }

    func values(_ name: String) -> [String] { fields.filter { $0.name == name }.map(\.value) }

    func first(_ name: String) -> String? { fields.first { $0.name == name }?.value }

    /// Percent-decoding with "+" as a space; a malformed escape stays as sent.
    static func decode(_ bytes: some Collection<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                out.append(0x20)
            } else if byte == UInt8(ascii: "%"), bytes.distance(from: index, to: bytes.endIndex) >= 3,
                let high = hex(bytes[bytes.index(index, offsetBy: 1)]),
                let low = hex(bytes[bytes.index(index, offsetBy: 2)])
            {
                out.append(high << 4 | low)
                index = bytes.index(index, offsetBy: 2)
            } else {
                out.append(byte)
            }
            index = bytes.index(after: index)
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: byte - 48
        case 65...70: byte - 55
        case 97...102: byte - 87
        default: nil
        }
    }

    /// Percent-encoding for a query value.
    static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case 48...57, 65...90, 97...122, UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
