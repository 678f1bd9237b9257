import Digest
import Foundation

/// Recent answers of the public site, so that a popular page costs the database nothing
/// while it stays fresh: each answer is kept for `lifetime` and carries a strong `ETag`
/// (its SHA-256), so a browser that has it already gets a 304 without a body.
///
/// Bounded: past `capacity` entries the oldest goes. A disclosure that changes is seen by
/// residents at most `lifetime` later, which is what `Cache-Control: max-age` tells them.
public actor PublicCache {
    public struct Entry: Sendable {
        public var answer: PublicSite.Answer
        public var etag: String
        public var stored: ContinuousClock.Instant
    }

    public nonisolated let lifetime: Duration
    public nonisolated let capacity: Int
    private var entries: [String: Entry] = [:]
    private var order: [String] = []
    private let clock = ContinuousClock()

    public init(lifetime: Duration = .seconds(30), capacity: Int = 5_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The kept answer for `key`, if still fresh, and how old it is.
    public func lookup(_ key: String) -> (entry: Entry, age: Duration)? {
        guard let entry = entries[key] else { return nil }
        let age = clock.now - entry.stored
        guard age < lifetime else {
            entries[key] = nil
            return nil
        }
        return (entry, age)
    }

    /// Keeps `answer` (successful answers only) and returns it with its ETag.
    @discardableResult
    public func store(_ key: String, _ answer: PublicSite.Answer) -> Entry {
        let entry = Entry(answer: answer, etag: Self.etag(answer.body), stored: clock.now)
        guard answer.status == 200 else { return entry }
        if entries[key] == nil {
            order.append(key)
            while order.count > capacity { entries[order.removeFirst()] = nil }
        }
        entries[key] = entry
        return entry
    }

    /// `"…"`: the first 32 hex digits of the body's SHA-256.
    public static func etag(_ body: String) -> String {
        "\"" + SHA256.hexDigest(body.utf8).prefix(32) + "\""
    }
}
