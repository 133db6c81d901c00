/// HMAC-SHA256 (RFC 2104), held to the RFC 4231 test vectors.
///
/// VoxPop uses it to pseudonymise voter ids under a key kept outside the database, and (issue 5)
/// to check HS256 voter tokens.
public enum HMAC {
    public static func sha256(key: [UInt8], message: some Sequence<UInt8>) -> [UInt8] {
        var block = key.count > 64 ? SHA256.hash(key) : key
        block += [UInt8](repeating: 0, count: 64 - block.count)
        var inner = SHA256()
        inner.update(block.map { $0 ^ 0x36 })
        inner.update(message)
        var outer = SHA256()
        outer.update(block.map { $0 ^ 0x5c })
        outer.update(inner.finalize())
        return outer.finalize()
    }
}
