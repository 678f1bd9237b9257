public import Foundation
import Digest

/// An API token's secret: `grt_` and 43 characters of base64url carrying 256 random bits.
///
/// The secret is shown once, when issued; the database keeps only ``hash`` (SHA-256), which
/// is enough to recognise the token and useless to present. Unsalted SHA-256 is right here,
/// unlike for passwords: the secret is random, so there is nothing to guess.
public struct AccessToken: Sendable, Hashable {
    /// What every token starts with, so that a leaked one is easy to recognise and search for.
    public static let scheme = "grt_"

    /// The whole secret, for the `Authorization: Bearer …` header.
    public let secret: String

    /// A new random token, from the system's cryptographic generator (getrandom on Linux).
    public static func generate() -> AccessToken {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return AccessToken(secret: scheme + Data(bytes).base64URLEncoded())
    }

    /// Wraps a presented secret (not checked; an unknown one simply matches no account).
    public init(secret: String) { self.secret = secret }

    /// The stored form: SHA-256 of the secret's UTF-8.
    public var hash: Data { Data(SHA256.hash(Array(secret.utf8))) }

    /// The first 12 characters, shown in lists to tell tokens apart.
    public var prefix: String { String(secret.prefix(12)) }
}

extension Data {
    /// Base64url without padding (RFC 4648 §5).
    func base64URLEncoded() -> String {
        base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
