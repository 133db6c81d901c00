import Testing
import VoxPopFoundation

/// The example vectors of FIPS 180-4 (NIST's "Examples with intermediate values", SHA-256).
@Suite struct SHA256Tests {
    func hex(_ text: String) -> String { SHA256.hex(SHA256.hash(Array(text.utf8))) }

    @Test func fipsOneBlockMessage() {
        #expect(hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func fipsTwoBlockMessage() {
        #expect(
            hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func emptyMessage() {
        #expect(hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func oneMillionAs() {
        var hasher = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hasher.update(chunk) }
        #expect(SHA256.hex(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// However the input is cut into updates (and whatever sequence type carries it), the digest is
    /// that of the whole message.
    @Test func updatesInPiecesMatchOneUpdate() {
        let message = Array((0..<300).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        let whole = SHA256.hash(message)
        for cut in [1, 3, 63, 64, 65, 127, 200] {
            var hasher = SHA256()
            var start = 0
            while start < message.count {
                let end = min(start + cut, message.count)
                if cut == 3 {
                    hasher.update(message[start..<end].lazy.map { $0 })  // not contiguous storage
                } else {
                    hasher.update(message[start..<end])
                }
                start = end
            }
            #expect(hasher.finalize() == whole, "pieces of \(cut) bytes")
        }
    }

    @Test func paddingBoundaries() {
        // 55, 56 and 64 bytes cross the padding edge cases of section 5.1.1.
        #expect(
            hex(String(repeating: "a", count: 55)) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"
        )
        #expect(
            hex(String(repeating: "a", count: 56)) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"
        )
        #expect(
            hex(String(repeating: "a", count: 64)) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"
        )
    }
}
