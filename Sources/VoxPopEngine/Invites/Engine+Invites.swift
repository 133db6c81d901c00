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
    public func addInvites(campaign: String, codes: [String]) throws -> Int {
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
        let hashes = codes.map { inviteHash(campaign: campaign, code: $0) }
        let added = try store.addInvites(campaign: campaign, hashes: hashes)
        state.withLock { $0.invites[campaign, default: []].formUnion(hashes) }
        return added
    }
}

extension Voter {
    /// The code of an invite holder.
    var inviteCode: String? {
        if case .invite(let code) = self { code } else { nil }
    }
}
