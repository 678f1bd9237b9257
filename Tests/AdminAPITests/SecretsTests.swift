import Foundation
import RegistryStore
import Testing

@testable import Console

/// Tokens, keys, passwords and session secrets come from swift-crypto, hash as they did
/// before it (so stored hashes, and sessions stay valid across the upgrade), and a
/// presented token is compared in constant time.
@Suite struct SecretsTests {
    @Test func tokensAndKeysAre256RandomBitsStoredAsTheirSHA256() {
        let tokens = (0..<50).map { _ in AccessToken.generate() }
        #expect(Set(tokens.map(\.secret)).count == 50)
        #expect(tokens.allSatisfy { $0.secret.hasPrefix("grt_") && $0.secret.count == 4 + 43 && $0.hash.count == 32 })
        let key = Open311Key.generate()
        #expect(key.isWellFormed && key.secret != Open311Key.generate().secret)
        // SHA-256 of "grt_example" as `sha256sum` prints it: the hash the accounts table holds.
        #expect(AccessToken(secret: "grt_example").hash.map { String(format: "%02x", $0) }.joined()
            == "a8b49c4507cfc403ee6b09984d104a2f72d93cab78e1d013675a8def93b075cf")
        #expect(Open311Key(secret: "grt_example").hash == AccessToken(secret: "grt_example").hash)
    }

    @Test func sessionSecretsAndTheirCSRFTokensAreUnchangedInForm() {
        let secret = ConsoleCookie.newSecret()
        #expect(secret.count == 43 && secret.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        #expect(ConsoleCookie.hash(secret) == AccessToken(secret: secret).hash)
        #expect(ConsoleCookie.csrf("secret-1") == "RaRJyoMVMJRVSAPtZ-Ny4kRruiqkenIk01GzEqzQRHo")
    }

    @Test func aPresentedTokenMatchesOnlyTheExpectedOne() {
        let expected = ConsoleCookie.csrf(ConsoleCookie.newSecret())
        #expect(ConsoleCookie.sameText(expected, expected))
        #expect(!ConsoleCookie.sameText(expected, String(expected.dropLast()) + (expected.last == "A" ? "B" : "A")))
        #expect(!ConsoleCookie.sameText(expected, String(expected.dropLast())))
        #expect(!ConsoleCookie.sameText(expected, ""))
    }

    @Test func generatedPasswordsUseTheWholeAlphabetAndNothingElse() {
        let alphabet = Set("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        let passwords = (0..<200).map { _ in ConsolePassword.generated() }
        #expect(passwords.allSatisfy { $0.count == 16 && $0.allSatisfy(alphabet.contains) })
        #expect(Set(passwords).count == passwords.count)
        // 3,200 draws from 56 letters: every letter shows up (a byte-modulo or a stuck generator would skew or miss).
        #expect(Set(passwords.joined()) == alphabet)
    }
}
