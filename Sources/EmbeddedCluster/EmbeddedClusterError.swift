/// Why the embedded cluster could not be inspected, started or stopped.
///
/// `description` is a complete sentence for a person: it names the command that failed,
/// its exit status and what it printed, and says what to do where there is something to do.
public struct EmbeddedClusterError: Error, CustomStringConvertible, Sendable {
    /// The kind of failure, for code that wants to react to one kind.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String {
            case binariesNotFound, socketPathTooLong, folderNotReachable, folderNotUsable
            case commandFailed, oldServerProcessesRunning, socketInUse, dataLost
        }

        private let base: Base

        private init(_ base: Base) { self.base = base }

        /// No PostgreSQL server binaries (`initdb`, `pg_ctl` …) were found.
        public static let binariesNotFound = Code(.binariesNotFound)
        /// The Unix socket path would exceed the 107 bytes the kernel allows.
        public static let socketPathTooLong = Code(.socketPathTooLong)
        /// The `postgres` system user cannot reach the data folder (running as root).
        public static let folderNotReachable = Code(.folderNotReachable)
        /// A file or folder of the cluster could not be created, read or changed.
        public static let folderNotUsable = Code(.folderNotUsable)
        /// A PostgreSQL program (`initdb`, `pg_ctl`, `psql` …) failed.
        public static let commandFailed = Code(.commandFailed)
        /// Processes of a crashed server still run in the data folder.
        public static let oldServerProcessesRunning = Code(.oldServerProcessesRunning)
        /// Another PostgreSQL server holds the socket in the cluster's run folder.
        public static let socketInUse = Code(.socketInUse)
        /// The data folder was deleted (while its server ran, or between runs) or damaged.
        public static let dataLost = Code(.dataLost)

        public var description: String { base.rawValue }
    }

    /// The kind of failure.
    public var code: Code
    /// What went wrong and, where possible, what to do about it.
    public var message: String
    /// The command line that failed, if a command failed.
    public var command: String?
    /// The command's exit status, if it ran and exited.
    public var exitStatus: Int32?
    /// What the command wrote to standard error (or standard output if stderr was empty).
    public var output: String?
    /// The last lines of `server.log`, when the server itself failed.
    public var serverLogTail: String?

    /// Creates an error; the fields other than `code` and `message` are optional context.
    public init(
        _ code: Code,
        _ message: String,
        command: String? = nil,
        exitStatus: Int32? = nil,
        output: String? = nil,
        serverLogTail: String? = nil
    ) {
        self.code = code
        self.message = message
        self.command = command
        self.exitStatus = exitStatus
        self.output = output
        self.serverLogTail = serverLogTail
    }

    public var description: String {
        var text = message
        if let command {
            text += "\n  command: \(command)"
        }
        if let exitStatus {
            text += "\n  exit status: \(exitStatus)"
        }
        if let output = output?.trimmingWhitespace(), !output.isEmpty {
            text += "\n  output:\n" + output.indented()
        }
        if let serverLogTail = serverLogTail?.trimmingWhitespace(), !serverLogTail.isEmpty {
            text += "\n  end of server.log:\n" + serverLogTail.indented()
        }
        return text
    }
}

extension String {
    /// The string without leading and trailing spaces and newlines (Foundation-free).
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }),
              let last = lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[first...last])
    }

    /// Each line prefixed with four spaces, for nesting output inside a message.
    func indented() -> String {
        split(separator: "\n", omittingEmptySubsequences: false)
            .map { "    " + $0 }
            .joined(separator: "\n")
    }
}
