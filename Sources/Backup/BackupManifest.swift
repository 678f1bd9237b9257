public import Foundation

/// What a backup holds, written beside the dump as `<dump>.manifest.json`.
///
/// The dump itself stays a plain `pg_dump` custom-format file, so that `pg_restore` alone can
/// read it in an emergency; the manifest is what lets `govreg restore` check it first: the
/// dump's SHA-256, the migrations its schema was built by, and how many rows each table held.
public struct BackupManifest: Codable, Sendable, Equatable {
    /// The layout of this manifest; a reader refuses a newer one.
    public static let currentFormat = 1

    /// One applied migration, as the history table `govreg_migration` records it.
    public struct Migration: Codable, Sendable, Hashable {
        public var group: String
        public var version: Int
        public var name: String
        public var checksum: String

        /// `core/0007_demand`, as `govreg db` names migrations.
        public var identifier: String { "\(group)/\(String(format: "%04d", version))_\(name)" }

        public init(group: String, version: Int, name: String, checksum: String) {
            self.group = group
            self.version = version
            self.name = name
            self.checksum = checksum
        }
    }

    /// One table and its row count at the moment of the dump.
    public struct Table: Codable, Sendable, Hashable {
        public var schema: String
        public var name: String
        public var rows: Int

        /// `schema.name`.
        public var qualifiedName: String { "\(schema).\(name)" }

        public init(schema: String, name: String, rows: Int) {
            self.schema = schema
            self.name = name
            self.rows = rows
        }
    }

    public var format: Int
    /// When the dump's snapshot was taken (the server's clock).
    public var createdAt: Date
    public var govregVersion: String
    public var serverVersion: String
    public var pgDumpVersion: String
    /// The database that was dumped.
    public var database: String
    /// The dump's file name when it was written.
    public var dumpFile: String
    public var dumpBytes: Int
    /// Lower-case hex SHA-256 of the dump file.
    public var dumpSHA256: String
    /// Every applied migration, core first, then each module's group, in version order.
    public var migrations: [Migration]
    public var tables: [Table]

    enum CodingKeys: String, CodingKey {
        case format, database, migrations, tables
        case createdAt = "created_at"
        case govregVersion = "govreg_version"
        case serverVersion = "server_version"
        case pgDumpVersion = "pg_dump_version"
        case dumpFile = "dump_file"
        case dumpBytes = "dump_bytes"
        case dumpSHA256 = "dump_sha256"
    }

    /// The manifest's place beside a dump: `<dump>.manifest.json`.
    public static func location(ofDump dump: URL) -> URL {
        dump.deletingLastPathComponent().appendingPathComponent(dump.lastPathComponent + ".manifest.json")
    }

    /// The manifest as JSON: indented, keys sorted, times in ISO 8601.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    /// Reads a manifest file.
    ///
    /// - Throws: ``BackupError`` naming the file when it is missing, is not a manifest, or
    ///   comes from a newer govreg whose layout this one cannot read.
    public static func read(from file: URL) throws -> BackupManifest {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw BackupError(.manifestUnreadable, "清单 manifest \(file.path) cannot be read: it is missing or not readable. "
                + "It is written beside the dump by `govreg backup`; name another with --manifest.")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let manifest: BackupManifest
        do {
            manifest = try decoder.decode(BackupManifest.self, from: data)
        } catch {
            throw BackupError(.manifestUnreadable, "清单 manifest \(file.path) is not a govreg backup manifest: \(Self.reason(error))")
        }
        guard manifest.format <= currentFormat else {
            throw BackupError(.manifestUnreadable, "清单 manifest \(file.path) has format \(manifest.format); this govreg reads format \(currentFormat) "
                + "or older. Restore it with the govreg that wrote it (\(manifest.govregVersion)) or a newer one.")
        }
        return manifest
    }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "the key \(key.stringValue) is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "the key \(context.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type"
        case DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "not valid JSON" : "the key \(path) is malformed (\(context.debugDescription))"
        default: return "\(error)"
        }
    }
}
