import Foundation

/// Where and how to connect.
///
/// The connection string is anything libpq accepts: a URL
/// (`postgresql://user@host:5432/db?sslmode=require`), a `key=value` conninfo string, or the
/// empty string, which leaves every setting to the standard `PG*` environment variables and
/// libpq's defaults, so a user's existing set-up just works. TLS settings (`sslmode`,
/// `sslrootcert`, `sslcert`, … or `PGSSLMODE`, `PGSSLROOTCERT`, …) reach libpq unchanged.
public struct ConnectionConfiguration: Sendable {
    public var connectionString: String
    /// The role to log in as, overriding the connection string's (nil: keep it).
    public var user: String?
    /// Shown in `pg_stat_activity`; never contains secrets.
    public var applicationName: String
    /// The server aborts a statement running longer than this (`statement_timeout`); nil: no limit.
    public var statementTimeout: Duration?
    /// How long a statement waits for a lock before failing (`lock_timeout`); nil: forever.
    public var lockTimeout: Duration?
    /// Seconds to wait for the server while connecting.
    public var connectTimeoutSeconds: Int
    /// What stands between govreg and the server: decides where the pinned settings go.
    public var pooler: Pooler

    public init(
        _ connectionString: String = "",
        applicationName: String = "govreg",
        statementTimeout: Duration? = nil,
        lockTimeout: Duration? = nil,
        connectTimeoutSeconds: Int = 10,
        pooler: Pooler = .session
    ) {
        self.connectionString = connectionString
        self.applicationName = applicationName
        self.statementTimeout = statementTimeout
        self.lockTimeout = lockTimeout
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.pooler = pooler
    }

    /// The same server and database, logged in as `role`.
    public func loggingIn(as role: String) -> ConnectionConfiguration {
        var copy = self
        copy.user = role
        return copy
    }

    /// The keyword/value pairs handed to `PQconnectdbParams`. The user's string comes first as
    /// `dbname` (libpq expands it); ours follow and pin what the decoders rely on.
    func connectKeywords() -> [(String, String)] {
        var keywords = [
            ("dbname", connectionString),
            ("user", user ?? ""),
            ("client_encoding", "UTF8"),
            ("application_name", applicationName),
            ("connect_timeout", String(connectTimeoutSeconds)),
        ]
        // A transaction pooler refuses the `options` startup parameter (PgBouncer: "unsupported
        // startup parameter"); there the same settings go into every transaction instead
        // (`transactionPins`), and libpq is left to send PGOPTIONS if the user set it.
        guard pooler == .session else { return keywords }
        var options = Self.pinnedSettings.map { "-c \($0.name)=\($0.value)" }
        if let statementTimeout { options.append("-c statement_timeout=\(Self.milliseconds(statementTimeout))") }
        if let lockTimeout { options.append("-c lock_timeout=\(Self.milliseconds(lockTimeout))") }
        // libpq would read PGOPTIONS only if we sent no options of our own; keep the user's.
        if let userOptions = ProcessInfo.processInfo.environment["PGOPTIONS"], !userOptions.isEmpty {
            options.insert(userOptions, at: 0)
        }
        keywords.append(("options", options.joined(separator: " ")))
        return keywords
    }

    /// Pinned so that timestamp decoding, `now()::date` and text handling never depend on
    /// the server's or the database's defaults.
    static let pinnedSettings: [(name: String, value: String)] = [
        ("DateStyle", "ISO"), ("TimeZone", "UTC"), ("IntervalStyle", "iso_8601"),
    ]

    /// Behind a transaction pooler, the statement that pins the settings for the current
    /// transaction only (`set_config(…, true)`), so nothing outlives it on a server session
    /// the pooler hands to someone else next. Nil on a session of our own: pinned at connect.
    func transactionPins() -> SQL? {
        guard pooler == .transaction else { return nil }
        var settings = Self.pinnedSettings
        if let statementTimeout { settings.append(("statement_timeout", String(Self.milliseconds(statementTimeout)))) }
        if let lockTimeout { settings.append(("lock_timeout", String(Self.milliseconds(lockTimeout)))) }
        var sql: SQL = "SELECT "
        for (index, setting) in settings.enumerated() {
            sql.append("\(unsafeRaw: index == 0 ? "" : ", ")set_config(\(setting.name), \(setting.value), true)")
        }
        return sql
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}

/// What stands between govreg and PostgreSQL, named as PgBouncer names its `pool_mode`.
public enum Pooler: String, Sendable, CaseIterable {
    /// A session of our own for as long as the connection lasts: the server itself, or a
    /// pooler in session mode. Settings are pinned once, at connect.
    case session
    /// Each transaction may run on a different server session (PgBouncer `pool_mode =
    /// transaction`): no startup options; every transaction, and every statement run
    /// outside one, pins the settings for itself. Migrations need a direct connection.
    case transaction

    /// The environment variable that chooses it (`GOVREG_POOLER=transaction`).
    public static let environmentVariable = "GOVREG_POOLER"

    /// Reads `GOVREG_POOLER`; unset or empty is `.session`.
    ///
    /// - Throws: ``PostgresError`` of kind `.connection` naming the variable and the values
    ///   it accepts, for anything else.
    public static func fromEnvironment() throws -> Pooler {
        try fromEnvironment(ProcessInfo.processInfo.environment)
    }

    /// Reads `GOVREG_POOLER` from `environment` (see ``fromEnvironment()``).
    public static func fromEnvironment(_ environment: [String: String]) throws -> Pooler {
        guard let text = environment[environmentVariable], !text.isEmpty else { return .session }
        guard let pooler = Pooler(rawValue: text.lowercased()) else {
            throw PostgresError(
                kind: .connection,
                message: "\(environmentVariable)=\(text) is not a pooler mode: use session or transaction")
        }
        return pooler
    }
}
