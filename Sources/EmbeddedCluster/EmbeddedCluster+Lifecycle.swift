public import Foundation

extension EmbeddedCluster {
    /// What ``EmbeddedCluster/start(log:)`` did.
    public struct StartOutcome: Sendable, Equatable {
        /// The postmaster's PID.
        public var pid: Int32
        /// The server was already running; nothing was done.
        public var wasAlreadyRunning = false
        /// A new cluster was created with `initdb`.
        public var initialised = false
        /// Lock files left by a crashed server that were checked and removed.
        public var removedStaleFiles: [URL] = []
        /// The `govreg` database did not exist and was created.
        public var createdDatabase = false
    }

    /// Creates the cluster if needed, starts its server and creates the `govreg` database.
    ///
    /// Idempotent: if the server already runs, this reports it and does nothing. After a
    /// crash, a `postmaster.pid` (or socket lock file) whose process is gone, or is not a
    /// PostgreSQL server of this folder, is reported and removed; one whose server is alive is
    /// never touched. Settings (`listen_addresses = ''`, the socket folder, `fsync` and
    /// `synchronous_commit` on) are rewritten into `pgdata/govreg.conf` on every start.
    ///
    /// ```swift
    /// let outcome = try EmbeddedCluster(folder: folder).start { print($0) }
    /// if outcome.initialised { print("created a new cluster") }
    /// ```
    ///
    /// - Parameter log: Receives one line per step, for the person running govreg.
    /// - Returns: What was done, and the postmaster's PID.
    /// - Throws: ``EmbeddedClusterError`` if the socket path is too long, the PostgreSQL
    ///   programs are missing, the `postgres` user cannot reach the folder (as root), or a
    ///   command fails (the message then ends with the tail of `server.log`).
    @discardableResult
    public func start(log: (String) -> Void = { _ in }) throws -> StartOutcome {
        let current = try status()
        if case .running(let pid) = current {
            log("PostgreSQL is already running in \(folder.path) (pid \(pid)).")
            return StartOutcome(pid: pid, wasAlreadyRunning: true)
        }
        try checkSocketPathLength()
        let binaries = try PostgresBinaries.locate(explicit: binDirectory)
        let owner = ServerUser.isRoot ? try ServerUser.identity() : nil
        try prepareFolders(owner: owner)

        var outcome = StartOutcome(pid: 0)
        outcome.removedStaleFiles = try clearStaleLockFiles(after: current, log: log)
        if current == .notInitialised {
            try initialise(with: binaries, log: log)
            outcome.initialised = true
        }
        try writeSettings(owner: owner)

        log("Starting PostgreSQL in \(folder.path) …")
        try Command(
            executable: try binaries.program("pg_ctl"),
            arguments: ["-D", dataDirectory.path, "-l", serverLog.path, "-w", "-t", "60", "start"],
            asServerUser: true,
            workingDirectory: folder
        ).runChecked(
            failure: "PostgreSQL did not start in \(folder.path); the end of its server.log below says why. "
                // PostgreSQL's own hint for a damaged pg_control is "you need to initdb", which
                // would replace the district's data with an empty cluster.
                + "If it reports damaged or missing files, restore \(folder.path) from a backup; do not run initdb over it.",
            serverLog: serverLog)
        outcome.pid = try LockFile.read(pidFile)?.pid ?? 0

        outcome.createdDatabase = try createDatabaseIfMissing(with: binaries)
        if outcome.createdDatabase {
            log("Created the database \(Self.databaseName).")
        }
        log("PostgreSQL is running (pid \(outcome.pid)), socket in \(socketDirectory.path).")
        return outcome
    }

    /// Stops the server with a fast shutdown (open sessions are ended, their transactions
    /// rolled back) and waits until it has exited.
    ///
    /// If the server is not running, this says so and does nothing; a stale `postmaster.pid`
    /// is left for ``start(log:)`` to clean up.
    ///
    /// - Parameter log: Receives one line per step.
    /// - Throws: ``EmbeddedClusterError`` if `pg_ctl stop` fails.
    public func stop(log: (String) -> Void = { _ in }) throws {
        switch try status() {
        case .notInitialised:
            log("There is no PostgreSQL cluster in \(folder.path); nothing to stop.")
        case .stopped:
            log("PostgreSQL is not running in \(folder.path); nothing to stop.")
        case .stalePidFile(_, let reason):
            log("PostgreSQL is not running in \(folder.path) (stale postmaster.pid: \(reason)); nothing to stop.")
        case .running(let pid):
            let binaries = try PostgresBinaries.locate(explicit: binDirectory)
            log("Stopping PostgreSQL (pid \(pid)) …")
            try Command(
                executable: try binaries.program("pg_ctl"),
                arguments: ["-D", dataDirectory.path, "-m", "fast", "-w", "-t", "60", "stop"],
                asServerUser: true,
                workingDirectory: folder
            ).runChecked(failure: "PostgreSQL (pid \(pid)) did not stop.", serverLog: serverLog)
            log("PostgreSQL stopped.")
        }
    }

    /// Creates the `govreg` database unless it exists.
    ///
    /// - Returns: Whether it was created.
    private func createDatabaseIfMissing(with binaries: PostgresBinaries) throws -> Bool {
        let connection = ["-h", socketDirectory.path, "-p", String(Self.port), "-U", Self.superuser, "-w"]
        let existing = try Command(
            executable: try binaries.program("psql"),
            // A constant query: the database name is ours, not input.
            arguments: connection + [
                "-X", "-A", "-t", "-q", "-d", "postgres",
                "-c", "SELECT 1 FROM pg_database WHERE datname = '\(Self.databaseName)'",
            ],
            asServerUser: true,
            workingDirectory: folder
        ).runChecked(failure: "Could not list the databases of the embedded cluster.", serverLog: serverLog)
        guard existing.standardOutput.trimmingWhitespace() != "1" else { return false }
        try Command(
            executable: try binaries.program("createdb"),
            arguments: connection + [Self.databaseName],
            asServerUser: true,
            workingDirectory: folder
        ).runChecked(failure: "Could not create the database \(Self.databaseName).", serverLog: serverLog)
        return true
    }
}
