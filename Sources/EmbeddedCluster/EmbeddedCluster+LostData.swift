import Foundation

// A data folder deleted or damaged while the server ran, or between runs.
extension EmbeddedCluster {
    /// Refuses a cluster whose data is gone, instead of taking it for a folder never used.
    ///
    /// Called when `pgdata/PG_VERSION` is missing. Without this check the next command would
    /// quietly create an empty cluster in its place (beside a server still running on the
    /// deleted files, even), and a district's lists would seem to have vanished with nothing
    /// said. A folder never used, or whose `initdb` failed, has an empty `server.log` (or none)
    /// and no server processes, and passes.
    ///
    /// - Throws: ``EmbeddedClusterError`` with code `dataLost`, naming the folder and saying
    ///   what to do: stop the orphaned server, restore a backup, or remove the folder to start
    ///   afresh.
    func checkNoClusterWasLost() throws {
        let orphans = ProcessInspector.serverProcesses(inDeleted: dataDirectory)
        if let postmaster = orphans.first {
            // The socket may have survived (only pgdata deleted): then the data can still be
            // dumped through it until the server stops.
            let salvage = FileManager.default.fileExists(atPath: socketFile.path)
                ? " Until it stops, what it holds can still be saved through its socket: "
                    + "pg_dump -h \(socketDirectory.path) -U \(Self.superuser) -d \(Self.databaseName) -f salvage.sql"
                : ""
            throw EmbeddedClusterError(
                .dataLost,
                "The data folder \(dataDirectory.path) was deleted while its PostgreSQL server was running "
                    + "(pid \(postmaster); its processes: \(orphans.map(String.init).joined(separator: " "))). "
                    + "The server now works on deleted files and stops by itself within a minute of noticing; "
                    + "govreg will not start an empty cluster beside it." + salvage
                    + " Then stop it (kill \(postmaster)) and restore \(folder.path) from a backup, or, to start afresh "
                    + "with no data, remove \(folder.path) and run `govreg db start`."
            )
        }
        guard try serverLogHasLines() else { return }
        let what = try exists(dataDirectory)
            ? "\(dataDirectory.path) has no PG_VERSION file"
            : "\(dataDirectory.path) does not exist"
        throw EmbeddedClusterError(
            .dataLost,
            "The embedded cluster's data is missing: \(what), although \(folder.path) held a cluster "
                + "(its server.log is not empty). It was deleted or damaged; govreg will not create an empty "
                + "cluster in its place. Restore \(folder.path) from a backup, or, to start afresh with no "
                + "data, remove the folder (rm -rf \(folder.path)) and run `govreg db start`."
        )
    }

    /// Whether `server.log` exists and is not empty: a server has run in this folder.
    private func serverLogHasLines() throws -> Bool {
        guard try exists(serverLog) else { return false }
        let size = (try? FileManager.default.attributesOfItem(atPath: serverLog.path)[.size] as? NSNumber)?.intValue
        return (size ?? 0) > 0
    }
}
