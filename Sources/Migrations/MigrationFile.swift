import Crypto
public import Foundation

/// One SQL migration file, e.g. `migrations/core/0003_demand_workflow.sql`.
///
/// Its identity is the group (`core`, or a module id) and the version number in its name;
/// the name after the number is descriptive. A file runs in its own transaction unless its
/// header says `-- govreg: no-transaction` (needed for `CREATE INDEX CONCURRENTLY`).
public struct MigrationFile: Sendable, Hashable {
    /// `core` or the id of the module that owns the file.
    public var group: String
    public var version: Int
    /// The descriptive part of the file name, e.g. `demand_workflow`.
    public var name: String
    /// The SQL as it will be sent: BOM stripped, CRLF normalised to LF.
    public var sql: String
    /// SHA-256 of ``sql`` in lowercase hex.
    public var checksum: String
    /// False when the header asks to run outside a transaction.
    public var transactional: Bool
    /// Where the file was read from (for messages).
    public var path: String

    /// `core/0003_demand_workflow`
    public var identifier: String { "\(group)/\(String(format: "%04d", version))_\(name)" }

    /// Parses a file's name and contents.
    ///
    /// - Throws: ``MigrationError`` when the name is not `NNNN_name.sql` or a header
    ///   directive is unknown.
    public init(group: String, fileName: String, contents: Data, path: String) throws {
        guard let (version, name) = Self.parseFileName(fileName) else {
            throw MigrationError.badFileName(path: path)
        }
        var bytes = [UInt8](contents)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        // A Windows checkout must not look like an edited file: hash and run the LF form.
        var normalised: [UInt8] = []
        normalised.reserveCapacity(bytes.count)
        for (index, byte) in bytes.enumerated() where !(byte == 13 && index + 1 < bytes.count && bytes[index + 1] == 10) {
            normalised.append(byte)
        }
        guard let sql = String(validating: normalised, as: UTF8.self) else {
            throw MigrationError.notUTF8(path: path)
        }
        self.group = group
        self.version = version
        self.name = name
        self.sql = sql
        self.checksum = Self.hex(SHA256.hash(data: normalised))
        self.path = path
        self.transactional = try !Self.directives(in: sql, path: path).contains("no-transaction")
    }

    /// Lowercase hex, two digits a byte: the form `govreg_migration.checksum` has always held.
    static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: digest.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] }, as: UTF8.self)
    }

    /// `0003_demand_workflow.sql` → (3, "demand_workflow").
    static func parseFileName(_ fileName: String) -> (Int, String)? {
        guard fileName.hasSuffix(".sql") else { return nil }
        let stem = fileName.dropLast(4)
        guard let underscore = stem.firstIndex(of: "_") else { return nil }
        let digits = stem[..<underscore]
        let name = stem[stem.index(after: underscore)...]
        guard digits.count == 4, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
              let version = Int(digits), version > 0,
              !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") })
        else { return nil }
        return (version, String(name))
    }

    /// Directives are `-- govreg: word` lines at the top of the file, before any SQL.
    private static func directives(in sql: String, path: String) throws -> Set<String> {
        var found: Set<String> = []
        for line in sql.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard trimmed.hasPrefix("--") else { break }
            let comment = trimmed.dropFirst(2).trimmingCharacters(in: .whitespaces)
            guard comment.hasPrefix("govreg:") else { continue }
            let word = comment.dropFirst("govreg:".count).trimmingCharacters(in: .whitespaces)
            guard word == "no-transaction" else { throw MigrationError.unknownDirective(path: path, directive: word) }
            found.insert(word)
        }
        return found
    }

    /// 1-based line and column of a 1-based character position in ``sql``.
    public func lineAndColumn(ofCharacter position: Int) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for (offset, character) in sql.enumerated() {
            if offset + 1 >= position { break }
            if character == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}
