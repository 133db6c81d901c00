/// Base64 with the URL-safe alphabet and no padding (RFC 4648 section 5), as JWTs use it.
public enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    private static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = Int8(index) }
        return table
    }()

    @inlinable
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        if let text = bytes.withContiguousStorageIfAvailable({ encode(buffer: $0) }) { return text }
        return Array(bytes).withUnsafeBufferPointer { encode(buffer: $0) }
    }

    /// Inlinable entry points over these two: specialised in the caller's module, while the work
    /// runs on a buffer here (a generic call across modules walks the bytes through witness tables).
    public static func encode(buffer bytes: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var bits: UInt32 = 0
        var count = 0
        for byte in bytes {
            bits = bits << 8 | UInt32(byte)
            count += 8
            while count >= 6 {
                count -= 6
                out.append(alphabet[Int(bits >> UInt32(count) & 63)])
            }
        }
        if count > 0 { out.append(alphabet[Int(bits << UInt32(6 - count) & 63)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Nil for a character outside the alphabet, padding, or a length no encoding has.
    @inlinable
    public static func decode(_ text: some Collection<UInt8>) -> [UInt8]? {
        if let bytes = text.withContiguousStorageIfAvailable({ decode(buffer: $0) }) { return bytes }
        return Array(text).withUnsafeBufferPointer { decode(buffer: $0) }
    }

    public static func decode(buffer text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard text.count % 4 != 1 else { return nil }
        // Written into the array's storage and read through the table's pointer: every vote
        // decodes a token's three parts, and appending byte by byte cost several times more.
        var valid = true
        var bits: UInt32 = 0
        var count = 0
        let out = values.withUnsafeBufferPointer { values in
            [UInt8](unsafeUninitializedCapacity: text.count * 3 / 4) { buffer, written in
                for character in text {
                    let value = values[Int(character)]
                    guard value >= 0 else {
                        valid = false
                        return
                    }
                    bits = bits << 6 | UInt32(value)
                    count += 6
                    if count >= 8 {
                        count -= 8
                        buffer[written] = UInt8(truncatingIfNeeded: bits >> UInt32(count))
                        written += 1
                    }
                }
            }
        }
        // Leftover bits must be zero, so each byte string has exactly one encoding.
        guard valid, bits & ((1 << UInt32(count)) - 1) == 0 else { return nil }
        return out
    }
}
