import Testing

@testable import VoxPopHTTP

@Suite struct IPNetworkTests {
    @Test func parsesAListOfAddressesAndNetworks() throws {
        let networks = try HTTPServer.Configuration.parseTrustedProxies(
            " 127.0.0.1, ::1,10.0.0.0/8 ,2001:DB8::/32,0.0.0.0/0")
        #expect(networks.map(\.description) == ["127.0.0.1", "::1", "10.0.0.0/8", "2001:db8::/32", "0.0.0.0/0"])
        #expect(try HTTPServer.Configuration.parseTrustedProxies("") == [])
        #expect(try HTTPServer.Configuration.parseTrustedProxies("  ") == [])
    }

    @Test(arguments: [
        (
            "localhost",
            "trusted proxy 'localhost' is not an IPv4 or IPv6 address or network (host names are not resolved)"
        ),
        ("10.0.0.0/33", "trusted proxy '10.0.0.0/33' has a prefix length that is not a number from 0 to 32"),
        ("::/129", "trusted proxy '::/129' has a prefix length that is not a number from 0 to 128"),
        ("10.0.0.0/", "trusted proxy '10.0.0.0/' has a prefix length that is not a number from 0 to 32"),
        ("10.0.0.0/+8", "trusted proxy '10.0.0.0/+8' has a prefix length that is not a number from 0 to 32"),
        ("10.0.0.0/8/8", "trusted proxy '10.0.0.0/8/8' has a prefix length that is not a number from 0 to 32"),
        ("10.0.0.1/8", "trusted proxy '10.0.0.1/8' has bits set after its prefix; the network is 10.0.0.0/8"),
        (
            "2001:db8::1/32",
            "trusted proxy '2001:db8::1/32' has bits set after its prefix; the network is 2001:db8::/32"
        ),
        (
            "010.0.0.1",
            "trusted proxy '010.0.0.1' is not an IPv4 or IPv6 address or network (host names are not resolved)"
        ),
        ("1.2.3", "trusted proxy '1.2.3' is not an IPv4 or IPv6 address or network (host names are not resolved)"),
        ("[::1]", "trusted proxy '[::1]' is not an IPv4 or IPv6 address or network (host names are not resolved)"),
        (
            "fe80::1%eth0",
            "trusted proxy 'fe80::1%eth0' is not an IPv4 or IPv6 address or network (host names are not resolved)"
        ),
        ("127.0.0.1,,::1", "trusted proxy '' is empty (a comma too many?)"),
        ("127.0.0.1,", "trusted proxy '' is empty (a comma too many?)"),
    ])
    func refusesMalformedEntries(text: String, message: String) {
        #expect(throws: TrustedProxiesError.self) { try HTTPServer.Configuration.parseTrustedProxies(text) }
        do {
            _ = try HTTPServer.Configuration.parseTrustedProxies(text)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func containsWhatItsPrefixCovers() throws {
        func network(_ text: String) throws -> IPNetwork { try IPNetwork(text) }
        func address(_ text: String) throws -> IPAddress { try #require(IPAddress(text)) }
        let cases: [(String, String, Bool)] = [
            ("10.0.0.0/8", "10.255.1.2", true),
            ("10.0.0.0/8", "11.0.0.0", false),
            ("192.168.1.0/24", "192.168.1.255", true),
            ("192.168.1.0/24", "192.168.2.0", false),
            ("192.168.1.7", "192.168.1.7", true),
            ("192.168.1.7", "192.168.1.8", false),
            ("0.0.0.0/0", "203.0.113.9", true),
            ("0.0.0.0/0", "2001:db8::1", false),
            ("10.0.0.0/8", "::ffff:10.1.2.3", true),
            ("2001:db8::/32", "2001:db8:ffff::1", true),
            ("2001:db8::/32", "2001:db9::1", false),
            ("2001:db8:0:0:8000::/65", "2001:db8::8000:0:0:1", true),
            ("2001:db8:0:0:8000::/65", "2001:db8::7fff:0:0:1", false),
            ("::1", "::1", true),
            ("::1", "127.0.0.1", false),
            ("::/0", "127.0.0.1", true),
        ]
        for (net, candidate, expected) in cases {
            #expect(try network(net).contains(address(candidate)) == expected, "\(net) contains \(candidate)")
        }
    }

    @Test func addressesPrintCanonically() throws {
        #expect(IPAddress("2001:0DB8:0000:0000:0000:0000:0000:0001")?.description == "2001:db8::1")
        #expect(IPAddress("::ffff:192.0.2.1")?.description == "192.0.2.1")
        #expect(IPAddress(ipv4: UInt32(0x7F00_0001).bigEndian).description == "127.0.0.1")
        #expect(IPAddress("::")?.description == "::")
        #expect(IPAddress("192.0.2.1 ") == nil)
        #expect(IPAddress("") == nil)
    }
}
