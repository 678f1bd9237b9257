import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension EmbeddedCluster {
    /// The state of the cluster, as its folder and the running processes show it.
    public enum Status: Sendable, Equatable, CustomStringConvertible {
        /// There is no cluster yet: `pgdata/PG_VERSION` does not exist.
        case notInitialised
        /// The cluster exists and no server runs on it.
        case stopped
        /// The cluster's server runs, with this postmaster PID.
        case running(pid: Int32)
        /// No server runs, but a `postmaster.pid` was left behind, usually by a crash.
        ///
        /// `pid` is the PID in the file, if it has one; `reason` says why the file is stale:
        /// no such process, or a process that is not a PostgreSQL server of this folder.
        /// ``EmbeddedCluster/start(log:)`` removes the file and starts the server.
        case stalePidFile(pid: Int32?, reason: String)

        public var description: String {
            switch self {
            case .notInitialised: "not initialised"
            case .stopped: "stopped"
            case .running(let pid): "running (pid \(pid))"
            case .stalePidFile(_, let reason): "stopped, with a stale postmaster.pid (\(reason))"
            }
        }
    }

    /// Reports whether the cluster exists and whether its server runs.
    ///
    /// A `postmaster.pid` counts as a running server only if its PID is alive, is a process
    /// named `postgres`, and works in this cluster's data folder.
    ///
    /// - Returns: The cluster's status.
    /// - Throws: ``EmbeddedClusterError`` if the data folder exists but cannot be read, for
    ///   example a root-owned cluster inspected by another user, or if its data was deleted or
    ///   damaged (see ``checkNoClusterWasLost()``).
    public func status() throws -> Status {
        guard try exists(dataDirectory.appendingPathComponent("PG_VERSION")) else {
            try checkNoClusterWasLost()
            return .notInitialised
        }
        guard let lock = try LockFile.read(pidFile) else { return .stopped }
        guard let pid = lock.pid else {
            return .stalePidFile(pid: nil, reason: "postmaster.pid holds no process id")
        }
        switch ProcessInspector.holder(of: pid, dataDirectory: dataDirectory) {
        case .ourServer, .unknown:
            return .running(pid: pid)
        case .nobody:
            return .stalePidFile(pid: pid, reason: "process \(pid) is not running")
        case .otherProcess(let what):
            return .stalePidFile(pid: pid, reason: what)
        }
    }

    /// Whether a file exists, telling "absent" apart from "not allowed to look".
    func exists(_ file: URL) throws -> Bool {
        var info = stat()
        if stat(file.path, &info) == 0 { return true }
        if errno == ENOENT || errno == ENOTDIR { return false }
        let reason = String(cString: strerror(errno))
        throw EmbeddedClusterError(
            .folderNotUsable,
            "Cannot inspect \(file.path): \(reason). The cluster in \(folder.path) belongs to another "
                + "user; run govreg as that user (or as root)."
        )
    }
}

/// A PostgreSQL lock file (`postmaster.pid`, `.s.PGSQL.5432.lock`): the PID on the first
/// line, the data directory on the second.
struct LockFile {
    /// The PID on the first line, if it is a number.
    var pid: Int32?
    /// The data directory on the second line, if any.
    var dataDirectory: String?

    /// Reads a lock file.
    ///
    /// - Returns: Its contents, or `nil` if there is no such file.
    /// - Throws: ``EmbeddedClusterError`` if it exists but cannot be read.
    static func read(_ url: URL) throws -> LockFile? {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
            throw EmbeddedClusterError(.folderNotUsable, "Cannot read \(url.path).")
        }
        let lines = String(decoding: data, as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false)
        return LockFile(
            pid: lines.first.flatMap { Int32($0.trimmingCharacters(in: .whitespaces)) },
            dataDirectory: lines.count > 1 ? String(lines[1]) : nil
        )
    }
}
