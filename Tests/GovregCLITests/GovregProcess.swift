import Foundation
import GovregTestSupport

/// Runs the built `govreg` executable and captures what it prints.
///
/// Output goes to files rather than pipes: an embedded server that govreg starts must not hold
/// open anything this process waits on.
struct GovregProcess {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `govreg` binary beside the test bundle in the build folder.
    static var executable: URL {
        var folder = URL(filePath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appending(path: "govreg").path), folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return folder.appending(path: "govreg")
    }

    /// Runs `govreg arguments…` with `environment` (PG*, GOVREG_* and COLUMNS of the test process are not passed on).
    static func run(_ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil) async throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        // COLUMNS too: a table cut to the runner's terminal would hide what the tests look for.
        var base = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") && !$0.key.hasPrefix("GOVREG_") && $0.key != "COLUMNS" }
        base.merge(environment) { _, new in new }
        process.environment = base
        if let directory { process.currentDirectoryURL = directory }
        let out = FileManager.default.temporaryDirectory.appending(path: "govreg-out-\(UUID().uuidString)")
        let err = FileManager.default.temporaryDirectory.appending(path: "govreg-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        // Files, not pipes: a server started by govreg inherits nothing we wait on.
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try await process.runToExit()
        return Outcome(
            status: process.terminationStatus,
            stdout: try String(contentsOf: out, encoding: .utf8),
            stderr: try String(contentsOf: err, encoding: .utf8))
    }
}
