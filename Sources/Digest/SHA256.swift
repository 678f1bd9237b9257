/// A streaming SHA-256 hasher (FIPS 180-4), in pure Swift.
///
/// Feed bytes with ``update(_:)`` as often as needed, then call ``finalize()`` for the
/// 32-byte digest. For a whole message in memory use ``hash(_:)`` or ``hexDigest(_:)``.
///
/// ```swift
/// var hasher = SHA256()
/// hasher.update("abc".utf8)
/// let digest = hasher.finalize()          // 32 bytes
/// SHA256.hexDigest("abc".utf8)            // "ba7816bf…15ad"
/// ```
///
/// The hasher keeps only fixed-size state (eight words, one 64-byte block, a length), so it
/// never allocates while hashing; contiguous input (arrays, `Data`, buffers) is compressed
/// straight from its storage without copying.
public struct SHA256: Sendable {
    /// The length of a digest in bytes.
    public static let digestByteCount = 32

    /// The length of the block the compression function consumes, in bytes.
    static let blockByteCount = 64

    // The running hash value H0…H7 (internal: the compression function in
    // SHA256+Compression.swift updates them).
    var h0: UInt32 = 0x6a09_e667
    var h1: UInt32 = 0xbb67_ae85
    var h2: UInt32 = 0x3c6e_f372
    var h3: UInt32 = 0xa54f_f53a
    var h4: UInt32 = 0x510e_527f
    var h5: UInt32 = 0x9b05_688c
    var h6: UInt32 = 0x1f83_d9ab
    var h7: UInt32 = 0x5be0_cd19

    /// Bytes of the current, incomplete block. A tuple rather than an array so that the
    /// storage lives inline in the struct: no heap allocation, no copy-on-write checks.
    private var pending: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
        (0, 0, 0, 0, 0, 0, 0, 0)
    /// How many bytes of `pending` are filled (0..<64).
    private var pendingCount = 0
    /// Total message length in bytes; the padding records it in bits, modulo 2^64.
    private var messageByteCount: UInt64 = 0

    /// Creates a hasher for a new message.
    public init() {}

    /// Adds bytes to the message.
    ///
    /// - Parameter bytes: The next bytes of the message; any sequence of `UInt8`.
    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            update(UnsafeRawBufferPointer(buffer))
        }
        if handled != nil { return }
        // Non-contiguous input (a lazy map, a string's UTF-8 view on some platforms …) is
        // copied through a stack buffer in chunks, so the per-byte cost stays a plain store.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4096) { chunk in
            var count = 0
            for byte in bytes {
                chunk[count] = byte
                count += 1
                if count == chunk.count {
                    update(UnsafeRawBufferPointer(chunk))
                    count = 0
                }
            }
            if count > 0 {
                update(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: chunk[..<count])))
            }
        }
    }

    /// Adds the bytes of a raw buffer to the message.
    ///
    /// - Parameter buffer: The next bytes of the message.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        guard var remaining = buffer.baseAddress, buffer.count > 0 else { return }
        var remainingCount = buffer.count
        messageByteCount &+= UInt64(remainingCount)

        // First top up a partly filled block.
        if pendingCount > 0 {
            let take = min(Self.blockByteCount - pendingCount, remainingCount)
            let offset = pendingCount
            withUnsafeMutableBytes(of: &pending) { block in
                block.baseAddress!.advanced(by: offset).copyMemory(from: remaining, byteCount: take)
            }
            pendingCount += take
            remaining += take
            remainingCount -= take
            guard pendingCount == Self.blockByteCount else { return }
            compressPending()
        }

        // Then whole blocks straight from the caller's storage.
        while remainingCount >= Self.blockByteCount {
            compress(UnsafeRawPointer(remaining))
            remaining += Self.blockByteCount
            remainingCount -= Self.blockByteCount
        }

        // Keep the tail for the next call.
        if remainingCount > 0 {
            let tail = remainingCount
            withUnsafeMutableBytes(of: &pending) { block in
                block.baseAddress!.copyMemory(from: remaining, byteCount: tail)
            }
            pendingCount = tail
        }
    }

    /// Pads the message, returns its digest and resets the hasher for a new message.
    ///
    /// - Returns: The 32-byte SHA-256 digest of all bytes given to ``update(_:)`` since the
    ///   hasher was created or last finalized.
    public mutating func finalize() -> [UInt8] {
        let bitLength = messageByteCount &* 8
        // Padding: one 0x80 byte, zeros up to 56 mod 64, then the bit length big-endian.
        withUnsafeMutableBytes(of: &pending) { block in
            block[pendingCount] = 0x80
            for index in (pendingCount + 1)..<Self.blockByteCount { block[index] = 0 }
        }
        if pendingCount >= Self.blockByteCount - 8 {
            compressPending()
            pending = (0, 0, 0, 0, 0, 0, 0, 0)
        }
        pending.7 = bitLength.bigEndian
        compressPending()

        var digest = [UInt8]()
        digest.reserveCapacity(Self.digestByteCount)
        for word in [h0, h1, h2, h3, h4, h5, h6, h7] {
            digest.append(UInt8(truncatingIfNeeded: word >> 24))
            digest.append(UInt8(truncatingIfNeeded: word >> 16))
            digest.append(UInt8(truncatingIfNeeded: word >> 8))
            digest.append(UInt8(truncatingIfNeeded: word))
        }
        self = SHA256()
        return digest
    }

    /// Returns the SHA-256 digest of a whole message.
    ///
    /// - Parameter bytes: The message.
    /// - Returns: The 32-byte digest.
    public static func hash<Bytes: Sequence>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Returns the SHA-256 digest of a whole message as 64 lowercase hexadecimal digits.
    ///
    /// - Parameter bytes: The message (not a digest: this hashes, then formats).
    /// - Returns: The digest in lowercase hex, e.g. `"ba7816bf…"` for `"abc"`.
    public static func hexDigest<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        hex(hash(bytes))
    }

    /// Formats bytes as lowercase hexadecimal, two digits per byte.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private mutating func compressPending() {
        var block = pending
        withUnsafeBytes(of: &block) { compress($0.baseAddress!) }
        pendingCount = 0
    }
}
