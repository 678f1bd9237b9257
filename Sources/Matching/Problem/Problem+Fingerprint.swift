import Crypto
import Dispatch
import Synchronization

extension Problem {
    /// The SHA-256 of the problem's canonical form, as 64 lowercase hex digits: equal for
    /// problems that differ only in row order, different as soon as any id, quantity,
    /// priority, filing time, capacity, arc, cost term or ineligibility reason differs.
    ///
    /// A run records it so that one can tell later whether the lists changed since.
    ///
    /// The canonical form, version `govreg-matching-2`: the version, the number of
    /// categories, then per category in code byte order its code and the SHA-256 of the
    /// category's own form — its term names; demands by id (id, quantity, priority, filed);
    /// resources by id (id, capacity); per demand the number of its arcs, then each arc's
    /// resource (a position in the sorted resources) and term amounts, by resource; ineligible
    /// pairs likewise with their reason. Integers are zigzag LEB128 varints (a large run's
    /// arcs hash in a fifth of the bytes fixed-width integers take); ids are a kind byte (0
    /// number, 1 text) then the number or the text; texts are their UTF-8 length then their
    /// bytes. Categories are hashed in parallel, like they are solved.
    ///
    /// - Returns: The hex digest.
    /// - Throws: ``MatchingError`` when the problem is invalid (it then has no canonical form):
    ///   the first invalid category in code order.
    public func fingerprint() throws -> String {
        let sorted = categories.sorted { $0.category.utf8.lexicographicallyPrecedes($1.category.utf8) }
        let digests = Mutex([Result<[UInt8], MatchingError>?](repeating: nil, count: sorted.count))
        DispatchQueue.concurrentPerform(iterations: sorted.count) { index in
            let result = Result { try Self.digest(of: sorted[index]) }
                .mapError { $0 as? MatchingError ?? .internalInconsistency(category: sorted[index].category, "\($0)") }
            digests.withLock { $0[index] = result }
        }
        var writer = CanonicalWriter()
        writer.text("govreg-matching-2")
        writer.integer(Int64(sorted.count))
        let results = digests.withLock { $0 }
        for (input, result) in zip(sorted, results) {
            writer.text(input.category)
            writer.bytes(try result!.get())
        }
        return writer.finishHex()
    }

    /// The SHA-256 of one category's canonical form.
    private static func digest(of input: CategoryProblem) throws -> [UInt8] {
        let c = try CanonicalCategory(input)
        var writer = CanonicalWriter()
        writer.integer(Int64(c.termNames.count))
        c.termNames.forEach { writer.text($0) }
        writer.integer(Int64(c.demandCount))
        for d in 0..<c.demandCount {
            writer.id(c.demandIDs[d])
            writer.integer(c.quantity[d])
            writer.integer(c.priority[d])
            writer.integer(c.filed[d])
        }
        writer.integer(Int64(c.resourceCount))
        for r in 0..<c.resourceCount {
            writer.id(c.resourceIDs[r])
            writer.integer(c.capacity[r])
        }
        let width = input.arcs.termNames.count
        for d in 0..<c.demandCount {
            let arcs = Int(c.arcStart[d])..<Int(c.arcStart[d + 1])
            writer.integer(Int64(arcs.count))
            for k in arcs {
                writer.integer(Int64(c.arcResource[k]))
                let row = Int(c.arcInput[k]) * width
                for column in 0..<width { writer.integer(input.arcs.amounts[row + column]) }
            }
        }
        for d in 0..<c.demandCount {
            let pairs = Int(c.ineligibleStart[d])..<Int(c.ineligibleStart[d + 1])
            writer.integer(Int64(pairs.count))
            for i in pairs {
                writer.integer(Int64(c.ineligibleResource[i]))
                writer.text(c.ineligibleReason[i])
            }
        }
        return writer.finish()
    }
}

/// Serialises values into a SHA-256 hasher through a buffer (hashing a few bytes at a time
/// would be slow; holding the whole serialisation would cost memory).
private struct CanonicalWriter {
    private var hasher = SHA256()
    private var buffer = [UInt8]()

    init() {
        buffer.reserveCapacity(1 << 16)
    }

    /// A zigzag LEB128 varint: small magnitudes, positive or negative, take one or two bytes.
    mutating func integer(_ value: Int64) {
        var zigzag = UInt64(bitPattern: (value << 1) ^ (value >> 63))
        while zigzag >= 0x80 {
            buffer.append(UInt8(truncatingIfNeeded: zigzag) | 0x80)
            zigzag >>= 7
        }
        buffer.append(UInt8(zigzag))
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func text(_ value: String) {
        integer(Int64(value.utf8.count))
        buffer.append(contentsOf: value.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func bytes(_ value: [UInt8]) {
        buffer.append(contentsOf: value)
    }

    mutating func id(_ value: MatchID) {
        switch value {
        case let .number(number):
            buffer.append(0)
            integer(number)
        case let .text(text):
            buffer.append(1)
            self.text(text)
        }
    }

    private mutating func flush() {
        buffer.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func finish() -> [UInt8] {
        flush()
        return Array(hasher.finalize())
    }

    mutating func finishHex() -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: finish().flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] }, as: UTF8.self)
    }
}
