@testable import EmbeddedCluster
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tests that run real servers (initdb, pg_ctl); serialized because each takes a few
/// seconds of CPU on a small machine and they gain nothing from overlapping.
@Suite("Embedded cluster with a real server", .serialized)
struct EmbeddedClusterTests {
    @Test("initialise, start, answer, start again, stop, restart")
    func lifecycle() throws {
        try withTemporaryCluster { cluster in
            #expect(try cluster.status() == .notInitialised)

            var lines: [String] = []
            let first = try cluster.start { lines.append($0) }
            #expect(first.initialised)
            #expect(first.createdDatabase)
            #expect(!first.wasAlreadyRunning)
            #expect(first.pid > 0)
            #expect(try cluster.status() == .running(pid: first.pid))

            #expect(try query(cluster, "SELECT 1") == "1")
            // Durability and locality settings, and no TCP listener at all.
            #expect(try query(cluster, "SHOW listen_addresses") == "")
            #expect(try query(cluster, "SHOW data_checksums") == "on")
            #expect(try query(cluster, "SHOW fsync") == "on")
            #expect(try query(cluster, "SHOW synchronous_commit") == "on")
            #expect(try query(cluster, "SHOW server_encoding") == "UTF8")
            #expect(try query(cluster, "SHOW lc_collate") == "C.UTF-8")
            #expect(try query(cluster, "SHOW unix_socket_permissions") == "0700")
            #expect(permissions(of: cluster.socketDirectory) == 0o700)
            #expect(permissions(of: cluster.dataDirectory) == 0o700)

            lines = []
            let second = try cluster.start { lines.append($0) }
            #expect(second == EmbeddedCluster.StartOutcome(pid: first.pid, wasAlreadyRunning: true))
            #expect(lines.joined().contains("already running"))

            // A live postgres of another data folder does not make that folder "running".
            let foreign = try fakeCluster(
                in: cluster.folder.deletingLastPathComponent().appendingPathComponent("foreign"),
                pidFile: "\(first.pid)\n/elsewhere\n"
            )
            guard case .stalePidFile(let pid, let reason) = try foreign.status() else {
                Issue.record("expected a stale pid file, got \(try foreign.status())")
                return
            }
            #expect(pid == first.pid)
            #expect(reason.contains("PostgreSQL server of \(cluster.dataDirectory.path)"))

            try cluster.stop()
            #expect(try cluster.status() == .stopped)
            lines = []
            try cluster.stop { lines.append($0) }
            #expect(lines.joined().contains("nothing to stop"))

            let third = try cluster.start()
            #expect(!third.initialised)
            #expect(!third.createdDatabase)
            #expect(third.removedStaleFiles.isEmpty)
            #expect(try query(cluster, "SELECT current_database()") == "govreg")
        }
    }

    @Test("after kill -9 the pid file is stale and start recovers; so for a reused pid")
    func recoversFromCrash() throws {
        try withTemporaryCluster { cluster in
            let started = try cluster.start()
            _ = try query(cluster, "CREATE TABLE survivor AS SELECT 42 AS answer")
            #expect(kill(started.pid, SIGKILL) == 0)

            let becameStale = try eventually {
                if case .stalePidFile = try cluster.status() { return true }
                return false
            }
            let statusAfterKill = try cluster.status()
            #expect(becameStale, "status after kill -9: \(statusAfterKill)")
            #expect(FileManager.default.fileExists(atPath: cluster.pidFile.path))

            var lines: [String] = []
            let recovered = try cluster.start { lines.append($0) }
            #expect(recovered.removedStaleFiles.contains(cluster.pidFile))
            #expect(recovered.removedStaleFiles.contains(cluster.socketLockFile))
            #expect(recovered.pid != started.pid)
            #expect(lines.contains { $0.contains("stale") && $0.contains("is not running") })
            // The committed table survived the crash (fsync and synchronous_commit are on).
            #expect(try query(cluster, "SELECT answer FROM survivor") == "42")

            // A pid file naming a live process that is not postgres (PID reuse after a
            // reboot): stale, and PostgreSQL itself would refuse to start over it.
            try cluster.stop()
            try Data("\(getpid())\n\(cluster.dataDirectory.path)\n".utf8).write(to: cluster.pidFile)
            guard case .stalePidFile(let pid, let reason) = try cluster.status() else {
                Issue.record("expected a stale pid file, got \(try cluster.status())")
                return
            }
            #expect(pid == getpid())
            #expect(reason.contains("not a PostgreSQL server"))
            let again = try cluster.start()
            #expect(again.removedStaleFiles == [cluster.pidFile])
            #expect(try query(cluster, "SELECT 1") == "1")
        }
    }
}

/// The permission bits of a file.
func permissions(of url: URL) -> Int? {
    (try? FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber)?.intValue
}
