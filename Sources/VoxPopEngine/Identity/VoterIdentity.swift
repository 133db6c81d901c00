import Foundation
import VoxPopCampaigns
import VoxPopHTTP
import VoxPopStore

/// Who a vote's sender is, per campaign: a signed token, an invite code, or (for open
/// campaigns) a name the client gives itself, rate-limited per address.
final class VoterIdentity: @unchecked Sendable {
    // @unchecked: `tokens` and `invites` only under `lock`.
    enum Refusal: Error, Equatable {
        /// 401: no credential, or one that does not check out.
        case missing(String)
        case invalid(String)
        /// 403: a valid credential of someone who may not vote here.
        case notEligible(String)
        /// 429
        case rateLimited
        /// 503: the server lacks what it needs to check (a token secret).
        case notConfigured(String)
    }

    private let lock = NSLock()
    private var tokens: [String: JWT] = [:]
    private var missingSecrets: [String: String] = [:]
    private var invites: [String: Set<[UInt8]>]
    private let key: VoterKey
    let limiter: AddressLimiter
    /// The campaigns whose token secret was missing at start.
    private(set) var startWarnings: [String] = []

    init(campaigns: [Campaign], environment: [String: String], key: VoterKey, invites: [String: Set<[UInt8]>]) {
        self.key = key
        self.invites = invites
        let rate = Double(environment["VOXPOP_OPEN_RATE"] ?? "") ?? 5
        limiter = AddressLimiter(perSecond: rate, burst: max(1, rate * 10))
        startWarnings = update(campaigns, environment: environment)
    }

    /// Reads each token campaign's secret from the environment; returns warnings for those unset.
    @discardableResult
    func update(_ campaigns: [Campaign], environment: [String: String]) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        var warnings: [String] = []
        for campaign in campaigns {
            guard case .token(let variable) = campaign.audience else { continue }
            if let secret = environment[variable], !secret.isEmpty {
                tokens[campaign.id] = JWT(secret: Array(secret.utf8))
                missingSecrets[campaign.id] = nil
            } else {
                tokens[campaign.id] = nil
                missingSecrets[campaign.id] = variable
                warnings.append(
                    "campaign \(campaign.id): \(variable) is not set, so its voter tokens cannot be checked; its votes are refused (503) until it is"
                )
            }
        }
        return warnings
    }

    /// The keyed hash an invite code is stored as (never the code itself).
    func inviteHash(campaign: String, code: String) -> [UInt8] {
        key.pseudonym(campaign: campaign, voter: "invite-code\u{0}" + code)
    }

    func addInvites(campaign: String, hashes: [[UInt8]]) {
        lock.withLock { invites[campaign, default: []].formUnion(hashes) }
    }

    /// What a vote's sender presents: from the API's headers, or from the voting page's form.
    struct Credentials: Sendable {
        enum Token: Sendable {
            case bearer(String)
            /// An `Authorization` header that is not `Bearer <token>`.
            case notBearer
        }
        var token: Token?
        var inviteCode: String?
        /// The name an open campaign's voter gives itself.
        var voterID: String?
        /// The client's address, for open campaigns' rate limit.
        var peer: String

        init(token: Token?, inviteCode: String?, voterID: String?, peer: String) {
            self.token = token
            self.inviteCode = inviteCode
            self.voterID = voterID
            self.peer = peer
        }

        /// The API's: `Authorization: Bearer`, `X-Invite-Code` (or the body's `invite`), `X-Voter-Id`.
        init(request: HTTPRequest, bodyInvite: String?) {
            // On the bytes: counting a long token's Characters cost more than checking it.
            token = request.header("Authorization").map { value in
                let bytes = value.utf8
                guard bytes.count > 7, HTTPRequest.equalIgnoringASCIICase(bytes.prefix(7), "bearer ".utf8) else {
                    return .notBearer
                }
                return .bearer(String(decoding: bytes.dropFirst(7), as: UTF8.self))
            }
            inviteCode = bodyInvite ?? request.header("X-Invite-Code")
            voterID = request.header("X-Voter-Id")
            peer = request.peer
        }
    }

    /// The voter id behind `credentials` on `campaign`, or why it may not vote.
    func voter(_ credentials: Credentials, campaign: Campaign, now: Date) -> Result<String, Refusal> {
        switch campaign.audience {
        case .token(let variable):
            let token: String
            switch credentials.token {
            case nil: return .failure(.missing("send the voter token as Authorization: Bearer <token>"))
            case .notBearer: return .failure(.invalid("the Authorization header must be Bearer <token>"))
            case .bearer(let value): token = value
            }
            guard let jwt = lock.withLock({ tokens[campaign.id] }) else {
                return .failure(.notConfigured("the server has no secret for this campaign's tokens (\(variable))"))
            }
            do {
                return .success(try jwt.voter(from: token, audience: campaign.id, now: now))
            } catch {
                return .failure(.invalid(error.description))
            }
        case .invite:
            guard let code = credentials.inviteCode, !code.isEmpty else {
                return .failure(.missing("send your invite code as X-Invite-Code (or \"invite\" in the body)"))
            }
            let hash = inviteHash(campaign: campaign.id, code: code)
            guard lock.withLock({ invites[campaign.id]?.contains(hash) ?? false }) else {
                return .failure(.notEligible("this invite code is not one of this campaign's"))
            }
            return .success("invite\u{0}" + code)
        case .open:
            guard let voter = credentials.voterID, !voter.isEmpty, voter.utf8.count <= 200 else {
                return .failure(.missing("name yourself with an X-Voter-Id header (at most 200 bytes)"))
            }
            guard limiter.allow(credentials.peer, now: now.timeIntervalSince1970) else {
                return .failure(.rateLimited)
            }
            return .success("open\u{0}" + voter)
        }
    }
}
