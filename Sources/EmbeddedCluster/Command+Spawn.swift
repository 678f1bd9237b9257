import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An error number from a failed system call, described by `strerror`.
struct SystemCallError: Error, CustomStringConvertible {
    var call: String
    var number: Int32

    var description: String { "\(call): \(String(cString: strerror(number)))" }
}

#if os(Linux)
extension Command {
    /// Starts a program with only standard input, output and error open, and waits for it.
    ///
    /// Not Foundation's `Process`: on Linux it hands every child one end of a socket pair
    /// and reaps the child only when that socket closes. `pg_ctl start` leaves the server
    /// running with that descriptor inherited, so the wait would never end. Here the child
    /// gets no descriptor but 0, 1 and 2, and is reaped with `waitpid`.
    ///
    /// - Returns: The exit status, or 128 + the signal number if a signal ended it.
    static func spawnAndWait(
        _ path: String,
        _ arguments: [String],
        environment: [String: String],
        workingDirectory: String?,
        standardOutput: String,
        standardError: String
    ) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, standardError, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        closeInheritedDescriptors(&actions)
        if let workingDirectory, let addChdir = addChdir {
            _ = addChdir(&actions, workingDirectory)
        }

        // Clear the signal mask and dispositions a thread of ours may have set.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptySet = sigset_t()
        sigemptyset(&emptySet)
        var defaultSet = sigset_t()
        sigfillset(&defaultSet)
        sigdelset(&defaultSet, SIGKILL)
        sigdelset(&defaultSet, SIGSTOP)
        posix_spawnattr_setsigmask(&attributes, &emptySet)
        posix_spawnattr_setsigdefault(&attributes, &defaultSet)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }

        var pid = pid_t()
        let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw SystemCallError(call: "posix_spawn \(path)", number: spawned) }

        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw SystemCallError(call: "waitpid", number: errno) }
        }
        // The WIFEXITED / WEXITSTATUS / WTERMSIG macros, which Swift does not import.
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    private typealias AddClosefrom = @convention(c) (
        UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32
    ) -> Int32
    private typealias AddChdir = @convention(c) (
        UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>
    ) -> Int32

    // glibc ≥ 2.34 and ≥ 2.29 have these, but Swift's Glibc module does not declare them.
    private static let addClosefrom: AddClosefrom? = symbol("posix_spawn_file_actions_addclosefrom_np")
    private static let addChdir: AddChdir? = symbol("posix_spawn_file_actions_addchdir_np")

    private static func symbol<Function>(_ name: String) -> Function? {
        // RTLD_DEFAULT is a null handle in glibc and musl.
        guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(address, to: Function.self)
    }

    /// Closes every descriptor above 2 in the child.
    private static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        if let addClosefrom, addClosefrom(&actions, 3) == 0 { return }
        // Older C libraries: close what is open now. A close action for a descriptor that
        // is gone by the time of the spawn is ignored.
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for descriptor in open.compactMap({ Int32($0) }) where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
    }
}
#else
extension Command {
    /// Starts a program and waits for it, with Foundation's `Process` (whose Darwin
    /// implementation watches the child's PID, so a server left running is no problem).
    ///
    /// - Returns: The exit status, or 128 + the signal number if a signal ended it.
    static func spawnAndWait(
        _ path: String,
        _ arguments: [String],
        environment: [String: String],
        workingDirectory: String?,
        standardOutput: String,
        standardError: String
    ) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = environment
        if let workingDirectory {
            process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory)
        }
        for file in [standardOutput, standardError] {
            FileManager.default.createFile(atPath: file, contents: nil)
        }
        let output = FileHandle(forWritingAtPath: standardOutput)
        let errors = FileHandle(forWritingAtPath: standardError)
        defer {
            try? output?.close()
            try? errors?.close()
        }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }
}
#endif
