public import Foundation

/// govreg's own PostgreSQL cluster, kept in a local data folder.
///
/// With no database configured, govreg creates a cluster here (`initdb`), starts it
/// (`pg_ctl`) and connects through a Unix socket in the folder; no TCP port is opened.
/// The layout of the folder:
///
/// - `pgdata/`: the data directory (`PGDATA`), mode 0700;
/// - `run/`: the Unix socket, mode 0700;
/// - `server.log`: the server's log.
///
/// When govreg runs as root, the cluster belongs to and runs as the `postgres` system
/// user, because PostgreSQL refuses to run as root.
///
/// ```swift
/// let cluster = EmbeddedCluster(folder: URL(fileURLWithPath: ".govreg"))
/// try cluster.start { print($0) }
/// // Connect with libpq using cluster.connectionString, e.g.
/// // "host=/srv/app/.govreg/run port=5432 dbname=govreg user=postgres".
/// …
/// try cluster.stop { print($0) }
/// ```
public struct EmbeddedCluster: Sendable {
    /// The folder name used when none is configured, relative to the working directory.
    public static let defaultFolderName = ".govreg"
    /// The port number, which names the socket file (`.s.PGSQL.5432`); no TCP port is opened.
    public static let port = 5432
    /// The database govreg uses, created on the first start.
    public static let databaseName = "govreg"
    /// The bootstrap superuser, always `postgres` whatever user runs govreg.
    public static let superuser = "postgres"

    /// The cluster's folder, absolute.
    public let folder: URL
    /// The folder of the PostgreSQL programs, or `nil` to find them (see ``start(log:)``).
    public let binDirectory: URL?

    /// Describes the cluster in `folder`; touches nothing on disk.
    ///
    /// - Parameters:
    ///   - folder: The cluster's folder; a relative path is taken from the working directory.
    ///   - binDirectory: The folder holding `initdb` and `pg_ctl`. If `nil`, they are found
    ///     through `$GOVREG_PG_BINDIR`, `pg_config --bindir`, the newest
    ///     `/usr/lib/postgresql/*/bin` or the PATH, in that order.
    public init(folder: URL = URL(fileURLWithPath: defaultFolderName), binDirectory: URL? = nil) {
        self.folder = folder.absoluteURL.standardizedFileURL
        self.binDirectory = binDirectory?.absoluteURL.standardizedFileURL
    }

    /// The data directory, `<folder>/pgdata`.
    public var dataDirectory: URL { folder.appendingPathComponent("pgdata", isDirectory: true) }

    /// The directory of the server's Unix socket, `<folder>/run`.
    public var socketDirectory: URL { folder.appendingPathComponent("run", isDirectory: true) }

    /// The server's log file, `<folder>/server.log`.
    public var serverLog: URL { folder.appendingPathComponent("server.log") }

    /// A libpq connection string for the `govreg` database as the `postgres` superuser.
    ///
    /// For example `host=/srv/app/.govreg/run port=5432 dbname=govreg user=postgres`.
    public var connectionString: String {
        [
            ("host", socketDirectory.path),
            ("port", String(Self.port)),
            ("dbname", Self.databaseName),
            ("user", Self.superuser),
        ]
        .map { "\($0.0)=\(Self.conninfoQuoted($0.1))" }
        .joined(separator: " ")
    }

    /// The path of the server's socket file, `<run>/.s.PGSQL.5432`.
    var socketFile: URL { socketDirectory.appendingPathComponent(".s.PGSQL.\(Self.port)") }

    /// The lock file the server keeps beside its socket.
    var socketLockFile: URL { socketDirectory.appendingPathComponent(".s.PGSQL.\(Self.port).lock") }

    /// The server's lock file; its first line is the postmaster's PID.
    var pidFile: URL { dataDirectory.appendingPathComponent("postmaster.pid") }

    /// Quotes a conninfo value when it needs it: empty, or with spaces, quotes or backslashes.
    static func conninfoQuoted(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.contains { $0 == " " || $0 == "'" || $0 == "\\" || $0.isNewline }
        guard needsQuotes else { return value }
        let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
        return "'\(escaped)'"
    }
}
