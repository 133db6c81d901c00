/// Reads ballot files as CSV: a header naming the options, then one ballot a line.
///
/// What a cell means depends on the method's ballot:
/// - ranked methods: the rank, 1 for the first preference; an empty cell leaves the option unranked;
/// - plurality and approval: `1` or `x` marks a choice; empty or `0` does not (plurality allows one mark);
/// - score: the rating, 0 to the maximum score; empty leaves it unrated;
/// - cumulative: the points, 0 or more, at most the budget in all; empty is 0.
///
/// ```
/// Red,Blue,Green
/// 1,,2
/// ,1,
/// ```
///
/// Quoting follows RFC 4180 ("a, b" and "say ""hi"""). Every malformed line is an error naming it.
public enum CSVBallotReader {
    public static func read(
        _ bytes: [UInt8], method: CountingMethod, maxScore: Int = 5, budget: Int? = nil
    ) throws(BallotFileError) -> BallotBox {
        var parser = CSVParser(bytes: bytes)
        guard let (header, _) = try parser.nextRecord() else { throw BallotFileError(line: 0, "the file is empty") }
        var names: [String] = []
        for (column, cell) in header.enumerated() {
            let name = cell.trimmingSpaces
            guard !name.isEmpty else {
                throw BallotFileError(line: 1, "column \(column + 1) of the header has no option name")
            }
            if names.contains(name) {
                throw BallotFileError(line: 1, "the option \"\(name)\" is named twice in the header")
            }
            names.append(name)
        }
        let shape = method.ballotShape
        var box = BallotBox(candidates: names, hasValues: shape == .ratings || shape == .points)
        var choices: [UInt16] = []
        var values: [Int32] = []
        var ranks: [(rank: Int, option: UInt16)] = []
        while let (cells, line) = try parser.nextRecord() {
            if cells.count == 1, cells[0].trimmingSpaces.isEmpty { continue }
            guard cells.count == names.count else {
                throw BallotFileError(line: line, "expected \(names.count) cells like the header, found \(cells.count)")
            }
            choices.removeAll(keepingCapacity: true)
            values.removeAll(keepingCapacity: true)
            ranks.removeAll(keepingCapacity: true)
            for (column, raw) in cells.enumerated() {
                let cell = raw.trimmingSpaces
                if cell.isEmpty { continue }
                let option = UInt16(column)
                switch shape {
                case .ranking:
                    guard let rank = Int(cell), rank >= 1 else {
                        throw BallotFileError(
                            line: line, "\"\(cell)\" for \(names[column]) is not a rank (1, 2, 3, ...)")
                    }
                    if let other = ranks.first(where: { $0.rank == rank }) {
                        throw BallotFileError(
                            line: line, "\(names[Int(other.option)]) and \(names[column]) are both ranked \(rank)")
                    }
                    ranks.append((rank, option))
                case .single, .approval:
                    switch cell {
                    case "1", "x", "X": choices.append(option)
                    case "0": break
                    default:
                        throw BallotFileError(
                            line: line,
                            "\"\(cell)\" for \(names[column]) is not a mark: write 1 or x, or leave it empty")
                    }
                case .ratings:
                    guard let rating = Int(cell), (0...maxScore).contains(rating) else {
                        throw BallotFileError(
                            line: line, "\"\(cell)\" for \(names[column]) is not a rating from 0 to \(maxScore)")
                    }
                    choices.append(option)
                    values.append(Int32(rating))
                case .points:
                    guard let points = Int(cell), points >= 0, points <= 1_000_000 else {
                        throw BallotFileError(line: line, "\"\(cell)\" for \(names[column]) is not a number of points")
                    }
                    if points > 0 {
                        choices.append(option)
                        values.append(Int32(points))
                    }
                }
            }
            if shape == .ranking {
                choices = ranks.sorted { $0.rank < $1.rank }.map(\.option)
            }
            if shape == .single, choices.count > 1 {
                throw BallotFileError(
                    line: line, "a plurality ballot marks one option; this one marks \(choices.count)")
            }
            if shape == .points, let budget {
                let spent = values.reduce(0) { $0 + Int($1) }
                if spent > budget {
                    throw BallotFileError(line: line, "\(spent) points is more than the budget of \(budget)")
                }
            }
            box.add(choices, values: values, weight: 1)
        }
        return box
    }
}

/// RFC 4180 records, each with the line it starts on.
struct CSVParser {
    let bytes: [UInt8]
    var index = 0
    var line = 1

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    mutating func nextRecord() throws(BallotFileError) -> ([String], Int)? {
        guard index < bytes.count else { return nil }
        let startLine = line
        var cells: [String] = []
        var cell: [UInt8] = []
        var quoted = false
        var wasQuoted = false
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                        cell.append(byte)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if byte == 0x0A { line += 1 }
                    cell.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                guard cell.allSatisfy({ $0 == 0x20 }), !wasQuoted else {
                    throw BallotFileError(
                        line: line, "a quote inside a cell must be doubled (\"\") and the cell quoted")
                }
                cell.removeAll()
                quoted = true
                wasQuoted = true
            case UInt8(ascii: ","):
                cells.append(try decode(cell))
                cell.removeAll()
                wasQuoted = false
            case 0x0A:
                line += 1
                if cell.last == 0x0D { cell.removeLast() }
                cells.append(try decode(cell))
                return (cells, startLine)
            default:
                if wasQuoted, byte != 0x20, byte != 0x0D {
                    throw BallotFileError(line: line, "text after a quoted cell's closing quote")
                }
                cell.append(byte)
            }
        }
        if quoted { throw BallotFileError(line: startLine, "a quoted cell is never closed") }
        if cell.last == 0x0D { cell.removeLast() }
        cells.append(try decode(cell))
        return (cells, startLine)
    }

    private func decode(_ cell: [UInt8]) throws(BallotFileError) -> String {
        guard let text = String(validating: cell, as: UTF8.self) else {
            throw BallotFileError(line: line, "the file is not valid UTF-8")
        }
        return text
    }
}

extension String {
    var trimmingSpaces: String {
        var slice = self[...]
        while slice.first?.isWhitespace == true { slice = slice.dropFirst() }
        while slice.last?.isWhitespace == true { slice = slice.dropLast() }
        return String(slice)
    }
}
