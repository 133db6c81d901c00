import Testing

@testable import VoxPopFoundation

@Suite struct JSONReaderTests {
    func parse(_ text: String) throws -> JSONNode { try JSONReader.parse(Array(text.utf8)) }

    func syntaxError(_ text: String) -> JSONReader.SyntaxError? {
        do {
            _ = try JSONReader.parse(Array(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test func keepsTheOffsetOfEveryValueAndKey() throws {
        let node = try parse(#"{"a": [1, "x"], "bb": null}"#)
        guard case .object(let members) = node.value else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.key) == ["a", "bb"])
        #expect(members.map(\.keyOffset) == [1, 16])
        #expect(members[0].value.offset == 6)
        guard case .array(let elements) = members[0].value.value else {
            Issue.record("not an array")
            return
        }
        #expect(elements.map(\.offset) == [7, 10])
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let node = try parse(#""tab\t quote\" slash\/ e\u00e9 clef\ud834\udd1e""#)
        guard case .string(let text) = node.value else {
            Issue.record("not a string")
            return
        }
        #expect(text == "tab\t quote\" slash/ eé clef𝄞")
    }

    @Test func tellsWholeNumbersFromOthers() throws {
        for (text, integer) in [("10", true), ("-3", true), ("2.5", false), ("1e3", false), ("0", true)] {
            guard case .number(_, let isInteger) = try parse(text).value else {
                Issue.record("not a number")
                continue
            }
            #expect(isInteger == integer, "\(text)")
        }
    }

    @Test func refusesWhatRFC8259Refuses() {
        for text in [
            "01", "1.", "-", "+1", ".5", "[1,]", "{\"a\":1,}", "\"\\x\"", "tru", "nul", "{\"a\" 1}", "[1 2]",
            "\"\u{1}\"", "1 2", "NaN",
        ] {
            #expect(syntaxError(text) != nil, "\(text) must be refused")
        }
    }

    @Test func refusesNestingDeeperThanTheLimit() {
        let deep =
            String(repeating: "[", count: JSONReader.maximumDepth + 1)
            + String(repeating: "]", count: JSONReader.maximumDepth + 1)
        #expect(syntaxError(deep)?.message == "nesting deeper than \(JSONReader.maximumDepth) levels")
        let fine =
            String(repeating: "[", count: JSONReader.maximumDepth)
            + String(repeating: "]", count: JSONReader.maximumDepth)
        #expect(syntaxError(fine) == nil)
    }

    @Test func pointsAtTheLoneSurrogate() {
        #expect(
            syntaxError(#"  "\ud834x""#)
                == .init(offset: 3, message: "\\u escape is half of a surrogate pair; the other half is missing"))
    }

    @Test func columnsCountCharactersNotBytesAndSkipTheByteOrderMark() {
        let source = SourceText(bytes: Array("{\n  \"Göteborg\": 1}".utf8))
        let offsetOfOne = Array("{\n  \"Göteborg\": ".utf8).count
        #expect(source.lineAndColumn(of: offsetOfOne) == (2, 15))
        let withMark = SourceText(bytes: [0xEF, 0xBB, 0xBF] + Array("{}".utf8))
        #expect(withMark.lineAndColumn(of: 3) == (1, 1))
    }
}
