import ArgumentParser
import EmbeddedCluster
import Foundation
import GovregCommandLine
import Migrations
import Postgres
import Distribution

/// `govreg db …`: the database server and its schema.
struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "数据库 The database: the embedded server and migrations.",
        subcommands: [Start.self, Stop.self, Status.self, Migrate.self, Verify.self, New.self, Lint.self, Distribute.self]
    )

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start the embedded PostgreSQL (initialising it on first use).")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let terminal = Terminal()
            guard case .embedded(let cluster) = try database.target else {
                terminal.print("Using an external database (--database-url, GOVREG_DATABASE_URL or PG*): nothing to start.")
                return
            }
            let outcome = try cluster.start { terminal.progress($0) }
            for file in outcome.removedStaleFiles {
                terminal.warn("removed stale \(file.lastPathComponent) left by a crashed server")
            }
            terminal.print(outcome.wasAlreadyRunning
                ? "内置数据库 embedded PostgreSQL already running (pid \(outcome.pid)) in \(cluster.folder.path)"
                : "内置数据库 embedded PostgreSQL started (pid \(outcome.pid)) in \(cluster.folder.path)")
        }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the embedded PostgreSQL.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let terminal = Terminal()
            guard case .embedded(let cluster) = try database.target else {
                terminal.print("Using an external database: govreg does not manage it, nothing to stop.")
                return
            }
            guard case .running = try cluster.status() else {
                terminal.print("内置数据库 embedded PostgreSQL is not running (\(try cluster.status())).")
                return
            }
            try cluster.stop { terminal.progress($0) }
            terminal.print("内置数据库 embedded PostgreSQL stopped.")
        }
    }

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply pending migrations in order, each file in its own transaction.",
            discussion: "Forward-only: to undo a change, write a new migration. Two migrates at once are safe: one applies, the other waits, then finds nothing to do.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @Flag(help: "Run pending files in a transaction that is rolled back: shows errors, changes nothing.")
        var dryRun = false
        @Option(help: "Stop after this version (e.g. 3 or core/0003).")
        var to: String?
        @Option(help: "Seconds to wait for another migrator's lock.")
        var lockWait = 300
        @Flag(help: "Print the result as JSON.")
        var json = false

        func run() async throws {
            let terminal = Terminal()
            let configuration = try database.connectionConfiguration(terminal: terminal)
            let migrator = Migrator(
                configuration: configuration,
                source: try migrations.source(),
                lockWait: .seconds(lockWait),
                progress: { terminal.progress(MigrationProgressText.line(for: $0)) })
            let report = try await migrator.migrate(to: to, dryRun: dryRun)
            // On a database `db distribute` placed, a table a migration made is a plain table on
            // the coordinator until placed by the same plan: now, and again on every migrate
            // (even one with nothing to apply), so a placement that failed once is retried.
            let placed = dryRun ? [] : try await Self.distributeNewTables(configuration, terminal: terminal)
            if json {
                try terminal.json(MigrateJSON(dryRun: report.dryRun, applied: report.applied.map(\.identifier), distributed: placed.map(\.table)))
            } else if report.applied.isEmpty {
                terminal.print("迁移 migrations: nothing to do, the schema is current.")
            } else {
                let verb = dryRun ? "checked (rolled back) 试运行" : "applied 已应用"
                terminal.print("迁移 migrations: \(report.applied.count) \(verb): \(report.applied.map(\.identifier).joined(separator: ", "))")
            }
            if !placed.isEmpty && !json {
                terminal.print("分布 distribute: \(placed.count) new tables placed 已分布: " + placed.map { "\($0.table) (\($0.placement.rawValue))" }.joined(separator: ", "))
            }
        }

        /// The tables placed after a migrate on a distributed database; none elsewhere.
        static func distributeNewTables(_ configuration: ConnectionConfiguration, terminal: Terminal) async throws -> [TablePlacement] {
            try await Connection.with(configuration) { connection in
                try await Distributor.placeNewTables(connection, progress: { terminal.progress("分布 \($0)") })
            }
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that applied migrations are unchanged, none is missing, and no index is invalid (exit 1 if not).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions

        func run() async throws {
            let terminal = Terminal()
            let migrator = Migrator(
                configuration: try database.connectionConfiguration(terminal: terminal),
                source: try migrations.source())
            let plan = try await migrator.verify()
            let pending = plan.pending.count
            terminal.print("校验 verify: ok, \(plan.statuses.count - pending) applied files match their checksums"
                + (pending > 0 ? "; \(pending) pending" : ""))
        }
    }

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the next migration file.",
            discussion: "Needs the migrations folder of a checkout (--migrations, $GOVREG_MIGRATIONS, ./migrations, or one above the executable); rebuild govreg to build the new file in.")
        @OptionGroup var migrations: MigrationOptions
        @Argument(help: "What the migration does, e.g. demand_workflow.")
        var name: String
        @Option(help: "Module id, to add to migrations/modules/<id>/ instead of core.")
        var module: String?

        func run() throws {
            let source = try MigrationSource(root: try MigrationSource.locate(explicit: migrations.migrationsFolder))
            let url = try source.createNext(group: module ?? MigrationSource.coreGroup, name: name)
            print(url.path)
        }
    }
}

private struct MigrateJSON: Encodable {
    var dryRun: Bool
    var applied: [String]
    /// Tables placed on Citus after the migrations (empty on a database not distributed).
    var distributed: [String]
}
