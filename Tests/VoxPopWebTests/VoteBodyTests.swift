import Testing
import VoxPopEngine

@testable import VoxPopWeb

/// A vote's body as the JSON API reads it (`VoteBody`; `Vote` in docs/openapi.json).
@Suite struct VoteBodyTests {
    func points(_ number: String) throws(Problem) -> Vote {
        try VoteBody(Array(#"{"points": {"dark-mode": \#(number)}}"#.utf8)).vote
    }

    /// JSON has one kind of number, so `3.0` and `3e0` are the whole number 3: JSON Schema's
    /// `integer`, which docs/openapi.json declares for points, takes them, and so do clients that
    /// keep numbers as floating point (Python's `json.dumps(3.0)` writes `3.0`).
    @Test func pointsWrittenWithAFractionOrAnExponentAreWholeNumbers() throws {
        for number in ["3", "3.0", "3.000", "3e0", "0.3E1", "300e-2"] {
            #expect(try points(number) == .points(["dark-mode": 3]), "\(number)")
        }
        #expect(try points("-0.0") == .points(["dark-mode": 0]))
    }

    @Test func pointsThatAreNotWholeNumbersAreMalformed() {
        for number in ["2.5", "1e-1", "1e300", "\"3\"", "true"] {
            let refusal = #expect(throws: Problem.self, "\(number)") { try points(number) }
            #expect(refusal?.type == .malformedBody, "\(number)")
        }
    }
}
