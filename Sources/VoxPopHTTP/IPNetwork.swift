import Glibc

/// An IPv4 or IPv6 address, IPv4 held as IPv4-mapped IPv6 (`::ffff:a.b.c.d`) so that one
/// comparison serves both.
struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// The 128 bits, most significant first.
    var high: UInt64
    var low: UInt64

    /// An IPv4 address in network byte order, as the socket gives it.
    init(ipv4 networkOrder: UInt32) {
        high = 0
        low = 0xFFFF_0000_0000 | UInt64(UInt32(bigEndian: networkOrder))
    }

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Dotted IPv4 (`192.0.2.1`, no leading zeros) or IPv6 text (`2001:db8::1`, no brackets, no
    /// zone); nil for anything else, host names included.
    init?(_ text: some StringProtocol) {
        guard !text.isEmpty, text.utf8.count <= 45 else { return nil }
        let string = String(text)
        var v4 = in_addr()
        if inet_pton(AF_INET, string, &v4) == 1 {
            self.init(ipv4: v4.s_addr)
            return
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, string, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        self.init(
            high: bytes[0..<8].reduce(0) { $0 << 8 | UInt64($1) }, low: bytes[8..<16].reduce(0) { $0 << 8 | UInt64($1) }
        )
    }

    var isIPv4: Bool { high == 0 && low >> 32 == 0xFFFF }

    /// `192.0.2.1` for IPv4 (mapped or not), RFC 5952 text for IPv6.
    var description: String {
        if isIPv4 { return dotted(UInt32(truncatingIfNeeded: low).bigEndian) }
        var v6 = in6_addr()
        withUnsafeMutableBytes(of: &v6) { raw in
            for index in 0..<8 {
                raw[index] = UInt8(truncatingIfNeeded: high >> (56 - 8 * index))
                raw[8 + index] = UInt8(truncatingIfNeeded: low >> (56 - 8 * index))
            }
        }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(AF_INET6, &v6, &text, socklen_t(text.count)) != nil else { return "::" }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// An IPv4 or IPv6 network (`10.0.0.0/8`, `2001:db8::/32`) or single address (`127.0.0.1`,
/// `::1`): an entry of `HTTPServer.Configuration.trustedProxies`.
public struct IPNetwork: Sendable, Hashable, CustomStringConvertible {
    let address: IPAddress
    /// Prefix length in the 128-bit space (an IPv4 /24 is 120 here).
    let prefix: Int

    /// Parses CIDR notation or a single address. Host bits set below the prefix
    /// (`10.0.0.1/8`) are refused rather than guessed at, and so are host names, brackets and
    /// zone identifiers.
    public init(_ text: String) throws(TrustedProxiesError) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(parts[0]) else {
            throw TrustedProxiesError(
                entry: text, reason: "is not an IPv4 or IPv6 address or network (host names are not resolved)")
        }
        let bits = address.isIPv4 ? 32 : 128
        var length = bits
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].utf8.count <= 3, parts[1].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                let value = Int(parts[1]), value <= bits
            else {
                throw TrustedProxiesError(
                    entry: text, reason: "has a prefix length that is not a number from 0 to \(bits)")
            }
            length = value
        }
        let network = IPNetwork(address: address, prefix: length + 128 - bits)
        guard network.address == address else {
            throw TrustedProxiesError(
                entry: text, reason: "has bits set after its prefix; the network is \(network)")
        }
        self = network
    }

    /// 127.0.0.0/8, IPv4's loopback.
    public static let loopback = IPNetwork(address: IPAddress(ipv4: UInt32(0x7F00_0000).bigEndian), prefix: 104)

    /// The network of `address` with `prefix` leading bits (128-bit space); lower bits cleared.
    init(address: IPAddress, prefix: Int) {
        let masks = Self.masks(prefix)
        self.address = IPAddress(high: address.high & masks.high, low: address.low & masks.low)
        self.prefix = prefix
    }

    private static func masks(_ prefix: Int) -> (high: UInt64, low: UInt64) {
        let high: UInt64 = prefix >= 64 ? .max : prefix <= 0 ? 0 : UInt64.max << UInt64(64 - prefix)
        let low: UInt64 = prefix >= 128 ? .max : prefix <= 64 ? 0 : UInt64.max << UInt64(128 - prefix)
        return (high, low)
    }

    func contains(_ candidate: IPAddress) -> Bool {
        let masks = Self.masks(prefix)
        return candidate.high & masks.high == address.high && candidate.low & masks.low == address.low
    }

    /// CIDR text, `10.0.0.0/8` or `2001:db8::/32`; a single address without its prefix.
    public var description: String {
        let bits = address.isIPv4 && prefix >= 96 ? prefix - 96 : prefix
        return prefix == 128 ? address.description : "\(address)/\(bits)"
    }
}

/// An entry of a trusted proxy list that is not an address or network, with why.
public struct TrustedProxiesError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The entry as written.
    public var entry: String
    public var reason: String

    public var description: String { "trusted proxy '\(entry)' \(reason)" }
}

extension HTTPServer.Configuration {
    /// Parses a comma-separated list of trusted proxy addresses and networks, as given to
    /// `voxpop serve --trusted-proxies` or in `VOXPOP_TRUSTED_PROXIES`: IPv4 or IPv6, CIDR or
    /// single addresses, spaces around entries allowed. Empty text is the empty list; an empty
    /// entry (`a,,b`) or any malformed one throws, naming it.
    ///
    ///     configuration.trustedProxies = try HTTPServer.Configuration.parseTrustedProxies("127.0.0.1, ::1, 10.0.0.0/8")
    public static func parseTrustedProxies(_ text: String) throws(TrustedProxiesError) -> [IPNetwork] {
        guard text.contains(where: { $0 != " " && $0 != "\t" }) else { return [] }
        var networks: [IPNetwork] = []
        for entry in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = Substring(entry).trimmingSpaces
            guard !trimmed.isEmpty else { throw TrustedProxiesError(entry: "", reason: "is empty (a comma too many?)") }
            networks.append(try IPNetwork(trimmed))
        }
        return networks
    }
}
