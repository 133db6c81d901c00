/// Reads ballot files in the BLT format used by STV counting programs (OpenSTV, Droop, eSTV).
///
/// ```
/// 4 2            <- candidates and seats
/// -3             <- optional: withdrawn candidates, as negative numbers
/// 3 1 3 0        <- weight, then candidates by number in preference order, then 0
/// 2 2 0
/// 0              <- end of ballots
/// "Anna"         <- one quoted name per candidate, in number order
/// "Bo"
/// "Cecilia"
/// "David"
/// "Board election 2027"   <- optional title
/// ```
///
/// A ballot line with a weight and only the closing 0 is a blank ballot. Names are trimmed and
/// runs of spaces inside them collapsed. Withdrawn candidates are
/// skipped where ballots rank them. Every malformed line is an error naming the line.
public enum BLTReader {
    public struct Contents: Sendable {
        public var box: BallotBox
        public var seats: Int
        public var title: String?
        public var withdrawn: [Int]
    }

    public static func read(_ bytes: [UInt8]) throws(BallotFileError) -> Contents {
        var scanner = LineScanner(bytes: bytes)

        guard let header = scanner.nextNonEmptyLine() else { throw BallotFileError(line: 0, "the file is empty") }
        let headerNumbers = try numbers(in: header, line: scanner.lineNumber)
        guard headerNumbers.count == 2, headerNumbers[0] >= 1, headerNumbers[1] >= 1 else {
            throw BallotFileError(
                line: scanner.lineNumber,
                "expected the number of candidates and of seats, like \"4 2\"")
        }
        let candidateCount = headerNumbers[0]
        let seats = headerNumbers[1]
        guard candidateCount <= Int(UInt16.max) else {
            throw BallotFileError(line: scanner.lineNumber, "\(candidateCount) candidates is more than 65,535")
        }

        var withdrawn = [Bool](repeating: false, count: candidateCount)
        var withdrawnList: [Int] = []
        var pending: (line: ArraySlice<UInt8>, number: Int)?
        if let line = scanner.nextNonEmptyLine() {
            let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 }
            if trimmed.first == UInt8(ascii: "-") {
                for number in try numbers(in: line, line: scanner.lineNumber) {
                    guard number < 0, -number <= candidateCount else {
                        throw BallotFileError(
                            line: scanner.lineNumber,
                            "withdrawn candidates are written -1 to -\(candidateCount); \(number) is not one")
                    }
                    withdrawn[-number - 1] = true
                    withdrawnList.append(-number)
                }
            } else {
                pending = (line, scanner.lineNumber)
            }
        }

        // The names come after the ballots, so the box is filled first and named at the end.
        var box = BallotBox(candidates: Array(repeating: "", count: candidateCount))
        var ranking: [UInt16] = []
        var seen = [Int](repeating: -1, count: candidateCount)
        var ended = false
        while true {
            let line: ArraySlice<UInt8>
            let lineNumber: Int
            if let waiting = pending {
                (line, lineNumber) = waiting
                pending = nil
            } else if let next = scanner.nextNonEmptyLine() {
                (line, lineNumber) = (next, scanner.lineNumber)
            } else {
                break
            }
            var tokens = Tokens(line: line)
            guard let weightToken = tokens.next() else { continue }
            if tokens.isAtEnd, weightToken.elementsEqual([UInt8(ascii: "0")]) {
                ended = true
                break
            }
            guard let weight = wholeNumber(weightToken), weight > 0 else {
                let text = String(decoding: weightToken, as: UTF8.self)
                if text.first == "\"" {
                    throw BallotFileError(
                        line: lineNumber, "the ballots must end with a line holding a single 0 before the names")
                }
                throw BallotFileError(line: lineNumber, "the weight \"\(text)\" is not a positive whole number")
            }
            ranking.removeAll(keepingCapacity: true)
            var closed = false
            while let token = tokens.next() {
                if closed {
                    throw BallotFileError(line: lineNumber, "text after the closing 0 of the ballot")
                }
                guard let number = wholeNumber(token) else {
                    let text = String(decoding: token, as: UTF8.self)
                    if text.contains("=") {
                        throw BallotFileError(
                            line: lineNumber,
                            "equal preferences (\"\(text)\") are not supported: rank one candidate per place")
                    }
                    throw BallotFileError(line: lineNumber, "\"\(text)\" is not a candidate number")
                }
                if number == 0 {
                    closed = true
                    continue
                }
                guard number <= candidateCount else {
                    throw BallotFileError(
                        line: lineNumber, "candidate \(number) is out of range: there are \(candidateCount) candidates")
                }
                if seen[number - 1] == lineNumber {
                    throw BallotFileError(line: lineNumber, "candidate \(number) is ranked twice")
                }
                seen[number - 1] = lineNumber
                if !withdrawn[number - 1] { ranking.append(UInt16(number - 1)) }
            }
            guard closed else {
                throw BallotFileError(line: lineNumber, "the ballot does not end with 0")
            }
            box.add(ranking, weight: Int64(weight))
        }
        guard ended else {
            throw BallotFileError(line: 0, "the file ends inside the ballots: a line holding a single 0 must end them")
        }

        var names: [String] = []
        var title: String?
        while let (quoted, lineNumber) = try scanner.nextQuoted() {
            // Published names read better without the stray spaces some files carry ("Ellen   Hurcombe").
            let text = quoted.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if names.count < candidateCount {
                if let earlier = names.firstIndex(of: text) {
                    throw BallotFileError(
                        line: lineNumber,
                        "candidate \(names.count + 1) has the same name as candidate \(earlier + 1): \"\(text)\"")
                }
                names.append(text)
            } else if title == nil {
                title = text
            } else {
                throw BallotFileError(line: lineNumber, "unexpected text after the title")
            }
        }
        guard names.count == candidateCount else {
            throw BallotFileError(
                line: 0, "the file ends before the name of candidate \(names.count + 1) of \(candidateCount)")
        }
        box.candidates = names
        return Contents(box: box, seats: seats, title: title, withdrawn: withdrawnList)
    }

    private static func numbers(in line: ArraySlice<UInt8>, line lineNumber: Int) throws(BallotFileError) -> [Int] {
        var tokens = Tokens(line: line)
        var result: [Int] = []
        while let token = tokens.next() {
            var digits = token[...]
            var sign = 1
            if digits.first == UInt8(ascii: "-") {
                sign = -1
                digits = digits.dropFirst()
            }
            guard let value = wholeNumber(digits) else {
                throw BallotFileError(
                    line: lineNumber, "\"\(String(decoding: token, as: UTF8.self))\" is not a whole number")
            }
            result.append(sign * value)
        }
        return result
    }

    /// Digits only, at most 18 of them; nil otherwise.
    static func wholeNumber(_ token: ArraySlice<UInt8>) -> Int? {
        guard !token.isEmpty, token.count <= 18 else { return nil }
        var value = 0
        for byte in token {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}

/// Whitespace-separated tokens of one line.
struct Tokens {
    let line: ArraySlice<UInt8>
    var index: Int

    init(line: ArraySlice<UInt8>) {
        self.line = line
        index = line.startIndex
        skipSpaces()
    }

    var isAtEnd: Bool { index == line.endIndex }

    mutating func next() -> ArraySlice<UInt8>? {
        guard index < line.endIndex else { return nil }
        let start = index
        while index < line.endIndex, line[index] != 0x20, line[index] != 0x09 { index += 1 }
        let token = line[start..<index]
        skipSpaces()
        return token
    }

    private mutating func skipSpaces() {
        while index < line.endIndex, line[index] == 0x20 || line[index] == 0x09 { index += 1 }
    }
}

/// Lines of a byte buffer (LF or CRLF), counted from 1.
struct LineScanner {
    let bytes: [UInt8]
    var index = 0
    private(set) var lineNumber = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    mutating func nextLine() -> ArraySlice<UInt8>? {
        guard index < bytes.count else { return nil }
        lineNumber += 1
        let start = index
        while index < bytes.count, bytes[index] != 0x0A { index += 1 }
        var end = index
        if index < bytes.count { index += 1 }
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return bytes[start..<end]
    }

    mutating func nextNonEmptyLine() -> ArraySlice<UInt8>? {
        while let line = nextLine() {
            if line.contains(where: { $0 != 0x20 && $0 != 0x09 }) { return line }
        }
        return nil
    }

    /// The next double-quoted string, anywhere after the current position, with its line.
    mutating func nextQuoted() throws(BallotFileError) -> (String, Int)? {
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x0A:
                index += 1
                lineNumber += 1
            case 0x20, 0x09, 0x0D:
                index += 1
            case UInt8(ascii: "\""):
                let line = lineNumber + 1
                let start = index + 1
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != 0x0A { end += 1 }
                guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else {
                    throw BallotFileError(line: line, "a name in quotes is never closed")
                }
                index = end + 1
                guard let text = String(validating: bytes[start..<end], as: UTF8.self) else {
                    throw BallotFileError(line: line, "a name is not valid UTF-8")
                }
                return (text, line)
            default:
                var end = index
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                let text = String(decoding: bytes[index..<end], as: UTF8.self)
                throw BallotFileError(line: lineNumber + 1, "expected a name in double quotes, found \(text)")
            }
        }
        return nil
    }
}
