import Crypto
import Foundation

/// The SHA-256 of a dump file (swift-crypto), the one place backups hash.
enum FileDigest {
    /// Lower-case hex SHA-256 of the file's bytes, read a mebibyte at a time.
    static func sha256(of file: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        var hash = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hash.update(data: chunk)
        }
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
