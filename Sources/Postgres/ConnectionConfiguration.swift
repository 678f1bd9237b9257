import Foundation

/// Where and how to connect.
///
/// The connection string is anything libpq accepts: a URL
/// (`postgresql://user@host:5432/db?sslmode=require`), a `key=value` conninfo string, or the
/// empty string, which leaves every setting to the standard `PG*` environment variables and
/// libpq's defaults, so a user's existing set-up just works.
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

    public init(
        _ connectionString: String = "",
        applicationName: String = "govreg",
        statementTimeout: Duration? = nil,
        lockTimeout: Duration? = nil,
        connectTimeoutSeconds: Int = 10
    ) {
        self.connectionString = connectionString
        self.applicationName = applicationName
        self.statementTimeout = statementTimeout
        self.lockTimeout = lockTimeout
        self.connectTimeoutSeconds = connectTimeoutSeconds
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
        // Pinned so that timestamp decoding and text handling never depend on server defaults.
        var options = ["-c DateStyle=ISO", "-c TimeZone=UTC", "-c IntervalStyle=iso_8601"]
        if let statementTimeout { options.append("-c statement_timeout=\(Self.milliseconds(statementTimeout))") }
        if let lockTimeout { options.append("-c lock_timeout=\(Self.milliseconds(lockTimeout))") }
        // libpq would read PGOPTIONS only if we sent no options of our own; keep the user's.
        if let userOptions = ProcessInfo.processInfo.environment["PGOPTIONS"], !userOptions.isEmpty {
            options.insert(userOptions, at: 0)
        }
        return [
            ("dbname", connectionString),
            ("user", user ?? ""),
            ("client_encoding", "UTF8"),
            ("application_name", applicationName),
            ("connect_timeout", String(connectTimeoutSeconds)),
            ("options", options.joined(separator: " ")),
        ]
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
