import ArgumentParser
import Backup
import EmbeddedCluster
import Foundation
import GovregCommandLine

/// `govreg backup --out FILE`: the govreg database as a `pg_dump` custom-format file, with a
/// manifest beside it (`FILE.manifest.json`).
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "备份 Back up the govreg database: a pg_dump custom-format file and FILE.manifest.json beside it.",
        discussion: """
            The manifest holds the dump's SHA-256, the applied migrations, the server and govreg versions and every \
            table's row count, all taken from the same snapshot as the dump. Both files are written under temporary \
            names and renamed at the end, replacing files of those names. `govreg restore FILE` checks and restores \
            it; in an emergency plain `pg_restore` reads the dump too.
            """)
    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("out"), help: "The dump file to write, e.g. govreg-2026-12-06.dump.")
    var out: String
    @Flag(help: "Print a summary as JSON.")
    var json = false

    func validate() throws {
        if out.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--out: give the file to write the backup to") }
    }

    func run() async throws {
        let terminal = Terminal()
        let configuration = try database.connectionConfiguration(terminal: terminal)
        let backup = Backup(
            configuration: configuration,
            pgDump: try EmbeddedCluster.clientProgram("pg_dump"),
            govregVersion: GovregVersion.summary
        ) { terminal.progress($0) }
        let file = URL(filePath: out)
        let manifest = try await backup.write(to: file)
        let summary = BackupSummary(manifest, file: file)
        if json {
            try terminal.json(summary)
        } else {
            terminal.print("备份 backup: \(summary.file) (\(summary.bytes) bytes, SHA-256 \(summary.sha256))")
            terminal.print("清单 manifest: \(summary.manifest): \(summary.tables) tables, \(summary.rows) rows, "
                + "migration head \(summary.migrationHead.joined(separator: ", "))")
        }
    }
}

/// The `--json` of `govreg backup` and `govreg restore`.
struct BackupSummary: Encodable {
    var file: String
    var manifest: String
    var sha256: String
    var bytes: Int
    var createdAt: Date
    var database: String
    var tables: Int
    var rows: Int
    /// The last applied migration of each group (core first).
    var migrationHead: [String]

    init(_ manifest: BackupManifest, file: URL, manifestFile: URL? = nil) {
        self.file = file.path
        self.manifest = (manifestFile ?? BackupManifest.location(ofDump: file)).path
        sha256 = manifest.dumpSHA256
        bytes = manifest.dumpBytes
        createdAt = manifest.createdAt
        database = manifest.database
        tables = manifest.tables.count
        rows = manifest.tables.reduce(0) { $0 + $1.rows }
        var head: [String: BackupManifest.Migration] = [:]
        var groups: [String] = []
        for migration in manifest.migrations {
            if head[migration.group] == nil { groups.append(migration.group) }
            head[migration.group] = migration
        }
        migrationHead = groups.compactMap { head[$0]?.identifier }
    }
}
