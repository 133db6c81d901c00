/// The client behind trusted proxies, from `Forwarded` (RFC 7239) or else `X-Forwarded-For`, and
/// whether it spoke HTTPS (`proto=https`, or else `X-Forwarded-Proto`).
///
/// Each proxy appends the address it received the request from, so the list reads client first,
/// nearest proxy last, and only the entries written by proxies we trust are true: the client
/// writes whatever it likes to the left. So the list is walked from the right, skipping hops that
/// are themselves trusted proxies; the first other hop is the client (the left-most if every hop
/// is trusted). Entries left of it are never examined. Only used when the socket peer is trusted.
///
/// A walked hop that is not a well-formed address, or a `Forwarded` value that does not parse,
/// gives the socket peer and no HTTPS: garbage is never trusted. `unknown` (RFC 7239 section
/// 6.2) names nobody, so it gives the socket peer too; an obfuscated identifier (`_hidden`,
/// section 6.3) is kept as the client's name, stable per client as the proxy chose it.
enum Forwarding {
    /// A hop as a forwarding header names it.
    enum Node: Equatable {
        case address(IPAddress)
        case unknown
        case obfuscated(String)
    }

    /// One `Forwarded` element's parameters of interest, raw; `for` nil when it has none.
    struct Element: Equatable {
        var `for`: String?
        var proto: String?
    }

    /// The client's address (or obfuscated name) and whether it came over HTTPS, from the
    /// forwarding headers of a request whose socket peer is a trusted proxy.
    static func client(
        of headers: [(name: String, value: String)], socketPeer: String, trusted: [IPNetwork]
    ) -> (peer: String, https: Bool) {
        var forwarded: [String] = []
        var forwardedFor: [String] = []
        var forwardedProto: [String] = []
        for (name, value) in headers {
            if HTTPRequest.equalIgnoringASCIICase(name, "forwarded") {
                forwarded.append(value)
            } else if HTTPRequest.equalIgnoringASCIICase(name, "x-forwarded-for") {
                forwardedFor.append(value)
            } else if HTTPRequest.equalIgnoringASCIICase(name, "x-forwarded-proto") {
                forwardedProto.append(value)
            }
        }
        // The right-most value: the one the nearest proxy wrote.
        let protoHTTPS =
            forwardedProto.joined(separator: ",").split(separator: ",").last.map {
                HTTPRequest.equalIgnoringASCIICase($0.trimmingSpaces, "https")
            } ?? false
        func named(_ node: Node) -> String {
            switch node {
            case .address(let address): address.description
            case .unknown: socketPeer
            case .obfuscated(let name): name
            }
        }
        if forwarded.contains(where: { !$0.isEmpty }) {
            guard let elements = forwardedElements(forwarded.joined(separator: ",")),
                let (index, node) = client(
                    among: elements,
                    node: { $0.for.map { Self.node($0[...], forwardedSyntax: true) } ?? .unknown }, trusted: trusted)
            else { return (socketPeer, false) }
            let https = elements[index].proto.map { HTTPRequest.equalIgnoringASCIICase($0, "https") } ?? protoHTTPS
            return (named(node), https)
        }
        if forwardedFor.contains(where: { !$0.isEmpty }) {
            let entries = forwardedFor.joined(separator: ",").split(separator: ",", omittingEmptySubsequences: false)
            guard
                let (_, node) = client(
                    among: entries, node: { Self.node($0.trimmingSpaces[...], forwardedSyntax: false) },
                    trusted: trusted)
            else { return (socketPeer, false) }
            return (named(node), protoHTTPS)
        }
        return (socketPeer, protoHTTPS)
    }

    /// The right-most hop that is not a trusted proxy (the left-most if all are), with its index;
    /// nil if a hop walked over is malformed or there are none.
    static func client<Hop>(among hops: [Hop], node: (Hop) -> Node?, trusted: [IPNetwork]) -> (Int, Node)? {
        var index = hops.count - 1
        while index >= 0 {
            guard let hop = node(hops[index]) else { return nil }
            if case .address(let address) = hop, index > 0, trusted.contains(where: { $0.contains(address) }) {
                index -= 1
                continue
            }
            return (index, hop)
        }
        return nil
    }

    /// The elements of a `Forwarded` field value (several fields joined with commas), RFC 7239
    /// section 4: `1#( [pair] *( ";" [pair] ) )`, pairs `token "=" ( token / quoted-string )`,
    /// each parameter at most once per element. Empty list elements are skipped (RFC 9110
    /// section 5.6.1). Nil if the value does not parse.
    static func forwardedElements(_ text: String) -> [Element]? {
        let bytes = Array(text.utf8)
        var index = 0
        var elements: [Element] = []
        var current = Element()
        var names: [String] = []
        func skipSpaces() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        }
        while true {
            skipSpaces()
            if index == bytes.count || bytes[index] == UInt8(ascii: ",") {
                if !names.isEmpty { elements.append(current) }
                current = Element()
                names = []
                if index == bytes.count { return elements }
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: ";") {
                index += 1
                continue
            }
            let nameStart = index
            while index < bytes.count, HTTPParser.isTokenByte(bytes[index]) { index += 1 }
            guard index > nameStart, index < bytes.count, bytes[index] == UInt8(ascii: "=") else { return nil }
            let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
            index += 1
            var value: [UInt8] = []
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                index += 1
                var closed = false
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "\\") {
                        guard index + 1 < bytes.count else { return nil }
                        value.append(bytes[index + 1])
                        index += 2
                    } else if byte == UInt8(ascii: "\"") {
                        closed = true
                        index += 1
                        break
                    } else {
                        value.append(byte)
                        index += 1
                    }
                }
                guard closed else { return nil }
            } else {
                let valueStart = index
                while index < bytes.count, HTTPParser.isTokenByte(bytes[index]) { index += 1 }
                guard index > valueStart else { return nil }
                value = Array(bytes[valueStart..<index])
            }
            guard !names.contains(name) else { return nil }
            names.append(name)
            if name == "for" { current.for = String(decoding: value, as: UTF8.self) }
            if name == "proto" { current.proto = String(decoding: value, as: UTF8.self) }
            skipSpaces()
            guard index == bytes.count || bytes[index] == UInt8(ascii: ";") || bytes[index] == UInt8(ascii: ",")
            else { return nil }
        }
    }

    /// A hop's text as a node; nil if malformed. RFC 7239 section 6 (`forwardedSyntax`):
    /// `192.0.2.1`, `"[2001:db8::1]"`, either with `:port` or `:_obfport`, `unknown`, `_obfnode`.
    /// `X-Forwarded-For`, which has no standard, also takes a bare IPv6 address and no
    /// obfuscated names.
    static func node(_ text: Substring, forwardedSyntax: Bool) -> Node? {
        if HTTPRequest.equalIgnoringASCIICase(text.utf8, "unknown".utf8) { return .unknown }
        var name = text
        var port: Substring?
        if text.first == "[" {
            guard let close = text.firstIndex(of: "]") else { return nil }
            name = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            if !rest.isEmpty {
                guard rest.first == ":" else { return nil }
                port = rest.dropFirst()
            }
            guard name.contains(":") else { return nil }
        } else if !forwardedSyntax, text.filter({ $0 == ":" }).count >= 2 {
            name = text
        } else if let colon = text.firstIndex(of: ":") {
            name = text[..<colon]
            port = text[text.index(after: colon)...]
        }
        if let port {
            let digits = !port.isEmpty && port.count <= 5 && port.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
            guard digits || (forwardedSyntax && isObfuscated(port)) else { return nil }
        }
        if forwardedSyntax, name.first == "_" {
            guard isObfuscated(name) else { return nil }
            return .obfuscated(String(name))
        }
        guard let address = IPAddress(name) else { return nil }
        return .address(address)
    }

    /// RFC 7239 section 6.3: `"_" 1*( ALPHA / DIGIT / "." / "_" / "-" )`.
    static func isObfuscated(_ text: Substring) -> Bool {
        text.utf8.count >= 2 && text.utf8.first == UInt8(ascii: "_")
            && text.utf8.allSatisfy {
                switch $0 {
                case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                    true
                default: false
                }
            }
    }
}
