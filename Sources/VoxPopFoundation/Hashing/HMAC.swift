/// HMAC-SHA256 (RFC 2104), held to the RFC 4231 test vectors.
///
/// VoxPop uses it to pseudonymise voter ids under a key kept outside the database, and (issue 5)
/// to check HS256 voter tokens.
public struct HMAC: Sendable {
    /// The hash states after the padded key, computed once: each message then costs two fewer
    /// SHA-256 blocks, which matters when every vote hashes its voter id.
    private let inner: SHA256
    private let outer: SHA256

    public init(key: [UInt8]) {
        var block = key.count > 64 ? SHA256.hash(key) : key
        block += [UInt8](repeating: 0, count: 64 - block.count)
        var inner = SHA256()
        inner.update(block.map { $0 ^ 0x36 })
        var outer = SHA256()
        outer.update(block.map { $0 ^ 0x5c })
        self.inner = inner
        self.outer = outer
    }

    /// Inlinable for the same reason as `SHA256.update`: specialised in the caller's module.
    @inlinable
    public func authenticate(_ message: some Sequence<UInt8>) -> [UInt8] {
        if let mac = message.withContiguousStorageIfAvailable({ authenticate($0) }) { return mac }
        return Array(message).withUnsafeBufferPointer { authenticate($0) }
    }

    public func authenticate(_ message: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var inner = self.inner
        inner.update(message)
        var outer = self.outer
        outer.update(inner.finalize())
        return outer.finalize()
    }

    public static func sha256(key: [UInt8], message: some Sequence<UInt8>) -> [UInt8] {
        HMAC(key: key).authenticate(message)
    }
}
