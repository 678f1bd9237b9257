import ArgumentParser
import Backup
import EmbeddedCluster
import Foundation
import GovregCommandLine
import Migrations
import RegistryStore

/// `govreg restore FILE`: a backup of `govreg backup` into an empty database.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "恢复 Restore a backup of `govreg backup` into an EMPTY database (the embedded default after `govreg db start`, or --database-url).",
        discussion: """
            Checks first, changing nothing if one fails: the dump's SHA-256 against its manifest, that this govreg \
            knows every migration the backup's schema was built by, that the database is empty. Then pg_restore \
            restores it in one transaction, the application role is created if the cluster has none, and every \
            table's row count is compared with the manifest.
            """)
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var migrations: MigrationOptions
    @Argument(help: "The dump file written by `govreg backup`.")
    var file: String
    @Option(help: "The manifest (default: FILE.manifest.json).")
    var manifest: String?
    @Flag(help: "Print a summary as JSON.")
    var json = false

    func run() async throws {
        let terminal = Terminal()
        let source = try migrations.source()
        let restore = Restore(
            configuration: try database.connectionConfiguration(terminal: terminal),
            pgRestore: try EmbeddedCluster.clientProgram("pg_restore"),
            knownMigrations: source.files,
            applicationRole: RegistryDatabase.applicationRole
        ) { terminal.progress($0) }
        let dump = URL(filePath: file)
        let manifestFile = manifest.map { URL(filePath: $0) }
        let report = try await restore.run(dump: dump, manifestFile: manifestFile)
        let summary = BackupSummary(report.manifest, file: dump, manifestFile: manifestFile)
        if json {
            try terminal.json(RestoreSummary(
                backup: summary, restoredInto: report.database, createdApplicationRole: report.createdApplicationRole,
                pendingMigrations: report.pendingMigrations.map(\.identifier)))
            return
        }
        terminal.print("恢复 restored \(summary.file) (taken \(terminal.moment(summary.createdAt))) into \(report.database): "
            + "\(summary.tables) tables, \(summary.rows) rows, counts match the manifest")
        if report.createdApplicationRole {
            terminal.print("created role \(RegistryDatabase.applicationRole) (no password: give it one if it logs in over TCP)")
        }
        if !report.pendingMigrations.isEmpty {
            terminal.print("the backup predates \(report.pendingMigrations.count) migration(s) of this govreg: run `govreg db migrate`")
        }
    }
}

private struct RestoreSummary: Encodable {
    var backup: BackupSummary
    var restoredInto: String
    var createdApplicationRole: Bool
    var pendingMigrations: [String]
}
