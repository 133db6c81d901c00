import Foundation
import Testing
import VoxPopCampaigns

@Suite struct WallTimeTests {
    let stockholm = TimeZone(identifier: "Europe/Stockholm")!

    func instant(_ text: String, in zone: TimeZone) throws -> Date? {
        try WallTime.parse(text).instant(in: zone)
    }

    func utc(_ text: String) -> Date { try! WallTime.parse(text + "Z").instant(in: .gmt)! }

    @Test func readsInstantsWithOffsets() throws {
        #expect(try instant("2026-06-01T09:00:00+02:00", in: .gmt) == utc("2026-06-01T07:00"))
        #expect(try instant("2026-06-01T09:00Z", in: stockholm) == utc("2026-06-01T09:00"))
        #expect(try instant("2026-06-01T09:00:30.250-05:30", in: .gmt) == utc("2026-06-01T14:30:30"))
    }

    @Test func readsLocalTimesInTheCampaignsZone() throws {
        #expect(try instant("2027-01-11T09:00", in: stockholm) == utc("2027-01-11T08:00"))  // winter, +01:00
        #expect(try instant("2027-07-01T09:00", in: stockholm) == utc("2027-07-01T07:00"))  // summer, +02:00
    }

    @Test func aTimeTheClocksSkipHasNoInstant() throws {
        // 2027-03-28: clocks in Stockholm go from 02:00 to 03:00.
        #expect(try instant("2027-03-28T02:30", in: stockholm) == nil)
        #expect(try instant("2027-03-28T03:00", in: stockholm) == utc("2027-03-28T01:00"))
    }

    @Test func aTimeThatHappensTwiceIsTheEarlierOne() throws {
        // 2027-10-31: 02:30 happens at 00:30Z (summer time) and again at 01:30Z.
        #expect(try instant("2027-10-31T02:30", in: stockholm) == utc("2027-10-31T00:30"))
    }

    @Test func knowsTheCalendar() {
        #expect((try? WallTime.parse("2028-02-29T12:00")) != nil)
        #expect(throws: WallTime.ParseError.outOfRange("day 29 does not exist in 2027-02")) {
            try WallTime.parse("2027-02-29T12:00")
        }
        #expect(throws: WallTime.ParseError.outOfRange("hour 24 does not exist (use 00 to 23)")) {
            try WallTime.parse("2027-01-01T24:00")
        }
        for malformed in ["2027-1-01T09:00", "2027-01-01", "2027-01-01T09", "2027-01-01T09:00+2", "tomorrow", ""] {
            #expect(throws: WallTime.ParseError.malformed) { try WallTime.parse(malformed) }
        }
    }
}
