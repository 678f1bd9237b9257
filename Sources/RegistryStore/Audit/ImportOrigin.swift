import Crypto
public import Foundation

/// Where an import's rows came from, for its batch record (migration 0030): the file's name
/// as the person who loaded it knew it, and its SHA-256, so that an auditor holding a file can
/// prove it is the one that was loaded. Rows given by a program have no file.
public struct ImportOrigin: Sendable, Hashable, Codable {
    /// The file's name without its folder (folders say something about the loader's machine,
    /// not the file), or nil.
    public var fileName: String?
    /// The lowercase hex SHA-256 of the file's bytes, or nil.
    public var sha256: String?
    /// The file's size in bytes, or nil.
    public var byteCount: Int?

    /// Rows that came from no file (a program, a test).
    public static let noFile = ImportOrigin(fileName: nil, sha256: nil, byteCount: nil)

    /// Makes one from its parts.
    public init(fileName: String?, sha256: String?, byteCount: Int?) {
        self.fileName = fileName
        self.sha256 = sha256
        self.byteCount = byteCount
    }

    /// The origin of `data`, read from a file called `fileName` (a path is cut to its last
    /// component; a name longer than the record allows is cut to 255 characters).
    public init(fileName: String?, data: Data) {
        // `-` is standard input, which has no name.
        let name = fileName.map { URL(fileURLWithPath: $0).lastPathComponent }.flatMap { $0.isEmpty || $0 == "-" ? nil : String($0.prefix(255)) }
        self.init(fileName: name, sha256: Self.hex(SHA256.hash(data: data)), byteCount: data.count)
    }

    /// Lowercase hex, two digits a byte (the form `file_sha256` holds, as `sha256sum` prints).
    static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: digest.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] }, as: UTF8.self)
    }

    enum CodingKeys: String, CodingKey {
        case fileName = "file_name", sha256 = "file_sha256", byteCount = "file_bytes"
    }
}
