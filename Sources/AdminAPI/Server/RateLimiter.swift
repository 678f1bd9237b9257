import Foundation
import HTTPTypes

/// A token bucket per key (an API token, or a client address for failed logins): `burst`
/// requests at once, refilled at `perSecond`.
/// Kept in the process (one server's view); a second server behind a balancer would give
/// each token twice the rate, which is acceptable for a limit meant to stop runaway clients.
actor RateLimiter<Key: Hashable & Sendable> {
    private let burst: Double
    private let perSecond: Double
    private var buckets: [Key: (tokens: Double, at: ContinuousClock.Instant)] = [:]

    init(burst: Int, perSecond: Double) {
        self.burst = Double(burst)
        self.perSecond = perSecond
    }

    /// Takes one request from the key's bucket; returns the seconds to wait when empty.
    func admit(_ token: Key) -> Int? {
        let now = ContinuousClock.now
        var bucket = buckets[token] ?? (burst, now)
        let elapsed = now - bucket.at
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        bucket.tokens = min(burst, bucket.tokens + seconds * perSecond)
        bucket.at = now
        if buckets.count > 100_000 { buckets.removeAll() }  // a flood of keys must not grow memory without end
        guard bucket.tokens >= 1 else {
            buckets[token] = bucket
            return max(1, Int(((1 - bucket.tokens) / perSecond).rounded(.up)))
        }
        bucket.tokens -= 1
        buckets[token] = bucket
        return nil
    }
}
