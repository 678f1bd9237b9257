public import Foundation
public import Postgres
#if canImport(Glibc)
import Glibc
#endif

/// `govreg backup`: a `pg_dump` custom-format dump of the govreg database and its manifest.
///
/// The row counts, the migration history and the dump all come from one snapshot: a
/// repeatable-read transaction exports it (`pg_export_snapshot()`) and stays open while
/// `pg_dump --snapshot` reads through it, so writes during the backup change neither.
/// Both files are written under temporary names in the destination folder and renamed into
/// place at the end: a failed backup leaves no half file behind.
///
/// ```swift
/// let backup = Backup(configuration: configuration, pgDump: pgDump, govregVersion: "0.1.0") { print($0) }
/// let manifest = try await backup.write(to: URL(filePath: "govreg-2026-12-06.dump"))
/// ```
public struct Backup: Sendable {
    public var configuration: ConnectionConfiguration
    /// The `pg_dump` to run; it must not be older than the server.
    public var pgDump: URL
    public var govregVersion: String
    public var progress: @Sendable (String) -> Void

    public init(configuration: ConnectionConfiguration, pgDump: URL, govregVersion: String, progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.configuration = configuration
        self.pgDump = pgDump
        self.govregVersion = govregVersion
        self.progress = progress
    }

    /// Writes the dump to `file` and its manifest beside it (``BackupManifest/location(ofDump:)``),
    /// replacing files of those names.
    ///
    /// - Returns: The manifest written.
    /// - Throws: ``BackupError`` when the folder is missing, `pg_dump` is older than the server
    ///   or fails, or the database is not a govreg database; ``PostgresError`` when the server
    ///   cannot be reached. Nothing is left at `file` or beside it on failure.
    public func write(to file: URL) async throws -> BackupManifest {
        let file = file.absoluteURL.standardizedFileURL
        let folder = file.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue,
              FileManager.default.isWritableFile(atPath: folder.path)
        else {
            throw BackupError(.outputUnwritable, "--out \(file.path): the folder \(folder.path) does not exist or is not writable")
        }
        try BackupError.refusingPooler(configuration, doing: "A backup")
        let partial = folder.appendingPathComponent(".\(file.lastPathComponent).partial-\(UUID().uuidString.prefix(8))")
        let partialManifest = partial.appendingPathExtension("manifest")
        defer {
            try? FileManager.default.removeItem(at: partial)
            try? FileManager.default.removeItem(at: partialManifest)
        }
        // The dump holds every district's personal data and the accounts' hashes: readable by
        // this user alone. pg_dump opens an existing file without changing its mode.
        guard FileManager.default.createFile(atPath: partial.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw BackupError(.outputUnwritable, "--out \(file.path): could not create \(partial.path)")
        }

        let client = ClientProgram(executable: pgDump)
        let clientVersion = try await client.version()
        var configuration = self.configuration
        configuration.applicationName = "govreg backup"
        let connection = try await Connection.connect(configuration)
        var manifest: BackupManifest
        do {
            manifest = try await connection.transaction(isolation: .repeatableRead, readOnly: true) { session in
                try await dump(session, into: partial, client: client, clientVersion: clientVersion, fileName: file.lastPathComponent)
            }
            await connection.close()
        } catch {
            await connection.close()
            throw error
        }

        progress("备份 backup: SHA-256 of the dump …")
        manifest.dumpSHA256 = try FileDigest.sha256(of: partial)
        manifest.dumpBytes = (try FileManager.default.attributesOfItem(atPath: partial.path)[.size] as? Int) ?? 0
        guard FileManager.default.createFile(atPath: partialManifest.path, contents: try manifest.encoded(), attributes: [.posixPermissions: 0o600]) else {
            throw BackupError(.outputUnwritable, "--out \(file.path): could not write \(partialManifest.path)")
        }
        // On disk before either takes its name, so "backup done" survives a power cut.
        try Self.synchronize(partial)
        try Self.synchronize(partialManifest)
        try Self.moveIntoPlace(partial, to: file)
        do {
            try Self.moveIntoPlace(partialManifest, to: BackupManifest.location(ofDump: file))
            try Self.synchronize(folder)
        } catch {
            try? FileManager.default.removeItem(at: file)
            throw error
        }
        return manifest
    }

    /// Inside the snapshot's transaction: the census, then `pg_dump` through the same snapshot.
    private func dump(
        _ session: Connection, into partial: URL, client: ClientProgram, clientVersion: (text: String, major: Int), fileName: String
    ) async throws -> BackupManifest {
        // As for pg_dump: every row, or an error, never one tenant's share.
        try await session.execute("SET LOCAL row_security = off")
        let access = try await DatabaseCensus.bypassesRowSecurity(session)
        guard access.bypasses else { throw DatabaseCensus.rowSecurityRefusal(access.role, doing: "back up every district") }
        let server = try await DatabaseCensus.server(session)
        guard clientVersion.major >= server.major else {
            throw BackupError(.clientTooOld, "\(pgDump.path) is version \(clientVersion.text), older than the server (\(server.version)): "
                + "pg_dump cannot dump a newer server. Install the PostgreSQL \(server.major) client programs "
                + "(apt-get install -y postgresql-client-\(server.major)) or set GOVREG_PG_BINDIR to their folder.")
        }
        let migrations = try await DatabaseCensus.migrations(session)
        guard !migrations.isEmpty else {
            throw BackupError(.notGovreg, "database \(server.database) has no applied govreg migrations (no govreg_migration rows): "
                + "nothing of govreg's to back up. Is --database-url the right database?")
        }
        progress("备份 backup: counting rows …")
        let tables = try await DatabaseCensus.tables(session)
        let snapshot = try await session.query("SELECT pg_export_snapshot() AS id")[0].decode(String.self, "id")
        let parameters = try await session.sessionParameters()
        progress("备份 backup: pg_dump \(server.database) (\(tables.count) tables, \(tables.reduce(0) { $0 + $1.rows }) rows) …")
        let outcome = try await client.run(
            ["--format=custom", "--no-password", "--snapshot=\(snapshot)", "--file=\(partial.path)", "--dbname=\(parameters.conninfo)"],
            password: parameters.password)
        guard outcome.status == 0 else {
            throw BackupError(.clientFailed, "pg_dump failed (exit status \(outcome.status)): \(outcome.standardError.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return BackupManifest(
            format: BackupManifest.currentFormat, createdAt: server.now, govregVersion: govregVersion,
            serverVersion: server.version, pgDumpVersion: clientVersion.text, database: server.database,
            dumpFile: fileName, dumpBytes: 0, dumpSHA256: "", migrations: migrations, tables: tables)
    }

    /// `rename(2)`: atomic, and replaces a file of that name.
    static func moveIntoPlace(_ source: URL, to destination: URL) throws {
        guard rename(source.path, destination.path) == 0 else {
            throw BackupError(.outputUnwritable, "could not rename \(source.path) to \(destination.path): \(String(cString: strerror(errno)))")
        }
    }

    /// Flushes a file (or, for the renames, its folder) to disk.
    static func synchronize(_ file: URL) throws {
        let descriptor = open(file.path, O_RDONLY)
        guard descriptor >= 0 else {
            throw BackupError(.outputUnwritable, "could not open \(file.path) to flush it: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else {
            throw BackupError(.outputUnwritable, "could not flush \(file.path) to disk: \(String(cString: strerror(errno)))")
        }
    }
}
