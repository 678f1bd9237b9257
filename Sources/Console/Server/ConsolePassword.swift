import Crypto
import HummingbirdBcrypt
import NIOPosix

/// A console password: the rules a new one must meet, and its bcrypt hash (HummingbirdBcrypt,
/// a maintained implementation; nothing here is hand-made crypto).
public enum ConsolePassword {
    /// bcrypt's work factor: 2^12 rounds, about a quarter of a second on a current core, so a
    /// stolen table is slow to guess and a sign-in is still quick.
    public static let cost: UInt8 = 12

    /// The shortest accepted password, in characters.
    public static let minimumLength = 10
    /// bcrypt reads at most 72 bytes; a longer password would be silently cut, so it is refused.
    public static let maximumBytes = 72

    /// Why `password` may not be set for `login`, or `nil` when it may.
    public static func problem(_ password: String, login: String) -> String? {
        if password.count < minimumLength { return "密码至少 \(minimumLength) 个字符 a password needs at least \(minimumLength) characters" }
        if password.utf8.count > maximumBytes { return "密码最多 \(maximumBytes) 字节 a password is at most \(maximumBytes) bytes (bcrypt reads no more)" }
        if password.lowercased().contains(login.lowercased()) { return "密码不能包含登录名 a password must not contain the login" }
        if Set(password).count < 4 { return "密码过于简单 a password needs at least 4 different characters" }
        if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "密码不能含控制字符 a password must not contain control characters"
        }
        return nil
    }

    /// The stored form of `password`, computed off the request threads.
    public static func hash(_ password: String) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` is the one `hash` was made from. With no hash (unknown login, or no
    /// password set) a fixed dummy hash is checked instead, so the answer takes as long and
    /// an attacker cannot tell unknown logins by the time they take.
    public static func verify(_ password: String, hash: String?) async throws -> Bool {
        // The dummy is made (once) on the pool too, never on a request's thread.
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash ?? dummy) }
        return matches && hash != nil
    }

    /// A new random password: 16 characters from an alphabet without look-alikes (no 0/O,
    /// 1/l/I), about 94 bits, for an operator or an admin to hand over once.
    public static func generated() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        // Random bytes from swift-crypto; a byte is used only below the largest multiple of the
        // alphabet's size (224 of 256), so every character is equally likely.
        let usable = UInt8(256 / alphabet.count * alphabet.count)
        var password = ""
        while password.count < 16 {
            for byte in SymmetricKey(size: .bits256).withUnsafeBytes({ Array($0) }) where byte < usable && password.count < 16 {
                password.append(alphabet[Int(byte) % alphabet.count])
            }
        }
        return password
    }

    /// A hash of the same cost that no password is checked against for real.
    private static let dummy = Bcrypt.hash("govreg: no such account", cost: cost)
}
