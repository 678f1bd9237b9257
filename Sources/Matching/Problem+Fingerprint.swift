import Digest

extension Problem {
    /// The SHA-256 of the problem's canonical form, as 64 lowercase hex digits: equal for
    /// problems that differ only in row order, different as soon as any id, quantity,
    /// priority, filing time, capacity, arc, cost term or ineligibility reason differs.
    ///
    /// A run records it so that `accept` can tell whether the lists changed since.
    ///
    /// The canonical form, version `govreg-matching-1`: categories in code byte order; per
    /// category its code, its term names, then demands by id (id, quantity, priority, filed),
    /// resources by id (id, capacity), arcs by demand then resource (both as positions in
    /// those sorted lists, then each term amount), ineligible pairs likewise with their
    /// reason. Integers are 8-byte big-endian; ids are a kind byte (0 number, 1 text) then the
    /// number or the text; texts are their UTF-8 length then their bytes.
    ///
    /// - Returns: The hex digest.
    /// - Throws: ``MatchingError`` when the problem is invalid (it then has no canonical form).
    public func fingerprint() throws -> String {
        var writer = CanonicalWriter()
        writer.text("govreg-matching-1")
        let sorted = categories.sorted { $0.category.utf8.lexicographicallyPrecedes($1.category.utf8) }
        writer.integer(Int64(sorted.count))
        for input in sorted {
            let c = try CanonicalCategory(input)
            writer.text(c.category)
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
            writer.integer(Int64(c.arcCount))
            let width = input.arcs.termNames.count
            for d in 0..<c.demandCount {
                for k in Int(c.arcStart[d])..<Int(c.arcStart[d + 1]) {
                    writer.integer(Int64(d))
                    writer.integer(Int64(c.arcResource[k]))
                    let row = Int(c.arcInput[k]) * width
                    for column in 0..<width { writer.integer(input.arcs.amounts[row + column]) }
                }
            }
            writer.integer(Int64(c.ineligibleResource.count))
            for d in 0..<c.demandCount {
                for i in Int(c.ineligibleStart[d])..<Int(c.ineligibleStart[d + 1]) {
                    writer.integer(Int64(d))
                    writer.integer(Int64(c.ineligibleResource[i]))
                    writer.text(c.ineligibleReason[i])
                }
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

    mutating func integer(_ value: Int64) {
        withUnsafeBytes(of: value.bigEndian) { buffer.append(contentsOf: $0) }
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func text(_ value: String) {
        integer(Int64(value.utf8.count))
        buffer.append(contentsOf: value.utf8)
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
        hasher.update(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func finish() -> String {
        flush()
        let digest = hasher.finalize()
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: digest.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] }, as: UTF8.self)
    }
}
