import Foundation

// libFuzzer target: the JWT check.
//
// Oracles beyond "no crash": arbitrary text never verifies under the secret (a forged token
// would need the secret), and a token signed here for any subject verifies back to that subject.
private let jwt = JWT(secret: Array("fuzzing secret".utf8))
private let now = Date(timeIntervalSince1970: 1_800_000_000)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJWT(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)
    if let claims = try? jwt.verify(text) {
        // Only a token this target signed can verify: fuzz input is never signed with our secret
        // unless libFuzzer rebuilt an HMAC, which would be a broken signature check.
        preconditionFailure("an unsigned input verified: \(claims)")
    }
    _ = try? jwt.voter(from: text, audience: "campaign", now: now)

    let token = jwt.sign(subject: text, audience: "campaign", issuedAt: now, lifetime: 60)
    do {
        let voter = try jwt.voter(from: token, audience: "campaign", now: now)
        precondition(voter == text || text.isEmpty, "the subject changed on the way: \(voter) != \(text)")
    } catch {
        precondition(text.isEmpty, "a token signed here was refused: \(error)")
    }
    return 0
}
