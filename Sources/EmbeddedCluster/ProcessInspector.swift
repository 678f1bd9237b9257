import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Tells whether a PID from a lock file is the cluster's own server, using Linux's /proc.
///
/// A PID alone proves little: after a crash and a reboot the number may belong to any
/// process, even to the server of another cluster. The postmaster changes its working
/// directory to its data folder, so "a process named postgres whose working directory is
/// our data folder" identifies it.
enum ProcessInspector {
    /// Who holds a lock file.
    enum Holder: Equatable {
        /// No process has that PID (or only a zombie is left of it).
        case nobody
        /// A PostgreSQL server running in our data folder.
        case ourServer
        /// A live process that is not our server; the text says what it is.
        case otherProcess(String)
        /// Alive, but this system has no /proc to tell what it is: treated as our server,
        /// because wrongly removing a live server's lock file is the one unsafe mistake.
        case unknown
    }

    /// Classifies the process a lock file names.
    ///
    /// - Parameters:
    ///   - pid: The PID from the lock file.
    ///   - dataDirectory: The cluster's data folder.
    static func holder(of pid: Int32, dataDirectory: URL) -> Holder {
        // kill(0 or negative, 0) would address process groups, never a single process.
        guard pid > 0 else { return .nobody }
        if kill(pid, 0) != 0 && errno == ESRCH { return .nobody }
        guard FileManager.default.fileExists(atPath: "/proc/self/stat") else { return .unknown }
        guard let state = state(of: pid), state != "Z", state != "X" else { return .nobody }
        let name = command(of: pid) ?? "?"
        guard name == "postgres" else {
            return .otherProcess("process \(pid) is '\(name)', not a PostgreSQL server")
        }
        guard let directory = workingDirectory(of: pid) else {
            // Root can read every live process's cwd: if it cannot, the process is exiting
            // (its file system state is already torn down, e.g. moments after kill -9). Say
            // "unknown" so nobody removes its lock file before it is gone. A non-root govreg
            // runs the server as itself, so an unreadable cwd means another user's server.
            if geteuid() == 0 { return .unknown }
            return .otherProcess("process \(pid) is a PostgreSQL server of another user")
        }
        guard directory == realPath(dataDirectory) else {
            return .otherProcess("process \(pid) is the PostgreSQL server of \(directory)")
        }
        return .ourServer
    }

    /// The live PostgreSQL processes whose working directory is `dataDirectory`.
    ///
    /// After the postmaster is killed, its children notice and exit within moments; until
    /// they have, starting a new server on the same data folder would risk corrupting it.
    static func serverProcesses(in dataDirectory: URL) -> [Int32] {
        guard let target = realPath(dataDirectory),
              let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc")
        else { return [] }
        let ownPID = getpid()
        return entries.compactMap { Int32($0) }
            .filter { pid in
                pid != ownPID
                    && workingDirectory(of: pid) == target
                    && command(of: pid) == "postgres"
                    && state(of: pid).map { $0 != "Z" && $0 != "X" } == true
            }
            .sorted()
    }

    /// The live PostgreSQL processes still working in `dataDirectory` after it was deleted.
    ///
    /// A deleted working directory stays usable by the processes inside it, and /proc shows
    /// it as the old path followed by " (deleted)". Such a server answers on, on deleted
    /// files, until it notices that its `postmaster.pid` is gone (PostgreSQL checks once a
    /// minute) and shuts down.
    ///
    /// - Returns: The PIDs, the postmaster (whose parent is none of them) first.
    static func serverProcesses(inDeleted dataDirectory: URL) -> [Int32] {
        let target = resolvedPath(allowingMissing: dataDirectory) + " (deleted)"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        let found = entries.compactMap { Int32($0) }
            .filter { pid in
                workingDirectory(of: pid) == target
                    && command(of: pid) == "postgres"
                    && state(of: pid).map { $0 != "Z" && $0 != "X" } == true
            }
        let members = Set(found)
        let isPostmaster: (Int32) -> Bool = { pid in parent(of: pid).map { !members.contains($0) } ?? true }
        return found.filter(isPostmaster).sorted() + found.filter { !isPostmaster($0) }.sorted()
    }

    /// The path with the symbolic links of its nearest existing ancestor resolved, as the
    /// kernel names a working directory; the missing rest is appended as given.
    static func resolvedPath(allowingMissing url: URL) -> String {
        var existing = url.standardizedFileURL
        var missing: [String] = []
        while realPath(existing) == nil && existing.path != "/" {
            missing.insert(existing.lastPathComponent, at: 0)
            existing.deleteLastPathComponent()
        }
        let base = realPath(existing) ?? existing.path
        return missing.reduce(base) { path, component in (path == "/" ? "" : path) + "/" + component }
    }

    /// The absolute path with every symbolic link resolved, if the file exists.
    static func realPath(_ url: URL) -> String? {
        guard let resolved = realpath(url.path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The one-letter state from /proc/PID/stat (R, S, D, Z …).
    private static func state(of pid: Int32) -> Character? {
        guard let stat = read("/proc/\(pid)/stat"),
              let closing = stat.lastIndex(of: ")")
        else { return nil }
        // "PID (comm) S …": the command may itself contain spaces and parentheses.
        return stat[stat.index(after: closing)...].first { $0 != " " }
    }

    /// The parent's PID, from /proc/PID/stat ("PID (comm) S PPID …").
    private static func parent(of pid: Int32) -> Int32? {
        guard let stat = read("/proc/\(pid)/stat"), let closing = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: closing)...].split(separator: " ")
        return fields.count > 1 ? Int32(fields[1]) : nil
    }

    /// The process's command name from /proc/PID/comm.
    private static func command(of pid: Int32) -> String? {
        read("/proc/\(pid)/comm")?.trimmingWhitespace()
    }

    private static func workingDirectory(of pid: Int32) -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/cwd")
    }

    private static func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }
}
