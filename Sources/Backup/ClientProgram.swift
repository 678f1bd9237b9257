import Foundation

/// A PostgreSQL client program (`pg_dump`, `pg_restore`) run for a backup or a restore.
///
/// The connection settings go on the command line as a conninfo string without the password;
/// the password, if any, goes in the child's `PGPASSWORD`, so that it never shows in `ps`,
/// a file or a log.
struct ClientProgram {
    var executable: URL

    /// What a finished program printed.
    struct Outcome {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The program's major version, from `--version` ("pg_dump (PostgreSQL) 15.10 (Debian …)").
    func version() async throws -> (text: String, major: Int) {
        let outcome = try await run(["--version"], password: nil)
        let text = outcome.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let number = text.split(separator: " ").first { $0.first?.isNumber == true }
        guard outcome.status == 0, let number, let major = Int(number.split(separator: ".")[0]) else {
            throw BackupError(.clientFailed, "\(executable.path) --version did not give a version: \(text)")
        }
        return (String(number), major)
    }

    /// Runs the program and waits for it without holding a thread.
    ///
    /// The environment is ours minus every `PG…` variable (but the password given): the
    /// conninfo carries every setting the session used, and a stray `PGOPTIONS` must not change it.
    func run(_ arguments: [String], password: String?) async throws -> Outcome {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("govreg-client-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }

        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }
        // In the child's environment only: not on its command line (`ps`) and not in a file
        // an interrupted run would leave behind; Linux shows a process's environment to its
        // owner alone.
        if let password { environment["PGPASSWORD"] = password }
        let standardOutput = folder.appendingPathComponent("out")
        let standardError = folder.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: standardOutput.path, contents: nil)
        _ = FileManager.default.createFile(atPath: standardError.path, contents: nil)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        // Files, not pipes: a full pipe nobody reads would stall the program.
        process.standardOutput = try FileHandle(forWritingTo: standardOutput)
        process.standardError = try FileHandle(forWritingTo: standardError)
        do {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                process.terminationHandler = { _ in continuation.resume() }
                do {
                    try process.run()
                } catch {
                    process.terminationHandler = nil
                    continuation.resume(throwing: error)
                }
            }
        } catch {
            throw BackupError(.clientFailed, "could not start \(executable.path): \(error)")
        }
        let read: (URL) -> String = { String(decoding: FileManager.default.contents(atPath: $0.path) ?? Data(), as: UTF8.self) }
        return Outcome(status: process.terminationStatus, standardOutput: read(standardOutput), standardError: read(standardError))
    }
}
