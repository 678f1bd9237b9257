public import ArgumentParser
public import EmbeddedCluster
import Foundation
public import Migrations
public import Postgres

/// How a command finds its database: flag, then environment, then the configuration file,
/// then libpq's PG* variables, then the embedded cluster (``Settings``).
public struct DatabaseOptions: ParsableArguments {
    public init() {}

    @Option(name: .customLong("config"), help: ArgumentHelp(
        "配置文件 A JSON file of settings, below flags and environment variables (default: $GOVREG_CONFIG; see `govreg config`).",
        valueName: "file"))
    public var configFile: String?

    @Option(name: .customLong("database-url"), help: "PostgreSQL URL or conninfo string (default: $GOVREG_DATABASE_URL, then the configuration file's database.url, then PG* variables, then the embedded cluster).")
    public var databaseURL: String?

    @Option(name: .customLong("pooler"), help: "连接池 What stands between govreg and an external database: session (the server itself, or a session-mode pooler) or transaction (PgBouncer pool_mode = transaction); default: $GOVREG_POOLER, then the configuration file, then session.")
    public var poolerMode: String?

    @Option(name: .customLong("data-dir"), help: "Folder of the embedded PostgreSQL cluster (default: $GOVREG_DATA_DIR, then the configuration file, then ./.govreg).")
    public var dataDirectory: String?

    @Option(name: .customLong("actor"), help: "经办人 Who is acting, as histories and the audit log will name you (cli:NAME; default: $GOVREG_ACTOR, then the operating-system user).")
    public var actor: String?

    /// The `PG*` variables whose presence means "the user has a server of their own".
    public static let connectionVariables = ["PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE"]

    /// The PG* variables of ``connectionVariables`` set (not blank) in this process.
    public static func connectionVariablesSet() -> [String] {
        let environment = ProcessInfo.processInfo.environment
        return connectionVariables.filter { environment[$0].map { !$0.isEmpty } ?? false }
    }

    /// The settings of this command: these flags and `flags` (a command's own), then the
    /// environment, then the configuration file, then the defaults.
    ///
    /// Only `govreg serve` and `govreg config` (`checkingServe`) are stopped by a bad `serve.*`
    /// value: one typed into govreg.env while the service runs must not stop `govreg db stop`,
    /// the unit's ExecStopPost, or systemd would SIGKILL the embedded PostgreSQL instead.
    ///
    /// - Throws: ``SettingsError`` naming the file, the key or the flag, and the source of a bad value.
    public func settings(adding flags: [Setting: String] = [:], checkingServe: Bool = false) throws -> Settings {
        var given = flags
        given[.configFile] = configFile
        given[.databaseURL] = databaseURL
        given[.pooler] = poolerMode
        given[.dataDirectory] = dataDirectory
        given[.actor] = actor
        return try Settings.read(flags: given, checking: { checkingServe || !$0.key.hasPrefix("serve.") })
    }

    /// Where the database is.
    public enum Target {
        case external(String)
        case embedded(EmbeddedCluster)
    }

    public var target: Target {
        get throws { try Self.target(of: try settings()) }
    }

    /// Where `settings` put the database: its URL, else libpq's PG* variables, else the
    /// embedded cluster in its data folder.
    public static func target(of settings: Settings) throws -> Target {
        if let url = settings.text(.databaseURL) { return .external(url) }
        if !connectionVariablesSet().isEmpty {
            return .external("")  // libpq reads the PG* variables itself
        }
        let folder = settings.text(.dataDirectory) ?? EmbeddedCluster.defaultFolderName
        return .embedded(EmbeddedCluster(folder: URL(filePath: folder)))
    }

    /// What stands between govreg and the server: `--pooler`, `GOVREG_POOLER` or the
    /// configuration file, else none.
    ///
    /// - Throws: ``SettingsError`` for an unknown mode, naming where it came from, and
    ///   `ValidationError` for `transaction` on the embedded cluster, which no pooler stands in front of.
    public func pooler() throws -> Pooler {
        try Self.pooler(of: try settings())
    }

    /// ``pooler()`` for settings already read.
    static func pooler(of settings: Settings) throws -> Pooler {
        let chosen = settings.text(.pooler).flatMap(Pooler.init(rawValue:)) ?? .session
        if chosen == .transaction, case .embedded = try Self.target(of: settings) {
            throw ValidationError(
                "--pooler / \(Pooler.environmentVariable) transaction applies to an external database behind PgBouncer; "
                + "give its address with --database-url, GOVREG_DATABASE_URL, the configuration file's database.url or PG*")
        }
        return chosen
    }

    /// The connection to use, starting the embedded cluster first when that is the target.
    public func connectionConfiguration(terminal: Terminal) throws -> ConnectionConfiguration {
        // One reading of the settings (and the configuration file) for both answers.
        let settings = try settings()
        let pooler = try Self.pooler(of: settings)
        switch try Self.target(of: settings) {
        case .external(let connectionString):
            return ConnectionConfiguration(connectionString, pooler: pooler)
        case .embedded(let cluster):
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
