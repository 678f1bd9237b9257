import CLibPQ
import Dispatch
import Foundation
import Synchronization

/// One session with a PostgreSQL server.
///
/// Every libpq call for this connection runs on the connection's own serial dispatch queue,
/// never on Swift's cooperative thread pool, so a slow query blocks one dispatch thread and
/// no async task. Cancelling the calling task sends the server a cancel request (`PQcancel`)
/// from outside that queue.
///
/// ```swift
/// let connection = try await Connection.connect(ConnectionConfiguration("postgresql:///govreg"))
/// let rows = try await connection.query("SELECT count(*) AS n FROM pg_class WHERE relkind = \("r")")
/// print(try rows[0].decode(Int.self, "n"))
/// ```
///
/// A connection serves one caller at a time; share a ``ConnectionPool`` instead.
public final class Connection: @unchecked Sendable {
    // @unchecked: `handle` is only used on `queue` (or in deinit, when nothing else can);
    // `cancelHandle` is thread-safe by libpq's contract; `state` is behind a Mutex.
    private let handle: Handle
    private let cancelHandle: Handle?
    private let queue: DispatchQueue
    private let state = Mutex(State())
    /// Behind a transaction pooler, the statement that pins the session settings for one
    /// transaction; sent ahead of every transaction and of every statement run outside one.
    let pins: EncodedStatement?

    struct Handle: @unchecked Sendable { let pointer: OpaquePointer }
    private struct State {
        /// The call whose statement is running, so a cancel reaches only that one.
        var running: CallToken?
        var closed = false
    }

    /// One call of ``withHandle(_:)``: cancelled before it starts, it does not start.
    private final class CallToken: @unchecked Sendable {
        // @unchecked: `cancelled` is only read and written under the connection's state lock.
        var cancelled = false
    }

    /// Marks a connection's own queue, so a test can tell that work runs there and not on
    /// Swift's cooperative thread pool.
    static let queueMarker = DispatchSpecificKey<Bool>()

    private init(handle: Handle, queue: DispatchQueue, pins: EncodedStatement?) {
        self.handle = handle
        self.queue = queue
        self.pins = pins
        self.cancelHandle = PQgetCancel(handle.pointer).map(Handle.init)
        PQsetNoticeProcessor(handle.pointer, { _, _ in }, nil)  // NOTICEs are not errors; keep stderr clean
    }

    deinit {
        if let cancelHandle { PQfreeCancel(cancelHandle.pointer) }
        if !state.withLock({ $0.closed }) { PQfinish(handle.pointer) }
    }

    /// Opens a connection.
    ///
    /// - Throws: ``PostgresError`` of kind `.connection` carrying the server's or libpq's
    ///   message when the server is unreachable or refuses the credentials.
    public static func connect(_ configuration: ConnectionConfiguration) async throws -> Connection {
        let queue = DispatchQueue(label: "govreg.postgres.connection")
        queue.setSpecific(key: queueMarker, value: true)
        let keywords = configuration.connectKeywords()
        let pins = try configuration.transactionPins().map(EncodedStatement.init)
        let handle: Handle = try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try openSession(keywords) })
            }
        }
        return Connection(handle: handle, queue: queue, pins: pins)
    }

    private static func openSession(_ keywords: [(String, String)]) throws -> Handle {
        var cKeys = keywords.map { strdup($0.0) } + [nil]
        var cValues = keywords.map { strdup($0.1) } + [nil]
        defer { (cKeys + cValues).forEach { free($0) } }
        let pointer = cKeys.withUnsafeMutableBufferPointer { keys in
            cValues.withUnsafeMutableBufferPointer { values in
                keys.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: keys.count) { k in
                    values.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: values.count) { v in
                        PQconnectdbParams(k, v, 1)
                    }
                }
            }
        }
        guard let pointer else { throw PostgresError(kind: .connection, message: "out of memory while connecting") }
        guard PQstatus(pointer) == CONNECTION_OK else {
            let message = errorMessage(pointer)
            PQfinish(pointer)
            throw PostgresError(kind: .connection, message: message, hint: tlsHint(for: message))
        }
        return Handle(pointer: pointer)
    }

    /// Opens a connection, runs `body` on it and closes it, whether `body` returns or throws:
    /// for a command's few statements, where a pool would be more than is needed.
    ///
    /// ```swift
    /// let findings = try await Connection.with(configuration) { try await CitusLint.findings($0) }
    /// ```
    public static func with<T>(_ configuration: ConnectionConfiguration, _ body: (Connection) async throws -> T) async throws -> T {
        let connection = try await connect(configuration)
        do {
            let result = try await body(connection)
            await connection.close()
            return result
        } catch {
            await connection.close()
            throw error
        }
    }

    /// Closes the session. Further use fails with a `.connection` error.
    public func close() async {
        let alreadyClosed = state.withLock { state in
            defer { state.closed = true }
            return state.closed
        }
        guard !alreadyClosed else { return }
        let handle = self.handle
        await withCheckedContinuation { continuation in
            queue.async {
                PQfinish(handle.pointer)
                continuation.resume()
            }
        }
    }

    /// Whether `close()` was called.
    public var isClosed: Bool { state.withLock { $0.closed } }

    /// Runs `work` with the libpq handle on this connection's queue.
    func withHandle<T: Sendable>(_ work: @escaping @Sendable (OpaquePointer) throws -> T) async throws -> T {
        try Task.checkCancellation()
        let handle = self.handle
        let token = CallToken()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                queue.async { [self] in
                    // Under the same lock as the cancel handler: a cancel that came while this
                    // call waited in the queue stops it here; one that comes later finds it running.
                    let refusal: (any Error)? = state.withLock { state in
                        if state.closed { return PostgresError(kind: .connection, message: "connection is closed") }
                        if token.cancelled { return CancellationError() }
                        state.running = token
                        return nil
                    }
                    if let refusal {
                        continuation.resume(throwing: refusal)
                        return
                    }
                    let result = Result { try work(handle.pointer) }
                    state.withLock { $0.running = nil }
                    continuation.resume(with: result)
                }
            }
        } onCancel: {
            self.cancel(token)
        }
    }

    /// Marks the call cancelled and, if its statement is running, asks the server to abort it
    /// (on a session of its own: see below).
    /// `PQcancel` runs on a global queue: it opens its own short connection and must not
    /// block the cancelling thread.
    private func cancel(_ token: CallToken) {
        let running = state.withLock { state in
            token.cancelled = true
            return state.running === token
        }
        // Not behind a transaction pooler: PgBouncer 1.18 (Debian 12's) exits on a FATAL when a
        // cancelled server answers after its client has gone (pgbouncer#822, fixed in 1.21),
        // and would take every district's connections with it. There the statement runs on
        // to its end or its statement_timeout; only its result is dropped.
        guard let cancelHandle, running, pins == nil else { return }
        DispatchQueue.global().async {
            var buffer = [CChar](repeating: 0, count: 256)
            _ = PQcancel(cancelHandle.pointer, &buffer, Int32(buffer.count))
        }
    }

    /// libpq names a TLS failure in its own words ("certificate verify failed", "server
    /// certificate for … does not match host name", "SSL error: …", "server does not support
    /// SSL"); say what to check. Not a bare "SSL": a pg_hba refusal mentions encryption too.
    static func tlsHint(for message: String) -> String? {
        let lowered = message.lowercased()
        let signs = ["certificate", "ssl error", "ssl syscall", "server does not support ssl", "sslmode", "tls"]
        guard signs.contains(where: { lowered.contains($0) }) else { return nil }
        return "TLS 加密连接失败 the TLS connection failed: check sslmode, sslrootcert (the CA that signed the "
            + "server's certificate) and that the host name you connect to is one the certificate names"
    }

    static func errorMessage(_ pointer: OpaquePointer) -> String {
        guard let message = PQerrorMessage(pointer) else { return "unknown libpq error" }
        let text = String(cString: message)
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }
}
