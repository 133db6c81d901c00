import Foundation
import VoxPopFoundation

/// Voter tokens: JSON Web Tokens (RFC 7519) signed with HMAC-SHA256 (JWS "HS256", RFC 7515).
///
/// Only HS256 is accepted, whatever the header asks ("none" and every other algorithm are
/// refused), so a token cannot choose how it is checked. The claims VoxPop relies on: `sub` (the
/// voter id), `aud` (the campaign id, a string or a list holding it), `exp` (required), and `nbf`
/// when present; times are checked with a small leeway for clocks that disagree.
public struct JWT: Sendable {
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case malformed(String)
        case unsupportedAlgorithm(String)
        case badSignature
        case expired
        case notYetValid
        case wrongAudience
        case missingSubject
        /// The header names critical extensions (`crit`), none of which this server implements.
        case criticalExtensions
        /// The token stays valid longer than the server accepts.
        case lifetimeTooLong(maximum: Double)

        public var description: String {
            switch self {
            case .malformed(let why): "the token is malformed: \(why)"
            case .unsupportedAlgorithm(let alg): "the token is signed with \(alg); only HS256 is accepted"
            case .badSignature: "the token's signature does not match"
            case .expired: "the token has expired"
            case .notYetValid: "the token is not valid yet"
            case .wrongAudience: "the token is for another campaign"
            case .missingSubject: "the token names no voter (sub)"
            case .criticalExtensions: "the token's header marks extensions as critical (crit); none is supported"
            case .lifetimeTooLong(let maximum):
                "the token expires more than \(Int(maximum / 86_400)) days from now; mint one with a shorter lifetime"
            }
        }
    }

    /// The claims of a checked token.
    public struct Claims: Sendable, Equatable {
        public var subject: String?
        public var audience: [String]
        public var expires: Double?
        public var notBefore: Double?
    }

    private let mac: HMAC
    /// Seconds of clock difference forgiven on `exp` and `nbf`.
    public var leeway: Double = 30
    /// The longest a token may still be valid for (`exp` at most this far ahead): a leaked
    /// token that never expires would be a vote forever. A year unless the server says otherwise.
    public var maximumLifetime: Double = 365 * 86_400

    public init(secret: [UInt8]) {
        mac = HMAC(key: secret)
    }

    /// Checks the signature and decodes the claims, without judging them.
    public func verify(_ token: String) throws(Problem) -> Claims {
        let bytes = Array(token.utf8)
        let dots = bytes.indices.filter { bytes[$0] == UInt8(ascii: ".") }
        guard dots.count == 2 else { throw .malformed("it must have three parts separated by '.'") }
        let headerPart = bytes[..<dots[0]]
        let payloadPart = bytes[(dots[0] + 1)..<dots[1]]
        let signaturePart = bytes[(dots[1] + 1)...]
        // Nearly every HS256 token carries this very header; it needs no decoding to be known.
        if !headerPart.elementsEqual(Self.usualHeader) {
            guard let header = Base64URL.decode(headerPart), let headerJSON = try? JSONReader.parse(header),
                case .object(let headerMembers) = headerJSON.value
            else { throw .malformed("the header is not base64url-encoded JSON") }
            guard case .string(let algorithm)? = headerMembers.first(where: { $0.key == "alg" })?.value.value else {
                throw .malformed("the header names no algorithm")
            }
            guard algorithm == "HS256" else { throw .unsupportedAlgorithm(algorithm) }
            // RFC 7515 section 4.1.11: a recipient that does not understand a listed extension
            // must refuse the token; VoxPop understands none.
            if headerMembers.contains(where: { $0.key == "crit" }) { throw .criticalExtensions }
        }
        guard let signature = Base64URL.decode(signaturePart) else {
            throw .malformed("the signature is not base64url")
        }
        guard constantTimeEqual(mac.authenticate(bytes[..<dots[1]]), signature) else { throw .badSignature }
        guard let payload = Base64URL.decode(payloadPart), let payloadJSON = try? JSONReader.parse(payload),
            case .object(let members) = payloadJSON.value
        else { throw .malformed("the payload is not base64url-encoded JSON") }
        var claims = Claims(subject: nil, audience: [], expires: nil, notBefore: nil)
        for member in members {
            switch (member.key, member.value.value) {
            case ("sub", .string(let subject)): claims.subject = subject
            case ("aud", .string(let audience)): claims.audience = [audience]
            case ("aud", .array(let list)):
                claims.audience = list.compactMap { if case .string(let text) = $0.value { text } else { nil } }
            case ("exp", .number(let seconds, _)): claims.expires = seconds
            case ("nbf", .number(let seconds, _)): claims.notBefore = seconds
            case ("sub", _), ("aud", _), ("exp", _), ("nbf", _):
                throw .malformed("the claim \(member.key) has the wrong type")
            default: continue
            }
        }
        return claims
    }

    /// The voter id of a token that is valid now for `audience`.
    public func voter(from token: String, audience: String, now: Date) throws(Problem) -> String {
        let claims = try verify(token)
        let seconds = now.timeIntervalSince1970
        guard let expires = claims.expires else { throw .malformed("the token has no exp claim") }
        guard seconds < expires + leeway else { throw .expired }
        guard expires - seconds <= maximumLifetime + leeway else { throw .lifetimeTooLong(maximum: maximumLifetime) }
        if let notBefore = claims.notBefore, seconds + leeway < notBefore { throw .notYetValid }
        guard claims.audience.contains(audience) else { throw .wrongAudience }
        guard let subject = claims.subject, !subject.isEmpty else { throw .missingSubject }
        return subject
    }

    /// `{"alg":"HS256","typ":"JWT"}`, base64url-encoded: the header `sign` writes, as most
    /// libraries do.
    private static let usualHeader = Array(Base64URL.encode(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8)).utf8)

    /// A signed token for a voter of a campaign (`voxpop token`, tests and load generators).
    public func sign(subject: String, audience: String, issuedAt: Date, lifetime: Double) -> String {
        let iat = Int(issuedAt.timeIntervalSince1970)
        let header = String(decoding: Self.usualHeader, as: UTF8.self)
        let payload = Base64URL.encode(
            Array(
                #"{"sub":\#(JSONText.string(subject)),"aud":\#(JSONText.string(audience)),"iat":\#(iat),"exp":\#(iat + Int(lifetime))}"#
                    .utf8))
        let signed = header + "." + payload
        return signed + "." + Base64URL.encode(mac.authenticate(Array(signed.utf8)))
    }
}
