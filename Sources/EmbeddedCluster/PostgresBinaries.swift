import Foundation

/// The folder that holds the PostgreSQL server programs (`initdb`, `pg_ctl`, `postgres`)
/// and, usually, the clients (`psql`, `createdb`).
struct PostgresBinaries {
    /// The environment variable that names the folder explicitly.
    static let environmentVariable = "GOVREG_PG_BINDIR"

    /// The folder of the server programs.
    var directory: URL

    /// Finds the PostgreSQL programs.
    ///
    /// In order: `explicit` (the cluster's `binDirectory`), `$GOVREG_PG_BINDIR`,
    /// `pg_config --bindir` if that folder has `initdb`, the newest
    /// `/usr/lib/postgresql/<version>/bin` (Debian keeps the server programs there, off the
    /// PATH), and finally the folder of the first `initdb` on the PATH.
    ///
    /// - Throws: ``EmbeddedClusterError`` if none of these has `initdb`.
    static func locate(explicit: URL?) throws -> PostgresBinaries {
        let environment = ProcessInfo.processInfo.environment
        if let explicit {
            return try named(explicit, source: "the configured PostgreSQL bin directory")
        }
        if let configured = environment[environmentVariable], !configured.isEmpty {
            return try named(URL(fileURLWithPath: configured), source: environmentVariable)
        }
        if let fromPgConfig = pgConfigBinDirectory(), hasServerPrograms(fromPgConfig) {
            return PostgresBinaries(directory: fromPgConfig)
        }
        if let debian = newestDebianBinDirectory() {
            return PostgresBinaries(directory: debian)
        }
        if let initdb = searchPath(for: "initdb") {
            return PostgresBinaries(directory: initdb.deletingLastPathComponent())
        }
        throw EmbeddedClusterError(
            .binariesNotFound,
            "No PostgreSQL server programs (initdb, pg_ctl) were found: not via \(environmentVariable), "
                + "pg_config --bindir, /usr/lib/postgresql/*/bin nor the PATH. Install PostgreSQL "
                + "(apt-get install -y postgresql) or set \(environmentVariable) to the folder that holds initdb."
        )
    }

    /// The path of one program: from the server folder, else from the PATH.
    ///
    /// - Throws: ``EmbeddedClusterError`` if the program is in neither.
    func program(_ name: String) throws -> URL {
        let candidate = directory.appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        if let onPath = Self.searchPath(for: name) {
            return onPath
        }
        throw EmbeddedClusterError(
            .binariesNotFound,
            "The PostgreSQL program \(name) is neither in \(directory.path) nor on the PATH. "
                + "Install PostgreSQL: apt-get install -y postgresql"
        )
    }

    private static func named(_ directory: URL, source: String) throws -> PostgresBinaries {
        guard hasServerPrograms(directory) else {
            throw EmbeddedClusterError(
                .binariesNotFound,
                "\(source) names \(directory.path), which has no initdb and pg_ctl. "
                    + "Point it at PostgreSQL's bin folder (e.g. /usr/lib/postgresql/15/bin)."
            )
        }
        return PostgresBinaries(directory: directory)
    }

    private static func hasServerPrograms(_ directory: URL) -> Bool {
        ["initdb", "pg_ctl"].allSatisfy {
            FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent($0).path)
        }
    }

    private static func pgConfigBinDirectory() -> URL? {
        guard let pgConfig = searchPath(for: "pg_config"),
              let result = try? Command(executable: pgConfig, arguments: ["--bindir"]).run(),
              result.exitStatus == 0
        else { return nil }
        let path = result.standardOutput.trimmingWhitespace()
        return path.isEmpty ? nil : URL(fileURLWithPath: path)
    }

    private static func newestDebianBinDirectory() -> URL? {
        let root = URL(fileURLWithPath: "/usr/lib/postgresql")
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        // Compare "9.6" < "15" < "16" numerically, component by component.
        let numeric: (String) -> [Int] = { $0.split(separator: ".").map { Int($0) ?? -1 } }
        return versions
            .sorted { numeric($0).lexicographicallyPrecedes(numeric($1)) }
            .reversed()
            .lazy
            .map { root.appendingPathComponent($0).appendingPathComponent("bin") }
            .first(where: hasServerPrograms)
    }

    private static func searchPath(for name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
