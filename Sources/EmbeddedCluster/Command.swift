import Foundation

/// One run of an external PostgreSQL program.
struct Command {
    /// The program to run.
    var executable: URL
    /// Its arguments, without the program name.
    var arguments: [String]
    /// Whether the program must run as the cluster's owner, the `postgres` system user, when
    /// govreg runs as root: the server refuses to run as root, and `initdb` with it.
    var asServerUser = false
    /// The working directory; the server user must be able to enter it (the inherited one,
    /// often `/root`, would make `initdb` complain).
    var workingDirectory: URL?

    /// The output of a finished command.
    struct Result {
        var exitStatus: Int32
        var standardOutput: String
        var standardError: String

        /// Standard error, or standard output when the program wrote its complaint there.
        var complaint: String {
            standardError.trimmingWhitespace().isEmpty ? standardOutput : standardError
        }
    }

    /// The command line as a person would type it, for messages.
    var commandLine: String {
        ([executable.path] + arguments).map(Self.shellQuoted).joined(separator: " ")
    }

    /// Runs the command and waits for it.
    ///
    /// The environment is ours minus every `PG…` variable: `PGPORT`, `PGDATA`, `PGHOST` and
    /// friends would silently redirect `pg_ctl`, the server (which takes its default port from
    /// `PGPORT`) and the clients away from the embedded cluster.
    ///
    /// - Returns: The exit status (128 + the signal number if a signal ended it) and what
    ///   the program printed.
    /// - Throws: ``EmbeddedClusterError`` if the program cannot be launched.
    func run() throws -> Result {
        var path = executable.path
        var argumentList = arguments
        if asServerUser && ServerUser.isRoot {
            argumentList = ["-u", ServerUser.name, "--", path] + arguments
            path = try ServerUser.runuser().path
        }
        let environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }

        // Output goes to temporary files, not pipes: two pipes read one after the other can
        // deadlock when the second fills up, and `pg_ctl start` leaves a server behind that
        // would hold a pipe's write end open for as long as it runs.
        let directory = FileManager.default.temporaryDirectory
        let name = "govreg-command-\(UUID().uuidString)"
        let standardOutput = directory.appendingPathComponent(name + ".out")
        let standardError = directory.appendingPathComponent(name + ".err")
        defer {
            try? FileManager.default.removeItem(at: standardOutput)
            try? FileManager.default.removeItem(at: standardError)
        }

        let status: Int32
        do {
            status = try Self.spawnAndWait(
                path, argumentList,
                environment: environment,
                workingDirectory: workingDirectory?.path,
                standardOutput: standardOutput.path,
                standardError: standardError.path
            )
        } catch {
            throw EmbeddedClusterError(
                .commandFailed, "Could not launch \(executable.lastPathComponent): \(error)",
                command: commandLine
            )
        }
        let read: (URL) -> String = { url in
            FileManager.default.contents(atPath: url.path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
        return Result(exitStatus: status, standardOutput: read(standardOutput), standardError: read(standardError))
    }

    /// Runs the command and fails unless it exits with status 0.
    ///
    /// - Parameter failure: What could not be done, the start of the error message.
    /// - Parameter serverLog: A server log whose tail belongs in the error, if any.
    /// - Returns: The command's output.
    /// - Throws: ``EmbeddedClusterError`` naming the command, its status and its output.
    @discardableResult
    func runChecked(failure: String, serverLog: URL? = nil) throws -> Result {
        let result = try run()
        guard result.exitStatus == 0 else {
            throw EmbeddedClusterError(
                .commandFailed, failure,
                command: commandLine,
                exitStatus: result.exitStatus,
                output: result.complaint,
                serverLogTail: serverLog.map { Self.tail(of: $0) }
            )
        }
        return result
    }

    /// The last lines of a text file, or a note saying why there are none.
    static func tail(of file: URL, lines: Int = 20) -> String {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            return "(\(file.path) could not be read)"
        }
        let text = String(decoding: data, as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .suffix(lines + 1)
            .joined(separator: "\n")
    }

    /// Quotes a word for a POSIX shell when it needs quoting.
    static func shellQuoted(_ word: String) -> String {
        let plain = word.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) || "-_./=:@,+%".unicodeScalars.contains($0)
        }
        if plain && !word.isEmpty { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
