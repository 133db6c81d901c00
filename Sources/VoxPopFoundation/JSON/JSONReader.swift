/// A strict RFC 8259 JSON reader that keeps the position of every value and key.
///
/// It stops at the first syntax error (what follows a syntax error cannot be trusted) and says
/// where and what it expected, with extra words for the mistakes people make editing by hand:
/// trailing commas, comments, single quotes, unquoted keys. Duplicate keys in one object are
/// an error too, since JSON leaves their meaning open.
public struct JSONReader {
    public struct SyntaxError: Error, Sendable, Equatable {
        public var offset: Int
        public var message: String
    }

    /// Deeper nesting than any campaign needs; the limit keeps hostile input from exhausting the stack.
    static let maximumDepth = 256

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    public static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONNode {
        var reader = JSONReader(bytes: bytes)
        return try reader.parseDocument()
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func parseDocument() throws(SyntaxError) -> JSONNode {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        skipWhitespace()
        if index == bytes.count {
            throw SyntaxError(offset: index, message: "the file is empty: expected a JSON object")
        }
        let node = try parseValue(expecting: "a value")
        skipWhitespace()
        if index < bytes.count {
            throw error("unexpected \(describeCurrent()) after the end of the JSON value")
        }
        return node
    }

    private mutating func parseValue(expecting what: String) throws(SyntaxError) -> JSONNode {
        let start = index
        guard index < bytes.count else { throw error("unexpected end of file: expected \(what)") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return JSONNode(value: try parseObject(), offset: start)
        case UInt8(ascii: "["): return JSONNode(value: try parseArray(), offset: start)
        case UInt8(ascii: "\""): return JSONNode(value: .string(try parseString()), offset: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONNode(value: try parseNumber(), offset: start)
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return JSONNode(value: .bool(true), offset: start)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return JSONNode(value: .bool(false), offset: start)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return JSONNode(value: .null, offset: start)
        case UInt8(ascii: "'"): throw error("JSON text needs double quotes (\"), not single quotes")
        case UInt8(ascii: "/"): throw error("JSON does not allow comments")
        case let byte where isIdentifierByte(byte): throw bareWordError()
        default: throw error("expected \(what), found \(describeCurrent())")
        }
    }

    private mutating func parseObject() throws(SyntaxError) -> JSONNode.Value {
        try enter()
        defer { depth -= 1 }
        index += 1  // {
        var members: [JSONMember] = []
        var seen: Set<String> = []
        skipWhitespace()
        if peek(UInt8(ascii: "}")) {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of file: expected a key in quotes or '}'") }
            let keyOffset = index
            switch bytes[index] {
            case UInt8(ascii: "\""): break
            case UInt8(ascii: "}"): throw error("trailing comma before '}': remove the last ','")
            case UInt8(ascii: "'"): throw error("JSON keys need double quotes (\"), not single quotes")
            case UInt8(ascii: "/"): throw error("JSON does not allow comments")
            case let byte where isIdentifierByte(byte): throw error("keys must be in double quotes")
            default: throw error("expected a key in double quotes, found \(describeCurrent())")
            }
            let key = try parseString()
            // Most objects have a handful of keys: scanning them beats hashing; big ones get a set.
            let duplicate: Bool
            if members.count < 16 {
                duplicate = members.contains { $0.key == key }
            } else {
                if seen.isEmpty { seen = Set(members.map(\.key)) }
                duplicate = !seen.insert(key).inserted
            }
            if duplicate {
                throw SyntaxError(offset: keyOffset, message: "duplicate key \"\(key)\" in the same object")
            }
            skipWhitespace()
            guard peek(UInt8(ascii: ":")) else {
                throw error(
                    index < bytes.count
                        ? "expected ':' after the key \"\(key)\", found \(describeCurrent())"
                        : "unexpected end of file: expected ':' after the key \"\(key)\"")
            }
            index += 1
            skipWhitespace()
            let value = try parseValue(expecting: "a value for \"\(key)\"")
            members.append(JSONMember(key: key, keyOffset: keyOffset, value: value))
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of file: expected ',' or '}'") }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return .object(members)
            case UInt8(ascii: "\""):
                throw error("expected ',' or '}' after the value of \"\(key)\": a comma is missing")
            default: throw error("expected ',' or '}' after the value of \"\(key)\", found \(describeCurrent())")
            }
        }
    }

    private mutating func parseArray() throws(SyntaxError) -> JSONNode.Value {
        try enter()
        defer { depth -= 1 }
        index += 1  // [
        var elements: [JSONNode] = []
        skipWhitespace()
        if peek(UInt8(ascii: "]")) {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            if peek(UInt8(ascii: "]")) { throw error("trailing comma before ']': remove the last ','") }
            elements.append(try parseValue(expecting: "a value in the list"))
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of file: expected ',' or ']'") }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return .array(elements)
            case UInt8(ascii: "{"), UInt8(ascii: "\""), UInt8(ascii: "["):
                throw error("expected ',' or ']' in the list: a comma is missing")
            default: throw error("expected ',' or ']' in the list, found \(describeCurrent())")
            }
        }
    }

    private mutating func parseString() throws(SyntaxError) -> String {
        let open = index
        index += 1  // "
        let contentStart = index
        // Fast path: no escapes, which is nearly every string in a campaign file.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = try decodeUTF8(bytes[contentStart..<index], at: contentStart)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw controlCharacterError(byte) }
            index += 1
        }
        guard index < bytes.count else {
            throw SyntaxError(offset: open, message: "text starting here is never closed: a '\"' is missing")
        }
        var buffer = Array(bytes[contentStart..<index])
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                let text = try decodeUTF8(buffer[...], at: contentStart)
                index += 1
                return text
            case UInt8(ascii: "\\"):
                try parseEscape(into: &buffer)
            case 0..<0x20:
                throw controlCharacterError(byte)
            default:
                buffer.append(byte)
                index += 1
            }
        }
        throw SyntaxError(offset: open, message: "text starting here is never closed: a '\"' is missing")
    }

    private mutating func parseEscape(into buffer: inout [UInt8]) throws(SyntaxError) {
        let escapeStart = index
        index += 1  // backslash
        guard index < bytes.count else { throw error("unexpected end of file inside an escape sequence") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(byte)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4(escapeStart: escapeStart)
            if (0xD800...0xDBFF).contains(scalar) {
                guard bytes[index...].starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "u")]) else {
                    throw SyntaxError(
                        offset: escapeStart,
                        message: "\\u escape is half of a surrogate pair; the other half is missing")
                }
                index += 2
                let low = try parseHex4(escapeStart: escapeStart)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw SyntaxError(
                        offset: escapeStart,
                        message: "\\u escape is half of a surrogate pair; the other half is missing")
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw SyntaxError(offset: escapeStart, message: "\\u escape is a lone low surrogate")
            }
            buffer.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
        default:
            throw SyntaxError(
                offset: escapeStart,
                message:
                    "unknown escape '\\\(Character(Unicode.Scalar(byte)))': use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX"
            )
        }
    }

    private mutating func parseHex4(escapeStart: Int) throws(SyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else {
            throw SyntaxError(offset: escapeStart, message: "\\u needs four hex digits")
        }
        var value: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw SyntaxError(offset: escapeStart, message: "\\u needs four hex digits")
            }
            value = value << 4 | UInt32(digit)
        }
        index += 4
        return value
    }

    private mutating func parseNumber() throws(SyntaxError) -> JSONNode.Value {
        let start = index
        var isInteger = true
        if peek(UInt8(ascii: "-")) { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected a digit after '-'") }
        if bytes[index] == UInt8(ascii: "0"), index + 1 < bytes.count, isDigit(bytes[index + 1]) {
            throw error("numbers cannot start with 0 (write 7, not 07)")
        }
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        if peek(UInt8(ascii: ".")) {
            isInteger = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected a digit after '.'") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            isInteger = false
            index += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected a digit in the exponent") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw SyntaxError(offset: start, message: "number \(text) is out of range")
        }
        return .number(value, isInteger: isInteger)
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(SyntaxError) {
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        if bytes[index...].starts(with: expected) {
            index += expected.count
            if index < bytes.count, isIdentifierByte(bytes[index]) {
                throw error("unexpected \(describeCurrent()) after \(literal)")
            }
            return
        }
        throw bareWordError()
    }

    /// A word without quotes, the commonest slip when a marketer types a text value.
    private func bareWordError() -> SyntaxError {
        var end = index
        while end < bytes.count, isIdentifierByte(bytes[end]) { end += 1 }
        let word = String(decoding: bytes[index..<max(end, index + 1)], as: UTF8.self)
        return error(
            "unexpected word '\(word)': text needs double quotes, and the only bare words are true, false and null")
    }

    private mutating func enter() throws(SyntaxError) {
        depth += 1
        if depth > Self.maximumDepth { throw error("nesting deeper than \(Self.maximumDepth) levels") }
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private func peek(_ byte: UInt8) -> Bool { index < bytes.count && bytes[index] == byte }
    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    private func isIdentifierByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || isDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
    }

    private func decodeUTF8(_ slice: ArraySlice<UInt8>, at offset: Int) throws(SyntaxError) -> String {
        let text = slice.withUnsafeBufferPointer { buffer -> String? in
            // ASCII needs no validation; the generic validating initializer is the slow path.
            if buffer.allSatisfy({ $0 < 0x80 }) { return String(decoding: buffer, as: UTF8.self) }
            return String(validating: buffer, as: UTF8.self)
        }
        guard let text else {
            throw SyntaxError(offset: offset, message: "text is not valid UTF-8: save the file as UTF-8")
        }
        return text
    }

    private func controlCharacterError(_ byte: UInt8) -> SyntaxError {
        if byte == 0x0A {
            return error("line break inside text: close the text with '\"' or write \\n")
        }
        return error("control character (code \(byte)) inside text: write it as an escape such as \\t")
    }

    private func describeCurrent() -> String {
        guard index < bytes.count else { return "end of file" }
        let byte = bytes[index]
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        let hex = String(byte, radix: 16, uppercase: true)
        return "byte 0x" + (hex.count == 1 ? "0" + hex : hex)
    }

    private func error(_ message: String) -> SyntaxError { SyntaxError(offset: index, message: message) }
}
