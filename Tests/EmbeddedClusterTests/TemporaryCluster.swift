@testable import EmbeddedCluster
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fresh folder under /tmp, traversable by the `postgres` user, removed afterwards.
///
/// Runs `body` with the folder, then stops any server left running in it and removes it,
/// on success and on failure alike. /tmp rather than the default temporary directory
/// because socket paths must stay short and `postgres` must be able to enter every parent.
func withTemporaryFolder<T>(_ body: (URL) throws -> T) throws -> T {
    let root = URL(fileURLWithPath: "/tmp/govreg-ec-" + UUID().uuidString.prefix(8).lowercased())
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    chmod(root.path, 0o755)
    defer { removeClusters(under: root) }
    return try body(root)
}

/// Runs `body` with a cluster in `<fresh temporary folder>/cluster`; see ``withTemporaryFolder(_:)``.
func withTemporaryCluster<T>(_ body: (EmbeddedCluster) throws -> T) throws -> T {
    try withTemporaryFolder { root in
        try body(EmbeddedCluster(folder: root.appendingPathComponent("cluster")))
    }
}

/// Stops the server of a test cluster (gently, then not), and deletes the folder.
private func removeClusters(under root: URL) {
    let cluster = EmbeddedCluster(folder: root.appendingPathComponent("cluster"))
    if case .running = try? cluster.status() {
        try? cluster.stop()
    }
    if case .running(let pid) = try? cluster.status() {
        kill(pid, SIGKILL)
    }
    for pid in ProcessInspector.serverProcesses(in: cluster.dataDirectory) {
        kill(pid, SIGKILL)
    }
    try? FileManager.default.removeItem(at: root)
}

/// Runs one SQL statement with psql over the cluster's socket, as the test process's user
/// (as govreg itself connects), and returns what psql printed, or throws if it failed.
func query(_ cluster: EmbeddedCluster, _ sql: String, database: String = EmbeddedCluster.databaseName) throws -> String {
    let binaries = try PostgresBinaries.locate(explicit: cluster.binDirectory)
    let result = try Command(
        executable: try binaries.program("psql"),
        arguments: [
            "-X", "-A", "-t", "-w",
            "-h", cluster.socketDirectory.path, "-p", String(EmbeddedCluster.port),
            "-U", EmbeddedCluster.superuser, "-d", database, "-c", sql,
        ]
    ).runChecked(failure: "psql failed")
    return result.standardOutput.trimmingWhitespace()
}

/// Polls `condition` every 100 ms until it holds or `seconds` pass.
func eventually(within seconds: Double = 10, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: 0.1)
    }
    return try condition()
}

/// Makes a folder look like an initialised cluster (`pgdata/PG_VERSION`) without initdb,
/// with the given text in `postmaster.pid`, for tests of the status logic alone.
func fakeCluster(in folder: URL, pidFile text: String) throws -> EmbeddedCluster {
    let cluster = EmbeddedCluster(folder: folder)
    try FileManager.default.createDirectory(at: cluster.dataDirectory, withIntermediateDirectories: true)
    try Data("15\n".utf8).write(to: cluster.dataDirectory.appendingPathComponent("PG_VERSION"))
    try Data(text.utf8).write(to: cluster.pidFile)
    return cluster
}
