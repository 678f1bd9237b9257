import Crypto
import Foundation

/// Recent answers of the public site, so that a popular page costs the database nothing
/// while it stays fresh: each answer is kept for `lifetime` and carries a strong `ETag`
/// (its SHA-256), so a browser that has it already gets a 304 without a body.
///
/// Bounded: past `capacity` bytes of pages the oldest go. A disclosure that changes is seen
/// by residents at most `lifetime` later, which is what `Cache-Control: max-age` tells them.
public actor PublicCache {
    public struct Entry: Sendable {
        public var answer: PublicSite.Answer
        public var etag: String
        public var stored: ContinuousClock.Instant
    }

    public nonisolated let lifetime: Duration
    /// The most bytes of pages (and their keys) kept.
    public nonisolated let capacity: Int
    private var entries: [String: Entry] = [:]
    /// What was stored when, oldest first; `head` skips the ones dropped. A key stored again
    /// stands here twice, and only its latest storing (same moment) drops its entry.
    private var order: [(key: String, stored: ContinuousClock.Instant)] = []
    private var head = 0
    private var bytes = 0
    private let clock = ContinuousClock()

    public init(lifetime: Duration = .seconds(30), capacity: Int = 64 << 20) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The kept answer for `key`, if still fresh, and how old it is.
    public func lookup(_ key: String) -> (entry: Entry, age: Duration)? {
        guard let entry = entries[key] else { return nil }
        let age = clock.now - entry.stored
        guard age < lifetime else { return nil }
        return (entry, age)
    }

    /// Keeps `answer` (successful answers only) and returns it with its ETag.
    @discardableResult
    public func store(_ key: String, _ answer: PublicSite.Answer) -> Entry {
        let entry = Entry(answer: answer, etag: Self.etag(answer.body), stored: clock.now)
        let size = answer.body.utf8.count + key.utf8.count
        guard answer.status == 200, lifetime > .zero, size <= capacity / 8 else { return entry }
        if let old = entries[key] { bytes -= old.answer.body.utf8.count + key.utf8.count }
        order.append((key, entry.stored))
        entries[key] = entry
        bytes += size
        // Drop the oldest until the pages fit (an expired one is dropped here, when its turn comes).
        while bytes > capacity, head < order.count {
            let oldest = order[head]
            head += 1
            if let kept = entries[oldest.key], kept.stored == oldest.stored {
                entries[oldest.key] = nil
                bytes -= kept.answer.body.utf8.count + oldest.key.utf8.count
            }
        }
        if head > 4_096, head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
        return entry
    }

    /// `"…"`: the first 32 hex digits of the body's SHA-256.
    public static func etag(_ body: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        let hex = SHA256.hash(data: Data(body.utf8)).prefix(16).flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] }
        return "\"" + String(decoding: hex, as: UTF8.self) + "\""
    }
}
