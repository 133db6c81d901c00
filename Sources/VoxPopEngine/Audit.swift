import VoxPopCounting
import VoxPopFoundation
import VoxPopStore

/// Checks a campaign from its database alone: each ballot's audit chain is recomputed from the
/// logged votes, and each stored tally must equal a recount of the counted votes under the rules
/// frozen when the ballot opened. Needs no voter key: the chain covers the pseudonyms.
public enum Audit {
    public struct Report: Sendable {
        public var lines: [String] = []
        public var problems = 0
    }

    /// Audits one campaign of the database at `database`, opened without the voter key.
    public static func run(database: String, campaign: String) throws -> Report {
        let store = try VoteStores.open(database, key: nil)
        defer { store.close() }
        return try run(store: store, campaign: campaign)
    }

    public static func run(store: any VoteStore, campaign: String) throws -> Report {
        var report = Report()
        let ballots = try store.ballots(campaign: campaign)
        if ballots.isEmpty {
            report.problems += 1
            report.lines.append("\(campaign): no such campaign in \(store.location)")
        }
        for (name, record) in ballots {
            let log = try store.log(record.id)
            var chain = AuditChain.genesis(campaign: campaign, ballot: name)
            var broken: Int64?
            var counted: [String] = []
            var voters = Set<[UInt8]>()
            var twice = 0
            for vote in log {
                chain = AuditChain.next(
                    chain, seq: vote.seq, voter: vote.voter, acceptedAt: vote.acceptedAt, vote: vote.vote)
                if chain != vote.chain, broken == nil { broken = vote.seq }
                if vote.current {
                    counted.append(vote.vote)
                    if !voters.insert(vote.voter).inserted { twice += 1 }
                }
            }
            var line = "\(name) (\(record.state)): \(log.count) votes logged, \(counted.count) counted"
            if let broken {
                report.problems += 1
                line += "; CHAIN BROKEN at vote \(broken)"
            } else {
                line += "; chain verified, head \(SHA256.hex(chain))"
            }
            if twice > 0 {
                report.problems += 1
                line += "; \(twice) VOTERS COUNTED TWICE"
            }
            if let tally = record.tally, var definition = record.definition.flatMap(FrozenBallot.decode) {
                // An idea forum counts its public ideas beside the frozen options, as the engine
                // did when it counted (no idea becomes public once the ballot is closed).
                if definition.takesIdeas {
                    definition.options += try store.ideas(record.id).map(Idea.init).filter(\.status.isPublic).map(
                        \.option)
                }
                let recounted = try BallotCount.count(
                    definition, votes: counted.map { ($0, 1) },
                    adjustments: try Engine.adjustments(record.id, store: store))
                let recount = Engine.publicationJSON(recounted, campaign: campaign, ballot: name, digest: chain)
                if recount == tally {
                    line += "; the stored tally matches a recount"
                } else {
                    report.problems += 1
                    line += "; THE STORED TALLY DIFFERS FROM A RECOUNT"
                }
            }
            report.lines.append(line)
        }
        return report
    }
}
