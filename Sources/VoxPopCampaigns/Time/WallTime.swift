import Foundation

/// A date and time as written in a campaign file: `2026-06-01T09:00`, with or without seconds and
/// an offset (`Z`, `+02:00`).
///
/// Written by hand rather than with ISO8601DateFormatter so a bad value can say exactly what is
/// wrong ("month 13 does not exist") and a local time can be placed in the campaign's time zone
/// with daylight-saving gaps and overlaps handled on purpose.
public struct WallTime: Sendable, Equatable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// Seconds east of UTC when the text carries an offset; nil for a local time.
    public var offset: Int?

    public enum ParseError: Error, Equatable, Sendable {
        case malformed
        case outOfRange(String)
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS[.fraction]][Z|±HH:MM]`.
    public static func parse(_ text: String) throws(ParseError) -> WallTime {
        let chars = Array(text.utf8)
        var index = 0
        func number(_ digits: Int) throws(ParseError) -> Int {
            guard index + digits <= chars.count else { throw .malformed }
            var value = 0
            for byte in chars[index..<index + digits] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { throw .malformed }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += digits
            return value
        }
        func expect(_ ascii: Unicode.Scalar) throws(ParseError) {
            guard index < chars.count, chars[index] == UInt8(ascii: ascii) else { throw .malformed }
            index += 1
        }
        let year = try number(4)
        try expect("-")
        let month = try number(2)
        try expect("-")
        let day = try number(2)
        guard index < chars.count, chars[index] == UInt8(ascii: "T") || chars[index] == UInt8(ascii: " ") else {
            throw .malformed
        }
        index += 1
        let hour = try number(2)
        try expect(":")
        let minute = try number(2)
        var second = 0
        if index < chars.count, chars[index] == UInt8(ascii: ":") {
            index += 1
            second = try number(2)
            // Fractions of a second are accepted and dropped: schedules work in whole seconds.
            if index < chars.count, chars[index] == UInt8(ascii: ".") {
                index += 1
                let fractionStart = index
                while index < chars.count, chars[index] >= UInt8(ascii: "0"), chars[index] <= UInt8(ascii: "9") {
                    index += 1
                }
                guard index > fractionStart else { throw .malformed }
            }
        }
        var offset: Int?
        if index < chars.count {
            switch chars[index] {
            case UInt8(ascii: "Z"), UInt8(ascii: "z"):
                index += 1
                offset = 0
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                let sign = chars[index] == UInt8(ascii: "-") ? -1 : 1
                index += 1
                let offsetHours = try number(2)
                try expect(":")
                let offsetMinutes = try number(2)
                guard offsetHours <= 18, offsetMinutes < 60 else {
                    throw .outOfRange("offset \(offsetHours):\(offsetMinutes)")
                }
                offset = sign * (offsetHours * 3600 + offsetMinutes * 60)
            default:
                throw .malformed
            }
        }
        guard index == chars.count else { throw .malformed }
        guard (1...12).contains(month) else { throw .outOfRange("month \(month) does not exist") }
        guard (1...daysIn(month: month, year: year)).contains(day) else {
            throw .outOfRange("day \(day) does not exist in \(year)-\(twoDigits(month))")
        }
        guard hour < 24 else { throw .outOfRange("hour \(hour) does not exist (use 00 to 23)") }
        guard minute < 60 else { throw .outOfRange("minute \(minute) does not exist (use 00 to 59)") }
        guard second < 60 else { throw .outOfRange("second \(second) does not exist (use 00 to 59)") }
        return WallTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
    }

    /// Seconds since 1970-01-01T00:00 of this wall time read as if it were UTC.
    var secondsAsIfUTC: Int {
        Self.daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// The instant this wall time names: by its offset, or else in `timeZone`.
    ///
    /// A local time that the clocks skip (spring forward) has no instant and resolves to nil.
    /// One that happens twice (fall back) resolves to the earlier of the two.
    public func instant(in timeZone: TimeZone) -> Date? {
        let local = secondsAsIfUTC
        if let offset { return Date(timeIntervalSince1970: TimeInterval(local - offset)) }
        // The offsets in force around this wall time; an instant is right if its own offset agrees.
        let candidates = Set(
            [-43_200, 0, 43_200].map {
                timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local + $0)))
            })
        let instants = candidates.map { local - $0 }.filter { instant in
            timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))) == local - instant
        }
        return instants.min().map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
