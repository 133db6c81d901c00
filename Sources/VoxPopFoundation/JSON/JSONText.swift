import Foundation

/// JSON written by hand: the shapes VoxPop answers are fixed and few, and writing them directly
/// is faster than building dictionaries for a generic encoder on every request.
public enum JSONText {
    /// A JSON string literal (RFC 8259 section 7). Escapes `"`, `\\` and control characters and
    /// nothing else, working on the UTF-8 bytes (never on `Character`s, which can glue a combining
    /// mark to a quote): most texts need no escape at all.
    public static func string(_ text: String) -> String {
        let needsEscape = text.utf8.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
        guard needsEscape else { return "\"" + text + "\"" }
        var out: [UInt8] = [0x22]
        out.reserveCapacity(text.utf8.count + 16)
        let hex = Array("0123456789abcdef".utf8)
        for byte in text.utf8 {
            switch byte {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case ..<0x20: out += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }

    public static func object(_ members: [(String, String?)]) -> String {
        "{" + members.compactMap { key, value in value.map { string(key) + ":" + $0 } }.joined(separator: ",") + "}"
    }

    public static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }

    /// `object` (a JSON object's text) with `members` put first; the object itself as written.
    public static func merging(_ members: [(key: String, json: String)], into object: String) -> String {
        guard !members.isEmpty, object.hasPrefix("{") else { return object }
        let head = members.map { string($0.key) + ":" + $0.json }.joined(separator: ",")
        let rest = object.dropFirst()
        return "{" + head + (rest.hasPrefix("}") ? "" : ",") + rest
    }

    /// An instant as a JSON string, or nil (a member left out) for none.
    public static func instant(_ date: Date?) -> String? {
        date.map { "\"" + iso(milliseconds: $0.milliseconds) + "\"" }
    }

    /// `2026-06-01T07:00:00.000Z`: UTC with milliseconds (civil-from-days, H. Hinnant's algorithm),
    /// written by hand because every accepted vote's answer carries one.
    public static func iso(milliseconds: Int64) -> String {
        let (days, rest) = milliseconds.quotientAndRemainder(dividingBy: 86_400_000)
        let (day0, millis) = rest < 0 ? (days - 1, rest + 86_400_000) : (days, rest)
        let z = day0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        // Digits written into 24 bytes: String interpolation of padded parts cost more than the
        // rest of the answer.
        var bytes = Array("0000-00-00T00:00:00.000Z".utf8)
        func put(_ value: Int64, at end: Int, width: Int) {
            var value = value
            for index in stride(from: end, to: end - width, by: -1) {
                bytes[index] = UInt8(truncatingIfNeeded: 0x30 + value % 10)
                value /= 10
            }
        }
        guard (0...9999).contains(year) else {
            return String(
                format: "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%03lldZ", year, month, day,
                millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60, millis % 1000)
        }
        put(year, at: 3, width: 4)
        put(month, at: 6, width: 2)
        put(day, at: 9, width: 2)
        put(millis / 3_600_000, at: 12, width: 2)
        put(millis / 60_000 % 60, at: 15, width: 2)
        put(millis / 1000 % 60, at: 18, width: 2)
        put(millis % 1000, at: 22, width: 3)
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Date {
    /// Milliseconds since 1970, as the store keeps instants.
    public var milliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded(.down)) }
}
