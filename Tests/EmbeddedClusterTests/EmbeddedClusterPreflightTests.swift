@testable import EmbeddedCluster
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tests of the status logic and the checks made before anything starts: no server needed.
@Suite("Embedded cluster checks")
struct EmbeddedClusterPreflightTests {
    @Test("the connection string points at the socket folder, quoting where needed")
    func connectionString() {
        let plain = EmbeddedCluster(folder: URL(fileURLWithPath: "/srv/app/.govreg"))
        #expect(plain.connectionString == "host=/srv/app/.govreg/run port=5432 dbname=govreg user=postgres")
        #expect(plain.socketDirectory.path == "/srv/app/.govreg/run")
        #expect(plain.dataDirectory.path == "/srv/app/.govreg/pgdata")

        let odd = EmbeddedCluster(folder: URL(fileURLWithPath: "/srv/my app/it's"))
        #expect(odd.connectionString.hasPrefix(#"host='/srv/my app/it\'s/run' port=5432"#))
        #expect(EmbeddedCluster.configQuoted(#"/a'b\c"#) == #"/a''b\\c"#)
    }

    @Test("a relative folder is taken from the working directory")
    func relativeFolder() {
        let cluster = EmbeddedCluster()
        let expected = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent(".govreg").standardizedFileURL.path
        #expect(cluster.folder.path == expected)
    }

    @Test("status: not initialised, stale for a live non-postgres pid, a dead pid or garbage")
    func staleStatuses() throws {
        try withTemporaryFolder { root in
            let empty = EmbeddedCluster(folder: root.appendingPathComponent("empty"))
            #expect(try empty.status() == .notInitialised)
            var lines: [String] = []
            try empty.stop { lines.append($0) }
            #expect(lines.joined().contains("nothing to stop"))

            let ownPID = try fakeCluster(in: root.appendingPathComponent("own"), pidFile: "\(getpid())\n")
            guard case .stalePidFile(let pid, let reason) = try ownPID.status() else {
                Issue.record("expected stale, got \(try ownPID.status())")
                return
            }
            #expect(pid == getpid())
            #expect(reason.contains("not a PostgreSQL server"))

            let deadPID = try exitedProcessID()
            let dead = try fakeCluster(in: root.appendingPathComponent("dead"), pidFile: "\(deadPID)\n")
            #expect(try dead.status() == .stalePidFile(pid: deadPID, reason: "process \(deadPID) is not running"))

            let garbage = try fakeCluster(in: root.appendingPathComponent("garbage"), pidFile: "")
            guard case .stalePidFile(nil, _) = try garbage.status() else {
                Issue.record("expected stale without pid, got \(try garbage.status())")
                return
            }
            // Stopping a stale cluster touches nothing: start is the one that cleans up.
            try dead.stop()
            #expect(FileManager.default.fileExists(atPath: dead.pidFile.path))
        }
    }

    @Test("a socket path over 107 bytes is refused before anything is created")
    func socketPathTooLong() throws {
        try withTemporaryFolder { root in
            let folder = root.appendingPathComponent(String(repeating: "x", count: 100))
            let cluster = EmbeddedCluster(folder: folder)
            let error = #expect(throws: EmbeddedClusterError.self) { try cluster.start() }
            #expect(error?.code == .socketPathTooLong)
            #expect(error?.description.contains("at most 107") == true)
            #expect(error?.description.contains(cluster.socketFile.path) == true)
            #expect(!FileManager.default.fileExists(atPath: folder.path))
        }
    }

    @Test("a bin directory without initdb is refused clearly")
    func missingBinaries() throws {
        try withTemporaryFolder { root in
            let cluster = EmbeddedCluster(folder: root.appendingPathComponent("cluster"), binDirectory: root)
            let error = #expect(throws: EmbeddedClusterError.self) { try cluster.start() }
            #expect(error?.code == .binariesNotFound)
            #expect(error?.description.contains("has no initdb") == true)
        }
    }

    @Test("as root, a folder postgres cannot enter is refused, naming the directory", .enabled(if: geteuid() == 0))
    func unreachableFolder() throws {
        try withTemporaryFolder { root in
            let locked = root.appendingPathComponent("locked")
            try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
            chmod(locked.path, 0o700)
            let cluster = EmbeddedCluster(folder: locked.appendingPathComponent("cluster"))
            let error = #expect(throws: EmbeddedClusterError.self) { try cluster.start() }
            #expect(error?.code == .folderNotReachable)
            #expect(error?.description.contains("cannot enter \(locked.path) ") == true)
            #expect(error?.description.contains("chmod o+x \(locked.path)") == true)
        }
    }

    @Test("a failing command's error names the command, its status and its output")
    func commandError() throws {
        let error = #expect(throws: EmbeddedClusterError.self) {
            try Command(executable: URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", "echo broken >&2; exit 3"])
                .runChecked(failure: "The shell failed.")
        }
        #expect(error?.exitStatus == 3)
        #expect(error?.description == "The shell failed.\n  command: /bin/sh -c 'echo broken >&2; exit 3'"
            + "\n  exit status: 3\n  output:\n    broken")
    }
}

/// The PID of a process that has exited (and been reaped), so no process has it for now.
private func exitedProcessID() throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
}
