import Digest
import Testing

@Suite("SHA-256")
struct SHA256Tests {
    // NIST FIPS 180-4 examples and the NIST CAVP "one million a" vector.
    @Test("NIST vectors", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
    ])
    func nistVector(message: String, expected: String) {
        #expect(SHA256.hexDigest(message.utf8) == expected)
        #expect(SHA256.hexDigest(Array(message.utf8)) == expected)
    }

    @Test("one million 'a'")
    func oneMillionA() {
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        #expect(SHA256.hexDigest([UInt8](repeating: 0x61, count: 1_000_000)) == expected)
        // The same through the non-contiguous path, one byte at a time.
        #expect(SHA256.hexDigest(repeatElement(UInt8(0x61), count: 1_000_000)) == expected)
    }

    @Test("the digest is 32 bytes")
    func digestLength() {
        #expect(SHA256.hash("abc".utf8).count == SHA256.digestByteCount)
        #expect(SHA256.hash([UInt8]()).first == 0xe3)
    }

    // Lengths around the padding boundaries (55, 56, 63, 64, 65 bytes) are where a
    // streaming implementation usually goes wrong.
    @Test("streaming in odd chunk sizes equals one-shot", arguments: [1, 3, 7, 55, 56, 63, 64, 65, 127, 1000])
    func streaming(chunkSize: Int) {
        let message = (0..<5_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
        for length in [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 4_999, 5_000] {
            let prefix = Array(message[..<length])
            var hasher = SHA256()
            var start = 0
            while start < prefix.count {
                let end = min(start + chunkSize, prefix.count)
                hasher.update(prefix[start..<end])
                start = end
            }
            #expect(hasher.finalize() == SHA256.hash(prefix), "length \(length), chunk \(chunkSize)")
        }
    }

    @Test("finalize resets the hasher for a new message")
    func finalizeResets() {
        var hasher = SHA256()
        hasher.update("not this".utf8)
        _ = hasher.finalize()
        hasher.update("abc".utf8)
        #expect(hasher.finalize() == SHA256.hash("abc".utf8))
    }

    @Test("mixing contiguous and non-contiguous updates")
    func mixedInput() {
        var hasher = SHA256()
        hasher.update("abcdbcdecdefdefgefghfghighij".utf8)
        hasher.update(Array("hijkijkljklmklmnlmnomnopnopq".utf8).lazy.map { $0 })
        #expect(
            SHA256.hex(hasher.finalize())
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        )
    }
}

extension SHA256 {
    /// Lowercase hex of a digest, for the tests' messages.
    fileprivate static func hex(_ digest: [UInt8]) -> String {
        digest.map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}
