import Foundation
import VoxPopFoundation

/// The secret under which voter ids are stored as keyed hashes, kept outside the database.
///
/// Voters are often identified by phone number or e-mail; the database holds only
/// HMAC-SHA256(key, campaign + NUL + voter id), cut to 16 bytes. Without the key, the database
/// cannot be linked back to people, and a new key would let every voter vote again, so a store
/// refuses to open votes written under another key.
public struct VoterKey: Sendable {
    private let mac: HMAC

    public init(bytes: [UInt8]) {
        mac = HMAC(key: bytes)
    }

    /// The stored form of a voter id for one campaign (per campaign, so campaigns cannot be linked).
    public func pseudonym(campaign: String, voter: String) -> [UInt8] {
        Array(mac.authenticate(Array(campaign.utf8) + [0] + Array(voter.utf8)).prefix(16))
    }

    /// What the database keeps to recognise its key without holding it.
    var check: [UInt8] { mac.authenticate(Array("voxpop voter key check".utf8)) }

    /// The key from `VOXPOP_VOTER_KEY`, else from the file beside the database (`FILE.key`),
    /// created with mode 0600 and 32 random bytes when neither exists.
    public static func load(databasePath: String, environment: [String: String]) throws(StoreError) -> VoterKey {
        if let value = environment["VOXPOP_VOTER_KEY"], !value.isEmpty {
            return VoterKey(bytes: Array(value.utf8))
        }
        let path = databasePath + ".key"
        if let data = FileManager.default.contents(atPath: path) {
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { throw StoreError("the voter key file \(path) is empty") }
            return VoterKey(bytes: Array(text.utf8))
        }
        var random = SystemRandomNumberGenerator()
        let hex = SHA256.hex((0..<32).map { _ in UInt8.random(in: 0...255, using: &random) })
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            throw StoreError("cannot create the voter key file \(path): \(String(cString: strerror(errno)))")
        }
        let line = Array((hex + "\n").utf8)
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor)
        close(descriptor)
        guard written == line.count, synced == 0 else { throw StoreError("cannot write the voter key file \(path)") }
        return VoterKey(bytes: Array(hex.utf8))
    }
}

/// A store that cannot open, with what to do about it.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
