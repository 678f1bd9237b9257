public import ArgumentParser
public import EmbeddedCluster
import Foundation
public import Migrations
public import Postgres

/// How a command finds its database: flag, then environment, then the embedded cluster.
public struct DatabaseOptions: ParsableArguments {
    public init() {}

    @Option(name: .customLong("database-url"), help: "PostgreSQL URL or conninfo string (default: $GOVREG_DATABASE_URL, then PG* variables, then the embedded cluster).")
    public var databaseURL: String?

    @Option(name: .customLong("pooler"), help: "连接池 What stands between govreg and an external database: session (the server itself, or a session-mode pooler) or transaction (PgBouncer pool_mode = transaction); default: $GOVREG_POOLER, then session.")
    public var poolerMode: String?

    @Option(name: .customLong("data-dir"), help: "Folder of the embedded PostgreSQL cluster (default: $GOVREG_DATA_DIR or ./.govreg).")
    public var dataDirectory: String?

    @Option(name: .customLong("actor"), help: "经办人 Who is acting, as histories and the audit log will name you (cli:NAME; default: $GOVREG_ACTOR, then the operating-system user).")
    public var actor: String?

    /// The `PG*` variables whose presence means "the user has a server of their own".
    public static let connectionVariables = ["PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE"]

    /// Where the database is.
    public enum Target {
        case external(String)
        case embedded(EmbeddedCluster)
    }

    public var target: Target {
        let environment = ProcessInfo.processInfo.environment
        if let databaseURL { return .external(databaseURL) }
        if let url = environment["GOVREG_DATABASE_URL"], !url.isEmpty { return .external(url) }
        if Self.connectionVariables.contains(where: { environment[$0].map { !$0.isEmpty } ?? false }) {
            return .external("")  // libpq reads the PG* variables itself
        }
        let folder = dataDirectory ?? environment["GOVREG_DATA_DIR"] ?? EmbeddedCluster.defaultFolderName
        return .embedded(EmbeddedCluster(folder: URL(filePath: folder)))
    }

    /// What stands between govreg and the server: `--pooler`, then `GOVREG_POOLER`, then none.
    ///
    /// - Throws: `ValidationError` naming the flag or the variable for an unknown mode, and
    ///   for `transaction` on the embedded cluster, which no pooler stands in front of.
    public func pooler() throws -> Pooler {
        let chosen: Pooler
        if let poolerMode {
            guard let mode = Pooler(rawValue: poolerMode.lowercased()) else {
                throw ValidationError("--pooler \(poolerMode): unknown mode; use session or transaction")
            }
            chosen = mode
        } else {
            do { chosen = try Pooler.fromEnvironment() } catch { throw ValidationError("\(error)") }
        }
        if chosen == .transaction, case .embedded = target {
            throw ValidationError(
                "--pooler / \(Pooler.environmentVariable) transaction applies to an external database behind PgBouncer; "
                + "give its address with --database-url, GOVREG_DATABASE_URL or PG*")
        }
        return chosen
    }

    /// The connection to use, starting the embedded cluster first when that is the target.
    public func connectionConfiguration(terminal: Terminal) throws -> ConnectionConfiguration {
        switch target {
        case .external(let connectionString):
            return ConnectionConfiguration(connectionString, pooler: try pooler())
        case .embedded(let cluster):
            _ = try pooler()
            let outcome = try cluster.start { terminal.progress($0) }
            if !outcome.wasAlreadyRunning {
                terminal.progress("内置数据库 embedded PostgreSQL running in \(cluster.folder.path) (pid \(outcome.pid))")
            }
            return ConnectionConfiguration(cluster.connectionString)
        }
    }
}

/// Where the migration files are.
public struct MigrationOptions: ParsableArguments {
    public init() {}

    @Option(name: .customLong("migrations"), help: "A migrations folder to use instead of the files built into govreg, for development (default: $GOVREG_MIGRATIONS, else the built-in files).")
    public var migrationsFolder: String?

    /// The migrations to apply: the folder given or in `GOVREG_MIGRATIONS`, else those built in.
    public func source() throws -> MigrationSource {
        try MigrationSource.chosen(explicit: migrationsFolder)
    }
}
