import Foundation
import Testing
import VoxPopFoundation
import VoxPopTestSupport

@testable import VoxPopWeb

/// HS256 voter tokens, held to RFC 7515 appendix A.1 (the example token of RFC 7519 section 3.1)
/// and to the RFC 4648 base64 vectors.
@Suite struct JWTTests {
    /// RFC 7515 A.1: the JWK "k" of the example's HMAC key, and the token it signs.
    static let rfcKey = Base64URL.decode(
        Array("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow".utf8))!
    static let rfcToken =
        "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"

    @Test func base64URLMatchesRFC4648Vectors() {
        let vectors = [
            "": "", "f": "Zg", "fo": "Zm8", "foo": "Zm9v", "foob": "Zm9vYg", "fooba": "Zm9vYmE", "foobar": "Zm9vYmFy",
        ]
        for (plain, encoded) in vectors {
            #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
            #expect(Base64URL.decode(Array(encoded.utf8)) == Array(plain.utf8))
        }
        #expect(Base64URL.encode([0xfb, 0xff]) == "-_8")  // the URL-safe letters
        #expect(Base64URL.decode(Array("Zg==".utf8)) == nil)  // no padding in JWTs
        #expect(Base64URL.decode(Array("Z".utf8)) == nil)
        #expect(Base64URL.decode(Array("Zh".utf8)) == nil)  // non-zero leftover bits
        #expect(Base64URL.decode(Array("Zm+v".utf8)) == nil)
    }

    @Test func rfcExampleTokenVerifies() throws {
        let claims = try JWT(secret: Self.rfcKey).verify(Self.rfcToken)
        #expect(claims.expires == 1_300_819_380)
        #expect(claims.subject == nil)
    }

    @Test func rfcExampleWithOneChangedByteIsRefused() {
        // "joe" becomes "jse" in the payload: the signature no longer matches.
        let mangled = Self.rfcToken.replacingOccurrences(of: "eyJpc3MiOiJqb2UiLA0K", with: "eyJpc3MiOiJqc2UiLA0K")
        #expect(throws: JWT.Problem.badSignature) { try JWT(secret: Self.rfcKey).verify(mangled) }
        #expect(throws: JWT.Problem.badSignature) { try JWT(secret: Array("other".utf8)).verify(Self.rfcToken) }
    }

    @Test func signedTokensCarryTheVoterForTheirCampaignUntilTheyExpire() throws {
        let jwt = JWT(secret: Array("s3cret".utf8))
        let issued = Date(timeIntervalSince1970: 1_800_000_000)
        let token = jwt.sign(subject: "ann@example.com", audience: "idea-forum", issuedAt: issued, lifetime: 600)
        #expect(try jwt.voter(from: token, audience: "idea-forum", now: issued) == "ann@example.com")
        #expect(try jwt.voter(from: token, audience: "idea-forum", now: issued + 620) == "ann@example.com")  // leeway
        #expect(throws: JWT.Problem.expired) { try jwt.voter(from: token, audience: "idea-forum", now: issued + 631) }
        #expect(throws: JWT.Problem.wrongAudience) { try jwt.voter(from: token, audience: "quick-poll", now: issued) }
    }

    @Test func algorithmsOtherThanHS256AreRefused() {
        let jwt = JWT(secret: Array("s3cret".utf8))
        let payload = Base64URL.encode(Array(#"{"sub":"x","aud":"c","exp":9999999999}"#.utf8))
        for alg in ["none", "HS512", "RS256"] {
            let header = Base64URL.encode(Array(#"{"alg":"\#(alg)","typ":"JWT"}"#.utf8))
            #expect(throws: JWT.Problem.unsupportedAlgorithm(alg)) { try jwt.verify("\(header).\(payload).") }
        }
    }

    @Test func malformedTokensAreRefusedWithAReason() {
        let jwt = JWT(secret: Array("s3cret".utf8))
        for token in ["", "abc", "a.b", "a.b.c.d", "!!!.e30.", "e30.e30.", "bnVsbA.e30."] {
            #expect(throws: JWT.Problem.self) { try jwt.verify(token) }
        }
        let header = Base64URL.encode(Array(#"{"alg":"HS256"}"#.utf8))
        let noExpiry = header + "." + Base64URL.encode(Array(#"{"sub":"x","aud":"c"}"#.utf8))
        let signed = noExpiry + "." + Base64URL.encode(HMACForTests.sign("s3cret", noExpiry))
        #expect(throws: JWT.Problem.malformed("the token has no exp claim")) {
            try jwt.voter(from: signed, audience: "c", now: Date())
        }
    }

    /// A signed token with this header and these claims.
    static func token(header: String, claims: String, secret: String = "s3cret") -> String {
        let signing = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(claims.utf8))
        return signing + "." + Base64URL.encode(HMACForTests.sign(secret, signing))
    }

    @Test func criticalExtensionsAreRefusedAsRFC7515Says() throws {
        let jwt = JWT(secret: Array("s3cret".utf8))
        let claims = #"{"sub":"x","aud":"c","exp":1800000600}"#
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        for header in [
            #"{"alg":"HS256","crit":["exp"],"exp":1}"#, #"{"alg":"HS256","crit":[]}"#,
            #"{"alg":"HS256","typ":"JWT","crit":["b64"],"b64":false}"#,
        ] {
            #expect(throws: JWT.Problem.criticalExtensions) {
                try jwt.voter(from: Self.token(header: header, claims: claims), audience: "c", now: now)
            }
        }
        #expect(
            try jwt.voter(from: Self.token(header: #"{"alg":"HS256"}"#, claims: claims), audience: "c", now: now) == "x"
        )
    }

    @Test func aTokenValidForLongerThanTheServerAllowsIsRefused() throws {
        var jwt = JWT(secret: Array("s3cret".utf8))
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let year = 365 * 86_400
        let farOff = Self.token(
            header: #"{"alg":"HS256"}"#, claims: #"{"sub":"x","aud":"c","exp":\#(1_800_000_000 + 2 * year)}"#)
        #expect(throws: JWT.Problem.lifetimeTooLong(maximum: Double(year))) {
            try jwt.voter(from: farOff, audience: "c", now: now)
        }
        let forever = Self.token(header: #"{"alg":"HS256"}"#, claims: #"{"sub":"x","aud":"c","exp":1e300}"#)
        #expect(throws: JWT.Problem.self) { try jwt.voter(from: forever, audience: "c", now: now) }
        let month = Self.token(
            header: #"{"alg":"HS256"}"#, claims: #"{"sub":"x","aud":"c","exp":\#(1_800_000_000 + 30 * 86_400)}"#)
        #expect(try jwt.voter(from: month, audience: "c", now: now) == "x")
        jwt.maximumLifetime = 7 * 86_400
        #expect(throws: JWT.Problem.lifetimeTooLong(maximum: Double(7 * 86_400))) {
            try jwt.voter(from: month, audience: "c", now: now)
        }
    }

    @Test func secretsAreComparedWholly() {
        #expect(constantTimeEqual(Array("abc".utf8), Array("abc".utf8)))
        #expect(!constantTimeEqual(Array("abc".utf8), Array("abd".utf8)))
        #expect(!constantTimeEqual(Array("abc".utf8), Array("abcd".utf8)))
    }
}

enum HMACForTests {
    static func sign(_ key: String, _ message: String) -> [UInt8] {
        VoxPopFoundation.HMAC.sha256(key: Array(key.utf8), message: Array(message.utf8))
    }
}
