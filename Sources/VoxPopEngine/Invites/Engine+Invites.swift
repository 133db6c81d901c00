import VoxPopCampaigns
import VoxPopStore

extension Engine {
    /// The keyed hash an invite code is stored as (never the code itself), of its canonical form.
    func inviteHash(campaign: String, code: String) -> [UInt8] {
        key.pseudonym(campaign: campaign, voter: "invite-code\u{0}" + InviteCode.canonical(code))
    }

    /// Adds an invite campaign's codes: stored as keyed hashes, usable at once. Refuses them all
    /// when one is shorter than `InviteCode.minimumLength` (ignoring case, spaces and hyphens).
    /// Returns how many were new.
    public func addInvites(
        campaign: String, codes: [String], by operatorName: String = "operator", logged: Bool = true
    ) throws -> Int {
        guard let definition = self.campaign(campaign) else {
            throw EngineError(.unknownCampaign, "no campaign \(campaign)")
        }
        guard definition.audience == .invite else {
            throw EngineError(
                .notAnInviteCampaign,
                "campaign \(campaign) checks voters by \(definition.audience.identityName), not invites")
        }
        if let short = codes.first(where: { InviteCode.canonical($0).unicodeScalars.count < InviteCode.minimumLength })
        {
            throw EngineError(
                .refused,
                "invite code \"\(short)\" is shorter than \(InviteCode.minimumLength) characters and could be guessed; no code was added"
            )
        }
        let added = try store.addInvites(
            campaign: campaign,
            codes: codes.map {
                (
                    inviteHash(campaign: campaign, code: $0),
                    key.pseudonym(campaign: campaign, voter: Voter.invite($0).identity)
                )
            })
        // Only codes that may vote: re-adding a revoked code does not bring it back.
        let valid = try store.validInvites()[campaign] ?? []
        state.withLock { $0.invites[campaign] = valid }
        if logged { try record(operatorName, "invites", campaign, nil, "\(added) of \(codes.count) codes loaded") }
        return added
    }
}

extension Voter {
    /// The code of an invite holder.
    var inviteCode: String? {
        if case .invite(let code) = self { code } else { nil }
    }
}

extension Engine {
    /// Crockford's base32 alphabet (no I, L, O or U): what minted codes are spelled in.
    static let crockford = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// Mints `count` fresh invite codes for an invite campaign (at most 10,000 at a time): 130
    /// random bits each, in Crockford's base32, grouped by fives (`7KQ2M-...`), stored as keyed
    /// hashes. The codes themselves are shown once, in the answer; the database never has them.
    public func mintInvites(campaign: String, count: Int, by operatorName: String = "operator") throws -> [String] {
        guard (1...10_000).contains(count) else {
            throw EngineError(.refused, "mint 1 to 10,000 codes at a time, not \(count)")
        }
        var random = SystemRandomNumberGenerator()
        let codes = (0..<count).map { _ in
            let letters = (0..<26).map { _ in Self.crockford[Int(random.next() % 32)] }
            return stride(from: 0, to: 26, by: 5).map { String(decoding: letters[$0..<min($0 + 5, 26)], as: UTF8.self) }
                .joined(separator: "-")
        }
        _ = try addInvites(campaign: campaign, codes: codes, logged: false)
        try record(operatorName, "invites", campaign, nil, "\(count) codes minted")
        return codes
    }

    /// How many codes a campaign has, how many have voted, how many are revoked.
    public func inviteCounts(campaign: String) throws -> (total: Int, used: Int, revoked: Int) {
        guard let definition = self.campaign(campaign) else {
            throw EngineError(.unknownCampaign, "no campaign \(campaign)")
        }
        guard definition.audience == .invite else {
            throw EngineError(
                .notAnInviteCampaign,
                "campaign \(campaign) checks voters by \(definition.audience.identityName), not invites")
        }
        return try store.inviteCounts(campaign: campaign)
    }

    /// What became of each code an operator revoked.
    public enum Revocation: String, Sendable {
        /// It can no longer vote.
        case revoked
        /// It voted already; its vote stands and it stays.
        case used
        /// It is not one of the campaign's codes.
        case unknown
    }

    /// Revokes unused codes: a revoked code is refused as not the campaign's.
    public func revokeInvites(campaign: String, codes: [String], by operatorName: String = "operator") throws
        -> [(code: String, outcome: Revocation)]
    {
        _ = try inviteCounts(campaign: campaign)
        let hashes = codes.map { inviteHash(campaign: campaign, code: $0) }
        let outcomes = try store.revokeInvites(campaign: campaign, hashes: hashes, at: clock.now.milliseconds)
        let revoked = zip(hashes, outcomes).filter { $0.1 == .revoked }.map(\.0)
        state.withLock { state in for hash in revoked { state.invites[campaign]?.remove(hash) } }
        try record(operatorName, "revoke", campaign, nil, "\(revoked.count) of \(codes.count) codes revoked")
        return zip(codes, outcomes).map { code, outcome in
            (code, outcome == .revoked ? .revoked : outcome == .used ? .used : .unknown)
        }
    }
}
