import Crypto
public import Foundation

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

    /// A new random token: 256 bits from swift-crypto's secure generator.
    public static func generate() -> AccessToken {
        AccessToken(secret: scheme + Data.randomSecret().base64URLEncoded())
    }

    /// Wraps a presented secret (not checked; an unknown one simply matches no account).
    public init(secret: String) { self.secret = secret }

    /// The stored form: SHA-256 of the secret's UTF-8.
    public var hash: Data { Data(SHA256.hash(data: Data(secret.utf8))) }

    /// The first 12 characters, shown in lists to tell tokens apart.
    public var prefix: String { String(secret.prefix(12)) }
}

extension Data {
    /// 256 bits from swift-crypto's secure generator (a new key's bytes): the secret of a
    /// token, an Open311 key or a console session.
    static func randomSecret() -> Data {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
    }

    /// Base64url without padding (RFC 4648 §5).
    func base64URLEncoded() -> String {
        base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
