/// Compares secrets in time that depends only on their lengths, so that timing the answers to
/// forged tokens or operator keys tells an attacker nothing about the right one.
/// Inlinable: a generic call across modules would walk the bytes through witness tables.
@inlinable
public func constantTimeEqual(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for (x, y) in zip(a, b) { difference |= x ^ y }
    return difference == 0
}
