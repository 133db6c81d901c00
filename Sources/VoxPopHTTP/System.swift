import Glibc

/// An errno from a system call, named.
public struct SystemError: Error, Sendable, CustomStringConvertible {
    public var call: String
    public var errno: Int32

    public var description: String { "\(call): \(String(cString: strerror(errno)))" }
}

/// The one wrapper every socket call goes through: retries EINTR, turns EAGAIN into nil
/// ("would block"), and throws any other errno.
@inline(__always)
func syscall<T: BinaryInteger>(_ name: String, _ body: () -> T) throws(SystemError) -> T? {
    while true {
        let result = body()
        if result >= 0 { return result }
        switch errno {
        case EINTR: continue
        case EAGAIN, EWOULDBLOCK: return nil
        default: throw SystemError(call: name, errno: errno)
        }
    }
}
