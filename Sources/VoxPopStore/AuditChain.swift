import VoxPopFoundation

/// The hash chain over a ballot's accepted votes, from which receipts come.
///
/// chain₀ = SHA-256("voxpop audit chain" NUL campaign NUL ballot), and each accepted vote n gives
/// chainₙ = SHA-256(chainₙ₋₁ ‖ seq as 8 bytes big-endian ‖ voter pseudonym ‖ accepted-at
/// milliseconds as 8 bytes big-endian ‖ the vote's UTF-8 text). A published tally carries the
/// last chain value and the number of votes; anyone holding the database can recompute the chain
/// (`voxpop audit`) and see that no accepted vote was dropped, changed or reordered.
public enum AuditChain {
    public static func genesis(campaign: String, ballot: String) -> [UInt8] {
        SHA256.hash(Array("voxpop audit chain".utf8) + [0] + Array(campaign.utf8) + [0] + Array(ballot.utf8))
    }

    public static func next(_ previous: [UInt8], seq: Int64, voter: [UInt8], acceptedAt: Int64, vote: String) -> [UInt8]
    {
        var hasher = SHA256()
        hasher.update(previous)
        withUnsafeBytes(of: seq.bigEndian) { hasher.update($0.bindMemory(to: UInt8.self)) }
        hasher.update(voter)
        withUnsafeBytes(of: acceptedAt.bigEndian) { hasher.update($0.bindMemory(to: UInt8.self)) }
        var text = vote
        text.withUTF8 { hasher.update($0) }
        return hasher.finalize()
    }

    /// What the voter keeps: the vote's place in the log and the start of its chain value.
    public static func receipt(seq: Int64, chain: [UInt8]) -> String {
        "\(seq)-" + SHA256.hex(Array(chain.prefix(8)))
    }

    /// The log position and chain prefix of a receipt, if it is well formed.
    public static func parse(receipt: String) -> (seq: Int64, prefix: String)? {
        let parts = receipt.split(separator: "-")
        guard parts.count == 2, let seq = Int64(parts[0]), seq > 0, parts[1].count == 16,
            parts[1].allSatisfy({ $0.isHexDigit && !$0.isUppercase })
        else { return nil }
        return (seq, String(parts[1]))
    }
}
