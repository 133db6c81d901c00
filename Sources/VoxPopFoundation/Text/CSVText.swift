/// Text made safe as one CSV cell (RFC 4180), for published tallies and the console's invite
/// downloads alike.
///
/// Quotes a cell that holds a comma, a quote, a CR, an LF, a semicolon or a tab, doubling its
/// quotes. It puts a quote mark before text a spreadsheet would run as a formula: a cell whose
/// first Unicode scalar is `=`, `+`, `-`, `@`, a tab or a CR (a plain number such as -3 stays a
/// number), and likewise each part after a `;` or a tab: a spreadsheet in a Nordic or German
/// locale splits a line at `;` whatever the quotes say, so in `x;=1+1` the `=1+1` is a cell of
/// its own there.
/// Both work on scalars and bytes, never `Character`s, which glue a combining mark or a joiner to
/// the `,` or `"` that must be seen.
public enum CSVText {
    public static func cell(_ text: String) -> String {
        var guarded = String.UnicodeScalarView()
        // A leading tab is guarded as a formula's start (some readers trim it), and then splits.
        if text.unicodeScalars.first == "\t" { guarded.append("'") }
        var part = String.UnicodeScalarView()
        var first = true
        func flush() {
            if let start = part.first, formulaStarts.contains(start), !isPlainNumber(first ? text : String(part)) {
                guarded.append("'")
            }
            guarded.append(contentsOf: part)
            part = String.UnicodeScalarView()
            first = false
        }
        for scalar in text.unicodeScalars {
            if scalar == ";" || scalar == "\t" {
                flush()
                guarded.append(scalar)
                continue
            }
            part.append(scalar)
        }
        flush()
        let value = String(guarded)
        guard value.utf8.contains(where: { separators.contains($0) }) else {
            return value
        }
        var out: [UInt8] = [0x22]
        for byte in value.utf8 {
            out.append(byte)
            if byte == 0x22 { out.append(0x22) }
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }

    /// Rows of cells as CSV text, each line ended by CRLF.
    public static func rows(_ rows: [[String]]) -> String {
        rows.map { $0.map(cell).joined(separator: ",") + "\r\n" }.joined()
    }

    /// A decimal number as a spreadsheet reads one: a sign, digits, at most one point with digits
    /// after it, an optional exponent. Not `Double(_:)`, which also takes `-inf`, `-nan(A1)` and
    /// hex floats, texts a spreadsheet runs as formulas.
    static func isPlainNumber(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        func digits() -> Int {
            let count = bytes.prefix(while: { (0x30...0x39).contains($0) }).count
            bytes = bytes.dropFirst(count)
            return count
        }
        if let sign = bytes.first, sign == 0x2B || sign == 0x2D { bytes = bytes.dropFirst() }
        guard digits() > 0 else { return false }
        if bytes.first == 0x2E {
            bytes = bytes.dropFirst()
            guard digits() > 0 else { return false }
        }
        if let e = bytes.first, e == 0x65 || e == 0x45 {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == 0x2B || sign == 0x2D { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }

    /// `,` `"` LF CR `;` TAB: a cell holding any of them is quoted.
    private static let separators: Set<UInt8> = [0x2C, 0x22, 0x0A, 0x0D, 0x3B, 0x09]

    private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
}
