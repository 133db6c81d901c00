/// The one spelling of an invite code under which it is stored and checked.
///
/// Codes are read aloud, retyped and pasted, so case, spaces and hyphens do not count, and the
/// letters Crockford's base32 reads as digits are those digits (I and L are 1, O is 0): `abcd-efgh
/// ijkl mnop` and `ABCDEFGH1JK1MN0P` are one code. Minted codes use Crockford's alphabet, so
/// nothing a voter could mistype is lost; an operator's own codes are compared the same way.
enum InviteCode {
    /// The shortest code taken: a shorter one can be guessed.
    static let minimumLength = 16

    static func canonical(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "-"), 0x09, 0x0A, 0x0D: continue
            case UInt8(ascii: "a")...UInt8(ascii: "z"): out.append(Self.crockford(byte - 0x20))
            default: out.append(Self.crockford(byte))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func crockford(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "I"), UInt8(ascii: "L"): UInt8(ascii: "1")
        case UInt8(ascii: "O"): UInt8(ascii: "0")
        default: byte
        }
    }
}
