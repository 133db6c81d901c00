import VoxPopFoundation

extension Engine {
    /// The vote that counts now for `voter` on a ballot, so a page can show a returning voter
    /// what they chose (a revote then changes it rather than starting blank). Reads the store.
    public func currentVote(campaign: String, ballot: String, voter: Voter) throws -> Vote? {
        guard let id = runtimeOf(Reference(campaign: campaign, ballot: ballot))?.id else { return nil }
        let pseudonym = key.pseudonym(campaign: campaign, voter: voter.identity)
        return try store.currentVote(id, voter: pseudonym).flatMap(Vote.init(text:))
    }

    /// A voter's own order of a ballot's options: the same for them on every visit, different
    /// for another voter, and unknowable from outside (keyed like their pseudonym), so no option
    /// gains from coming first. `seed` is who the voter is: a `Voter`'s identity, or a browser's
    /// random cookie while nobody is signed in.
    public func shuffled(_ ids: [String], campaign: String, ballot: String, seed: String) -> [String] {
        let order = key.pseudonym(campaign: campaign, voter: "option order\u{0}\(ballot)\u{0}\(seed)")
        return ids.map { id in (SHA256.hash(order + Array(id.utf8)), id) }
            .sorted { $0.0.lexicographicallyPrecedes($1.0) }.map(\.1)
    }
}

extension Voter {
    /// What orders this voter's options (`Engine.shuffled`).
    public var orderSeed: String { identity }
}
