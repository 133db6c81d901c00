import Foundation
import Testing

@testable import VoxPopHTTP

@Suite struct HTTPDateTests {
    @Test func formatsRFC9110sExample() {
        #expect(HTTPDate.imfFixdate(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
    }

    @Test func formatsEdgesOfTheCalendar() {
        #expect(HTTPDate.imfFixdate(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.imfFixdate(951_782_400) == "Tue, 29 Feb 2000 00:00:00 GMT")
        #expect(HTTPDate.imfFixdate(4_107_542_399) == "Sun, 28 Feb 2100 23:59:59 GMT")
        #expect(HTTPDate.imfFixdate(4_107_542_400) == "Mon, 01 Mar 2100 00:00:00 GMT")
        #expect(HTTPDate.imfFixdate(253_402_300_799) == "Fri, 31 Dec 9999 23:59:59 GMT")
        #expect(HTTPDate.imfFixdate(-1) == "Wed, 31 Dec 1969 23:59:59 GMT")
    }

    /// The integer arithmetic against Foundation's formatter, over instants spread from 1970 to
    /// 2200 (seeded, so a failure repeats).
    @Test func agreesWithDateFormatter() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var compared = 0
        for _ in 0..<5000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let seconds = Int(state >> 20) % 7_258_118_400
            #expect(
                HTTPDate.imfFixdate(seconds) == formatter.string(from: Date(timeIntervalSince1970: Double(seconds))))
            compared += 1
        }
        #expect(compared == 5000)
    }

    @Test func theFieldFollowsTheSecond() {
        var date = HTTPDate()
        defer { date.deallocate() }
        date.update(to: 784_111_777)
        #expect(String(decoding: date.field, as: UTF8.self) == "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n")
        date.update(to: 784_111_778)
        #expect(String(decoding: date.field, as: UTF8.self) == "Date: Sun, 06 Nov 1994 08:49:38 GMT\r\n")
        date.update(to: 253_402_300_800)  // year 10000 does not fit: the field stays
        #expect(String(decoding: date.field, as: UTF8.self) == "Date: Sun, 06 Nov 1994 08:49:38 GMT\r\n")
    }
}
