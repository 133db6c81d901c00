import Foundation
import Testing
import VoxPopFoundation

/// The API's hand-written JSON: string literals and instants, checked against what JSON and
/// Foundation's ISO 8601 formatter say they must be.
@Suite struct JSONTextTests {
    @Test func stringsEscapeQuotesBackslashesAndControlsOnly() throws {
        #expect(JSONText.string("plain text") == #""plain text""#)
        #expect(JSONText.string("") == #""""#)
        let awkward = "a\"b\\c\nd\re\tf\u{01}g\u{1F}h é ✓ \u{7F} \u{2028}"
        #expect(JSONText.string(awkward) == #""a\"b\\c\nd\re\tf\u0001g\u001fh é ✓ \#u{7F} \#u{2028}""#)
        // And a JSON parser reads back the text it was given.
        let decoded = try JSONDecoder().decode([String].self, from: Data("[\(JSONText.string(awkward))]".utf8))
        #expect(decoded == [awkward])
    }

    @Test func instantsAreUTCWithMillisecondsAsISO8601Says() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        // The epoch, the millisecond before it, leap days and century years, then 20,000 instants
        // from 1900 to 2100 drawn by a fixed generator, so that a failure can be run again.
        var instants: [Int64] = [0, -1, 951_782_400_000, 1_709_164_800_999, 4_107_542_400_000, 253_402_300_799_999]
        var state: UInt64 = 2026
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            instants.append(-2_208_988_800_000 + Int64(state >> 24) % 6_311_433_600_000)
        }
        // Past year 9999 the four digits no longer hold the year; the instant is still written whole.
        #expect(JSONText.iso(milliseconds: 253_402_300_800_000) == "10000-01-01T00:00:00.000Z")
        for milliseconds in instants {
            let expected = formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
            #expect(JSONText.iso(milliseconds: milliseconds) == expected, "\(milliseconds)")
        }
    }
}
