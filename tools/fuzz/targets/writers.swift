import Foundation

// libFuzzer target: the writers voter text meets on its way out (HTML, CSV, JSON), on any bytes.
//
// Oracles: escaped HTML holds none of the bytes that start markup or end an attribute, and reads
// back as the text; a CSV cell reads back as the text, quote marks aside, without splitting into
// more cells at a comma, and no part of it that a spreadsheet splits off at a semicolon or a tab
// starts a formula; a JSON string reads back as the text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWriters(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)

    let html = HTMLText.escape(text)
    precondition(
        !html.utf8.contains { $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 == 0 },
        "markup survived escaping: \(html.debugDescription)")
    var unescaped = Array(html.utf8)[...]
    var back: [UInt8] = []
    let entities: [(String, UInt8)] = [
        ("&amp;", 0x26), ("&lt;", 0x3C), ("&gt;", 0x3E), ("&quot;", 0x22), ("&#39;", 0x27),
    ]
    while let byte = unescaped.first {
        if byte == 0x26, let (entity, value) = entities.first(where: { unescaped.starts(with: $0.0.utf8) }) {
            back.append(value)
            unescaped = unescaped.dropFirst(entity.utf8.count)
        } else {
            back.append(byte)
            unescaped = unescaped.dropFirst()
        }
    }
    var expected = String.UnicodeScalarView()
    expected.append(contentsOf: text.unicodeScalars.map { $0 == "\u{0}" ? "\u{FFFD}" : $0 })
    precondition(String(decoding: back, as: UTF8.self) == String(expected), "HTML does not read back")

    let cell = PublicationCSV.cell(text)
    var value = Array(cell.utf8)
    if value.first == 0x22 {
        precondition(value.count >= 2 && value.last == 0x22, "an opened quote is not closed: \(cell.debugDescription)")
        var inner = value.dropFirst().dropLast()[...]
        value = []
        while let byte = inner.first {
            inner = inner.dropFirst()
            if byte == 0x22 {
                precondition(inner.first == 0x22, "a lone quote inside a quoted cell: \(cell.debugDescription)")
                inner = inner.dropFirst()
            }
            value.append(byte)
        }
    } else {
        precondition(
            !value.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D || $0 == 0x3B || $0 == 0x09 },
            "a bare separator: \(cell.debugDescription)")
    }
    let read = String(decoding: value, as: UTF8.self)
    // Only quote marks are added, each before a part that would run as a formula.
    let unmarked = { (text: String) in String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != "'" })) }
    precondition(unmarked(read) == unmarked(text), "the cell \(cell.debugDescription) reads as something else")
    // No part (the cell, or what follows a `;` or a tab, where a Nordic spreadsheet splits)
    // starts a formula, unless it is a plain number.
    var parts: [String] = []
    var part = String.UnicodeScalarView()
    for scalar in read.unicodeScalars {
        if scalar == ";" || scalar == "\t" {
            parts.append(String(part))
            part = String.UnicodeScalarView()
        } else {
            part.append(scalar)
        }
    }
    parts.append(String(part))
    for (index, part) in parts.enumerated() {
        guard let first = part.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { continue }
        precondition(
            Double(index == 0 ? read : part) != nil,
            "a formula went unguarded: \(text.debugDescription) as \(cell.debugDescription)")
    }

    let json = JSONText.string(text)
    guard let node = try? JSONReader.parse(Array(json.utf8)), case .string(let decoded) = node.value else {
        preconditionFailure("not a JSON string: \(json.debugDescription)")
    }
    precondition(decoded == String(decoding: Array(text.utf8), as: UTF8.self), "the JSON string reads back otherwise")
    return 0
}
