import Foundation
import VoxPopCampaigns
import VoxPopEngine
import VoxPopFoundation
import VoxPopHTTP

/// Who a vote's sender is, per campaign: a signed token, an invite code (which the engine checks
/// against the campaign's codes), or (for open campaigns) a name the client gives itself,
/// rate-limited per address.
final class VoterIdentity: Sendable {
    enum Refusal: Error, Equatable {
        /// 401: no credential, or one that does not check out.
        case missing(String)
        case invalid(String)
        /// 403: a valid credential of someone who may not vote here.
        case notEligible(String)
        /// 429: too many from one address; retry after the seconds given.
        case rateLimited(address: String, seconds: Int)
        /// 503: the server lacks what it needs to check (a token secret).
        case notConfigured(String)
    }

    /// Each token campaign's checker, made from its secret (absent while the secret is unset).
    private let tokens = Locked<[String: JWT]>([:])
    let limiter: AddressLimiter
    /// Wrong invite codes per address: 10, then one a minute.
    let inviteFailures = AddressLimiter(perSecond: 1.0 / 60, burst: 10)
    /// The longest a voter token may stay valid for.
    let tokenLifetime: Double

    init(environment: [String: String]) {
        let rate = Double(environment["VOXPOP_OPEN_RATE"] ?? "") ?? 5
        limiter = AddressLimiter(perSecond: rate, burst: max(1, rate * 10))
        tokenLifetime =
            Double(environment["VOXPOP_TOKEN_MAX_LIFETIME"] ?? "").flatMap { $0 > 0 ? $0 : nil }
            ?? 365 * 86_400
    }

    /// Reads each token campaign's secret from the environment; returns warnings for those unset.
    @discardableResult
    func update(_ campaigns: [Campaign], environment: [String: String]) -> [String] {
        var warnings: [String] = []
        var checkers: [String: JWT] = [:]
        for campaign in campaigns {
            guard case .token(let variable) = campaign.audience else { continue }
            if let secret = environment[variable], !secret.isEmpty {
                var checker = JWT(secret: Array(secret.utf8))
                checker.maximumLifetime = tokenLifetime
                checkers[campaign.id] = checker
            } else {
                warnings.append(
                    "campaign \(campaign.id): \(variable) is not set, so its voter tokens cannot be checked; its votes are refused (503) until it is"
                )
            }
        }
        tokens.withLock { $0 = checkers }
        return warnings
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

    /// Counts a wrong invite code sent from `address`: past ten, the address waits.
    func inviteRefused(from address: String, now: Date) {
        _ = inviteFailures.allow(address, now: now.timeIntervalSince1970)
    }

    /// The voter behind `credentials` on `campaign`, or why it may not vote. An invite code is
    /// passed on as it was sent, trimmed; the engine knows the campaign's codes.
    func voter(_ credentials: Credentials, campaign: Campaign, now: Date) -> Result<Voter, Refusal> {
        switch campaign.audience {
        case .token(let variable):
            let token: String
            switch credentials.token {
            case nil: return .failure(.missing("send the voter token as Authorization: Bearer <token>"))
            case .notBearer: return .failure(.invalid("the Authorization header must be Bearer <token>"))
            case .bearer(let value): token = value
            }
            guard let jwt = tokens.withLock({ $0[campaign.id] }) else {
                return .failure(.notConfigured("the server has no secret for this campaign's tokens (\(variable))"))
            }
            do {
                return .success(.token(try jwt.voter(from: token, audience: campaign.id, now: now)))
            } catch {
                return .failure(.invalid(error.description))
            }
        case .invite:
            let code = credentials.inviteCode?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard !code.isEmpty else {
                return .failure(.missing("send your invite code as X-Invite-Code (or \"invite\" in the body)"))
            }
            let seconds = now.timeIntervalSince1970
            guard inviteFailures.hasToken(credentials.peer, now: seconds) else {
                return .failure(
                    .rateLimited(
                        address: credentials.peer, seconds: inviteFailures.wait(credentials.peer, now: seconds)))
            }
            return .success(.invite(code))
        case .open:
            guard let voter = credentials.voterID, !voter.isEmpty, voter.utf8.count <= 200 else {
                return .failure(.missing("name yourself with an X-Voter-Id header (at most 200 bytes)"))
            }
            guard limiter.allow(credentials.peer, now: now.timeIntervalSince1970) else {
                return .failure(.rateLimited(address: credentials.peer, seconds: 1))
            }
            return .success(.open(voter))
        }
    }
}
