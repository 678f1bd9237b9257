@testable import EmbeddedCluster
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The data folder deleted or damaged, while the server runs or between runs: a clear error
/// naming the folder and what to do, within a bound, and never an empty cluster in its place.
@Suite(.serialized) struct EmbeddedClusterLostDataTests {
    @Test("pgdata deleted while the server runs: the orphan is named, nothing is created; then the traces are")
    func dataDeletedWhileRunning() throws {
        try withTemporaryCluster { cluster in
            let started = try cluster.start()
            try FileManager.default.removeItem(at: cluster.dataDirectory)
            // The orphan runs on until it notices (within a minute): end it here.
            defer { stopOrphans(of: cluster) }

            let error = try #require(throws: EmbeddedClusterError.self) { try cluster.status() }
            #expect(error.code == .dataLost)
            #expect(error.message.contains(cluster.dataDirectory.path))
            #expect(error.message.contains("pid \(started.pid)"))
            #expect(error.message.contains("kill \(started.pid)"))
            // Only pgdata went: the socket is still there, and the way to save the data with it.
            #expect(error.message.contains("pg_dump -h \(cluster.socketDirectory.path)"))
            let refused = try #require(throws: EmbeddedClusterError.self) { try cluster.start() }
            #expect(refused.code == .dataLost)
            #expect(!FileManager.default.fileExists(atPath: cluster.dataDirectory.path), "start created a new cluster")

            stopOrphans(of: cluster)
            // No server now, but server.log shows a cluster lived here: still no empty one.
            let between = try #require(throws: EmbeddedClusterError.self) { try cluster.start() }
            #expect(between.code == .dataLost)
            #expect(between.message.contains("\(cluster.dataDirectory.path) does not exist"))
            #expect(between.message.contains("rm -rf \(cluster.folder.path)"))
            #expect(!FileManager.default.fileExists(atPath: cluster.dataDirectory.path))

            // Removing the whole folder, as the message says, starts afresh.
            try FileManager.default.removeItem(at: cluster.folder)
            #expect(try cluster.status() == .notInitialised)
            #expect(try cluster.start().initialised)
        }
    }

    @Test("the whole folder deleted while the server runs: the orphan is still found")
    func folderDeletedWhileRunning() throws {
        try withTemporaryCluster { cluster in
            let started = try cluster.start()
            try FileManager.default.removeItem(at: cluster.folder)
            defer { stopOrphans(of: cluster) }
            let error = try #require(throws: EmbeddedClusterError.self) { try cluster.start() }
            #expect(error.code == .dataLost)
            #expect(error.message.contains("kill \(started.pid)"))
            #expect(!error.message.contains("pg_dump"), "the socket went with the folder")
            #expect(!FileManager.default.fileExists(atPath: cluster.folder.path), "start created a new cluster")
        }
    }

    @Test("a damaged pg_control: start fails within its bound, naming the folder and the server's log")
    func damagedControlFile() throws {
        try withTemporaryCluster { cluster in
            try cluster.start()
            try cluster.stop()
            let control = cluster.dataDirectory.appendingPathComponent("global/pg_control")
            let saved = try Data(contentsOf: control)
            try overwrite(control, with: Data(count: 512))

            let began = ContinuousClock.now
            let error = try #require(throws: EmbeddedClusterError.self) { try cluster.start() }
            #expect(ContinuousClock.now - began < .seconds(60))
            #expect(error.message.contains(cluster.folder.path))
            #expect(error.description.contains("end of server.log"))
            #expect(error.message.contains("restore \(cluster.folder.path) from a backup"))
            #expect(error.description.contains("FATAL"), "\(error)")

            try overwrite(control, with: saved)
            #expect(try cluster.start().pid > 0)
        }
    }

    @Test("postmaster.pid deleted under a live server: start waits a bounded time, then names the processes")
    func pidFileDeletedUnderLiveServer() throws {
        try withTemporaryCluster { cluster in
            let started = try cluster.start()
            // Stopped, the server cannot notice its lock file is gone and shut itself down,
            // which would make this test depend on when it last looked.
            #expect(kill(started.pid, SIGSTOP) == 0)
            defer {
                for pid in ProcessInspector.serverProcesses(in: cluster.dataDirectory) { kill(pid, SIGKILL) }
                kill(started.pid, SIGKILL)
            }
            try FileManager.default.removeItem(at: cluster.pidFile)

            let began = ContinuousClock.now
            let error = try #require(throws: EmbeddedClusterError.self) { try cluster.start() }
            #expect(ContinuousClock.now - began < .seconds(30))
            #expect(error.code == .oldServerProcessesRunning)
            #expect(error.message.contains(cluster.dataDirectory.path))
            #expect(error.message.contains(String(started.pid)))
        }
    }
}

/// Writes `data` over the start of `file`, keeping its owner and mode.
private func overwrite(_ file: URL, with data: Data) throws {
    let handle = try FileHandle(forWritingTo: file)
    defer { try? handle.close() }
    try handle.write(contentsOf: data)
}

/// Ends the server processes left running in a deleted data folder, and waits until they
/// are gone (a zombie counts as gone: nothing may reap it in a container).
private func stopOrphans(of cluster: EmbeddedCluster) {
    for pid in ProcessInspector.serverProcesses(inDeleted: cluster.dataDirectory) {
        kill(pid, SIGQUIT)
    }
    _ = eventually(within: 20) { ProcessInspector.serverProcesses(inDeleted: cluster.dataDirectory).isEmpty }
}
