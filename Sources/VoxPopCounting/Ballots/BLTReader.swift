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
        guard seats <= candidateCount else {
            throw BallotFileError(
                line: scanner.lineNumber, "the file asks for \(seats) seats but names \(candidateCount) candidates")
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
        // Which line last ranked each candidate: the careful loop stamps line numbers, the fast
        // path their negatives, so a line the fast path gives up on is read afresh.
        var seen = [Int](repeating: Int.min, count: candidateCount)
        var ended = false
        // Most lines are well formed; `fastBallotLines` takes those straight from the bytes and
        // stops at the end of the ballots or at the first line it does not recognise, which the
        // careful loop below then reads and, if it is malformed, explains.
        if pending == nil {
            ended = fastBallotLines(
                &scanner, candidateCount: candidateCount, withdrawn: withdrawn, seen: &seen, ranking: &ranking,
                box: &box)
        }
        while !ended {
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
            try readBallotLine(
                line, lineNumber: lineNumber, candidateCount: candidateCount, withdrawn: withdrawn, seen: &seen,
                ranking: &ranking, box: &box, ended: &ended)
            if !ended, pending == nil {
                ended = fastBallotLines(
                    &scanner, candidateCount: candidateCount, withdrawn: withdrawn, seen: &seen, ranking: &ranking,
                    box: &box)
            }
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

    /// One ballot line, read token by token with a precise error for anything malformed.
    private static func readBallotLine(
        _ line: ArraySlice<UInt8>, lineNumber: Int, candidateCount: Int, withdrawn: [Bool], seen: inout [Int],
        ranking: inout [UInt16], box: inout BallotBox, ended: inout Bool
    ) throws(BallotFileError) {
        var tokens = Tokens(line: line)
        guard let weightToken = tokens.next() else { return }
        if tokens.isAtEnd, weightToken.elementsEqual([UInt8(ascii: "0")]) {
            ended = true
            return
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

    /// Reads well-formed ballot lines (digits, spaces, tabs, a closing 0, LF or CRLF) straight from
    /// the bytes. Returns true at the line holding a single 0; returns false, with the scanner at
    /// the start of the line, at the first line it does not recognise or at the end of the file.
    private static func fastBallotLines(
        _ scanner: inout LineScanner, candidateCount: Int, withdrawn: [Bool], seen: inout [Int],
        ranking: inout [UInt16], box: inout BallotBox
    ) -> Bool {
        let bytes = scanner.bytes
        return bytes.withUnsafeBufferPointer { buffer in
            var index = scanner.index
            var lineNumber = scanner.lineNumber
            let end = buffer.count
            while index < end {
                let lineStart = index
                lineNumber += 1
                var numbers = 0
                var weight = 0
                var closed = false
                var good = true
                ranking.removeAll(keepingCapacity: true)
                while index < end, buffer[index] != 0x0A {
                    let byte = buffer[index]
                    if byte == 0x20 || byte == 0x09 || byte == 0x0D {
                        if byte == 0x0D, index + 1 < end, buffer[index + 1] != 0x0A { good = false }
                        index += 1
                        continue
                    }
                    guard byte >= 0x30, byte <= 0x39, !closed else {
                        good = false
                        break
                    }
                    var value = 0
                    var digits = 0
                    while index < end, buffer[index] >= 0x30, buffer[index] <= 0x39 {
                        value = value &* 10 &+ Int(buffer[index] - 0x30)
                        digits += 1
                        index += 1
                    }
                    if digits > 9
                        || (index < end && buffer[index] != 0x20 && buffer[index] != 0x09 && buffer[index] != 0x0A
                            && buffer[index] != 0x0D)
                    {
                        good = false
                        break
                    }
                    numbers += 1
                    if numbers == 1 {
                        weight = value
                    } else if value == 0 {
                        closed = true
                    } else if value > candidateCount || seen[value - 1] == -lineNumber {
                        good = false
                        break
                    } else {
                        seen[value - 1] = -lineNumber
                        if !withdrawn[value - 1] { ranking.append(UInt16(value - 1)) }
                    }
                }
                if numbers == 0, good {
                    // A blank line.
                    if index < end { index += 1 }
                    continue
                }
                if numbers == 1, weight == 0, good {
                    scanner.index = index < end ? index + 1 : index
                    scanner.lineNumber = lineNumber
                    return true
                }
                guard good, closed, weight > 0 else {
                    scanner.index = lineStart
                    scanner.lineNumber = lineNumber - 1
                    return false
                }
                box.add(ranking, weight: Int64(weight))
                if index < end { index += 1 }
            }
            scanner.index = index
            scanner.lineNumber = lineNumber
            return false
        }
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
    var lineNumber = 0

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
