import Foundation
import VoxPopFoundation
import VoxPopStore

extension Engine {
    /// How long a console session lasts before its operator signs in again.
    public static let sessionLifetime: TimeInterval = 12 * 3600

    /// Starts a console session for an operator already checked by their key: a fresh random
    /// token for the browser's cookie, stored only as its hash.
    public func startSession(operator name: String) throws -> String {
        var random = SystemRandomNumberGenerator()
        let token = Base64URL.encode((0..<32).map { _ in UInt8.random(in: 0...255, using: &random) })
        let now = clock.now
        try store.startSession(
            id: SHA256.hash(Array(token.utf8)), operator: name, at: now.milliseconds,
            expiresAt: now.addingTimeInterval(Self.sessionLifetime).milliseconds)
        return token
    }

    /// The operator whose live session `token` is, or nil (unknown, ended or expired).
    public func sessionOperator(_ token: String) throws -> String? {
        try store.sessionOperator(id: SHA256.hash(Array(token.utf8)), now: clock.now.milliseconds)
    }

    /// Ends a session: its token opens nothing any more.
    public func endSession(_ token: String) throws {
        try store.endSession(id: SHA256.hash(Array(token.utf8)), at: clock.now.milliseconds)
    }
}
