import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// The steps of `start` before `pg_ctl start`: folders, initdb, settings, stale lock files.
extension EmbeddedCluster {
    /// The longest socket path the kernel accepts: `sun_path` is 108 bytes with the NUL.
    static let maximumSocketPathLength = 107

    /// Refuses a folder whose socket path would not fit in a Unix socket address.
    func checkSocketPathLength() throws {
        let length = socketFile.path.utf8.count
        guard length <= Self.maximumSocketPathLength else {
            throw EmbeddedClusterError(
                .socketPathTooLong,
                "The data folder's path is too long for a Unix socket: \(socketFile.path) is \(length) bytes, "
                    + "and Unix sockets allow at most \(Self.maximumSocketPathLength). "
                    + "Choose a data folder with a shorter path (for example --data-dir /var/lib/govreg)."
            )
        }
    }

    /// Creates the folder, `run/`, `pgdata/` and `server.log`, owned by the server user.
    ///
    /// - Parameter owner: The server user when running as root, else `nil`.
    func prepareFolders(owner: ServerUser.Identity?) throws {
        let files = FileManager.default
        if !files.fileExists(atPath: folder.path) {
            // As root the folder must let postgres through (but not list it); otherwise it
            // is private to the one user who runs both govreg and the server.
            try makeDirectory(folder, mode: owner == nil ? 0o700 : 0o711)
        }
        if let owner {
            try ServerUser.checkCanReach(folder, as: owner)
        }
        for directory in [socketDirectory, dataDirectory] where !files.fileExists(atPath: directory.path) {
            // initdb could create pgdata itself, but as postgres it may not write in a root
            // folder; making it here (empty, 0700, handed over) works for both cases.
            try makeDirectory(directory, mode: 0o700)
            try ServerUser.handOver(directory, to: owner)
        }
        // The socket folder must stay private: trust authentication relies on it.
        chmod(socketDirectory.path, 0o700)
        try ServerUser.handOver(socketDirectory, to: owner)
        if !files.fileExists(atPath: serverLog.path) {
            // pg_ctl opens the log as the server user, who may not create files here.
            guard files.createFile(atPath: serverLog.path, contents: nil, attributes: [.posixPermissions: 0o600])
            else {
                throw EmbeddedClusterError(.folderNotUsable, "Could not create \(serverLog.path).")
            }
            try ServerUser.handOver(serverLog, to: owner)
        }
    }

    /// Runs initdb on the empty data folder.
    func initialise(with binaries: PostgresBinaries, log: (String) -> Void) throws {
        log("Creating a new PostgreSQL cluster in \(dataDirectory.path) …")
        try Command(
            executable: try binaries.program("initdb"),
            arguments: [
                "-D", dataDirectory.path,
                // Checksums catch storage corruption; PostgreSQL 15 leaves them off by default.
                "--data-checksums",
                "-E", "UTF8", "--locale=C.UTF-8",
                "-U", Self.superuser,
                // Trust is safe only because the socket folder is private (mode 0700) and no
                // TCP port is opened; reject TCP outright should one ever be configured.
                "--auth-local=trust", "--auth-host=reject",
            ],
            asServerUser: true,
            workingDirectory: folder
        ).runChecked(failure: "initdb could not create a cluster in \(dataDirectory.path).")
    }

    /// Writes govreg's settings to `pgdata/govreg.conf` and makes `postgresql.conf` include it.
    ///
    /// Rewritten on every start, so a moved folder gets its new socket path and a newer
    /// govreg its newer settings; lines after the include in `postgresql.conf` still win.
    func writeSettings(owner: ServerUser.Identity?) throws {
        let settings = """
            # Written by govreg at every start of its embedded cluster: do not edit; to override
            # a setting, add it to postgresql.conf after the line that includes this file.
            listen_addresses = ''
            port = \(Self.port)
            unix_socket_directories = '\(Self.configQuoted(socketDirectory.path))'
            unix_socket_permissions = 0700
            max_connections = 100
            fsync = on
            synchronous_commit = on
            full_page_writes = on

            """
        let settingsFile = dataDirectory.appendingPathComponent("govreg.conf")
        do {
            try Data(settings.utf8).write(to: settingsFile, options: .atomic)
        } catch {
            throw EmbeddedClusterError(.folderNotUsable, "Could not write \(settingsFile.path): \(error)")
        }
        chmod(settingsFile.path, 0o600)
        try ServerUser.handOver(settingsFile, to: owner)

        let mainFile = dataDirectory.appendingPathComponent("postgresql.conf")
        let include = "include 'govreg.conf'"
        guard let main = FileManager.default.contents(atPath: mainFile.path) else {
            throw EmbeddedClusterError(.folderNotUsable, "Could not read \(mainFile.path).")
        }
        let lines = String(decoding: main, as: UTF8.self).split(separator: "\n").map { String($0).trimmingWhitespace() }
        guard !lines.contains(include) else { return }
        // Appending keeps the file's owner (postgres) and its mode.
        guard let handle = FileHandle(forWritingAtPath: mainFile.path) else {
            throw EmbeddedClusterError(.folderNotUsable, "Could not open \(mainFile.path) for writing.")
        }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("\n# govreg's settings for its embedded cluster\n\(include)\n".utf8))
        } catch {
            throw EmbeddedClusterError(.folderNotUsable, "Could not append to \(mainFile.path): \(error)")
        }
    }

    /// Removes lock files that a crashed server left behind, after checking them.
    ///
    /// - Parameter status: The status found before starting.
    /// - Returns: The files removed.
    func clearStaleLockFiles(after status: Status, log: (String) -> Void) throws -> [URL] {
        try waitForOldServerProcesses(log: log)
        var removed: [URL] = []
        if case .stalePidFile(_, let reason) = status {
            try remove(pidFile)
            log("Removed a stale \(pidFile.path) (\(reason)).")
            removed.append(pidFile)
        }
        guard let lock = try LockFile.read(socketLockFile) else { return removed }
        let lockDataDirectory = lock.dataDirectory.map { URL(fileURLWithPath: $0) } ?? dataDirectory
        let holder = lock.pid.map { ProcessInspector.holder(of: $0, dataDirectory: lockDataDirectory) } ?? .nobody
        switch holder {
        case .ourServer, .unknown:
            throw EmbeddedClusterError(
                .socketInUse,
                "A PostgreSQL server (pid \(lock.pid ?? 0), data folder \(lockDataDirectory.path)) holds the socket "
                    + "in \(socketDirectory.path). Stop that server, then start again."
            )
        case .nobody, .otherProcess:
            let reason = lock.pid.map { "process \($0) is not a server using it" } ?? "it holds no process id"
            try remove(socketLockFile)
            // The socket file of a dead server refuses connections; PostgreSQL would replace
            // it anyway once it holds the lock.
            try? FileManager.default.removeItem(at: socketFile)
            log("Removed a stale \(socketLockFile.path) (\(reason)).")
            removed.append(socketLockFile)
        }
        return removed
    }

    /// Waits for processes of a killed server to exit; they exit on their own moments after
    /// their postmaster dies, and a new server beside them could corrupt the data.
    private func waitForOldServerProcesses(log: (String) -> Void) throws {
        var remaining = ProcessInspector.serverProcesses(in: dataDirectory)
        guard !remaining.isEmpty else { return }
        log("Waiting for processes of an earlier server to exit (pids \(Self.list(remaining))) …")
        let deadline = Date().addingTimeInterval(15)
        while !remaining.isEmpty && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            remaining = ProcessInspector.serverProcesses(in: dataDirectory)
        }
        guard remaining.isEmpty else {
            throw EmbeddedClusterError(
                .oldServerProcessesRunning,
                "Processes of an earlier PostgreSQL server still run in \(dataDirectory.path) "
                    + "(pids \(Self.list(remaining))) although no running server owns the folder. Starting "
                    + "another server beside them could corrupt the data: stop them (kill \(Self.list(remaining))) "
                    + "and start again."
            )
        }
    }

    private func makeDirectory(_ directory: URL, mode: Int) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw EmbeddedClusterError(.folderNotUsable, "Could not create \(directory.path): \(error)")
        }
        // Set explicitly: createDirectory's attributes are subject to the umask.
        chmod(directory.path, mode_t(mode))
    }

    private func remove(_ file: URL) throws {
        do {
            try FileManager.default.removeItem(at: file)
        } catch {
            throw EmbeddedClusterError(.folderNotUsable, "Could not remove \(file.path): \(error)")
        }
    }

    /// A string for a single-quoted value in postgresql.conf.
    static func configQuoted(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''")
    }

    private static func list(_ pids: [Int32]) -> String {
        pids.map(String.init).joined(separator: " ")
    }
}
