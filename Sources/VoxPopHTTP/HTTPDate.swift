/// The `Date` header field every response carries (RFC 9110 section 6.6.1), as IMF-fixdate
/// (`Sun, 06 Nov 1994 08:49:37 GMT`, section 5.6.7).
///
/// Each event loop keeps one and updates it when its clock's second changes, so a response costs
/// one append of ready bytes; the formatting is integer arithmetic, no `DateFormatter`.
struct HTTPDate {
    /// `Date: ` + IMF-fixdate + CRLF: always this long for years 1000 to 9999.
    static let fieldLength = 37

    /// The whole field line, `Date: ...\r\n`, in memory the loop allocates once: a response
    /// copies these bytes without retaining an array or a run-time exclusivity check.
    let field: UnsafeMutableBufferPointer<UInt8>
    private(set) var second = Int.min

    init() {
        field = .allocate(capacity: Self.fieldLength)
        field.initialize(repeating: 0)
        update(to: 0)
    }

    func deallocate() { field.deallocate() }

    /// Reformats the field if `second` (seconds since 1970, UTC) is not the one it holds. A
    /// year outside 1000-9999 (a clock gone wrong) keeps the field as it was.
    @inline(__always)
    mutating func update(to second: Int) {
        guard second != self.second else { return }
        self.second = second
        let text = Array("Date: \(Self.imfFixdate(second))\r\n".utf8)
        guard text.count == Self.fieldLength else { return }
        _ = field.update(fromContentsOf: text)
    }

    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `seconds` since 1970-01-01T00:00:00Z as IMF-fixdate.
    static func imfFixdate(_ seconds: Int) -> String {
        let (dayNumber, secondOfDay) = floorDivision(seconds, 86_400)
        let (year, month, day) = civil(daysSince1970: dayNumber)
        // 1970-01-01 was a Thursday.
        let weekday = floorDivision(dayNumber + 4, 7).remainder
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let yearText = String(year)
        let paddedYear =
            year >= 0 && year < 1000 ? String(repeating: "0", count: 4 - yearText.count) + yearText : yearText
        return
            "\(days[weekday]), \(two(day)) \(months[month - 1]) \(paddedYear) \(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60)) GMT"
    }

    private static func floorDivision(_ a: Int, _ b: Int) -> (quotient: Int, remainder: Int) {
        let remainder = ((a % b) + b) % b
        return ((a - remainder) / b, remainder)
    }

    /// Year, month (1-12) and day of a day number, proleptic Gregorian calendar (Howard
    /// Hinnant's `civil_from_days`, <https://howardhinnant.github.io/date_algorithms.html>).
    static func civil(daysSince1970: Int) -> (year: Int, month: Int, day: Int) {
        let z = daysSince1970 + 719_468
        let era = floorDivision(z, 146_097).quotient
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
