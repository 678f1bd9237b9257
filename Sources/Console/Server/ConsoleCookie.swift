import Crypto
import Foundation
import Hummingbird
import RegistryStore

/// The console's cookies: the session (its secret; the database keeps only the SHA-256), the
/// sign-in form's own CSRF secret, the language, and a one-shot notice.
///
/// Every one is `HttpOnly` and `SameSite=Strict` (a page elsewhere can neither read it nor
/// make the browser send it), scoped to `/console`, and `Secure` when the console is served
/// over TLS.
enum ConsoleCookie {
    static let session = "govreg_session"
    /// Before sign-in there is no session to derive the sign-in form's CSRF token from.
    static let signIn = "govreg_sign_in"
    static let language = "govreg_lang"
    static let flash = "govreg_notice"

    /// A new random secret: 256 bits from swift-crypto's secure generator, as base64url (43 characters).
    static func newSecret() -> String {
        String(AccessToken.generate().secret.dropFirst(AccessToken.scheme.count))
    }

    /// The stored form of a session secret.
    static func hash(_ secret: String) -> Data { Data(SHA256.hash(data: Data(secret.utf8))) }

    /// The CSRF token that goes with a secret (a different digest from the stored one, so the
    /// database's copy does not give it away).
    static func csrf(_ secret: String) -> String {
        Data(SHA256.hash(data: Data("govreg console csrf\n\(secret)".utf8))).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Whether a presented token is the expected one, in time that does not depend on where
    /// they differ: their SHA-256 digests are compared with swift-crypto's constant-time `==`
    /// (hashing first also hides the expected token's length).
    static func sameText(_ expected: String, _ presented: String) -> Bool {
        SHA256.hash(data: Data(expected.utf8)) == SHA256.hash(data: Data(presented.utf8))
    }

    static func make(_ name: String, _ value: String, maxAge: Int?, secure: Bool) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/console", secure: secure, httpOnly: true, sameSite: .strict)
    }

    static func expired(_ name: String, secure: Bool) -> Cookie { make(name, "", maxAge: 0, secure: secure) }

    static func flash(_ text: String, secure: Bool) -> Cookie {
        make(flash, text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "", maxAge: 60, secure: secure)
    }
}
