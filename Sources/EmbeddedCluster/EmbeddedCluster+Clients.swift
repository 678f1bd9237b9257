public import Foundation

extension EmbeddedCluster {
    /// A PostgreSQL client program (`pg_dump`, `pg_restore`) from the installation whose server
    /// programs the embedded cluster uses, so that the client is never older than that server.
    ///
    /// With no server programs installed at all (a machine that only talks to a remote server),
    /// the program is taken from the PATH.
    ///
    /// - Parameters:
    ///   - name: The program, e.g. `pg_dump`.
    ///   - binDirectory: The PostgreSQL bin folder, or `nil` to find it as ``start(log:)`` does.
    /// - Throws: ``EmbeddedClusterError`` if the program is nowhere to be found.
    public static func clientProgram(_ name: String, binDirectory: URL? = nil) throws -> URL {
        do {
            return try PostgresBinaries.locate(explicit: binDirectory).program(name)
        } catch {
            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
            let onPath = path.split(separator: ":")
                .map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
                .first { FileManager.default.isExecutableFile(atPath: $0.path) }
            guard let onPath else { throw error }
            return onPath
        }
    }
}
