/// A bounded pool of connections shared by concurrent tasks.
///
/// At most `maxConnections` sessions are open; a task that finds none free waits up to
/// `acquireTimeout` and then fails with `.acquireTimeout`. A connection that broke (server
/// restarted, backend killed) or comes back inside a transaction is closed or rolled back
/// before anyone else gets it, so every caller starts from a clean, idle session.
///
/// ```swift
/// let pool = ConnectionPool(configuration: .init(statementTimeout: .seconds(30)), maxConnections: 8)
/// let tenants = try await pool.withConnection { try await $0.query("SELECT slug FROM tenant") }
/// await pool.close()
/// ```
public actor ConnectionPool {
    public nonisolated let configuration: ConnectionConfiguration
    public nonisolated let maxConnections: Int
    public nonisolated let acquireTimeout: Duration

    private var idle: [Connection] = []
    private var openCount = 0
    private var waiters: [(id: Int, continuation: CheckedContinuation<Connection?, any Error>)] = []
    private var nextWaiterID = 0
    private var closed = false

    public init(configuration: ConnectionConfiguration, maxConnections: Int = 8, acquireTimeout: Duration = .seconds(10)) {
        precondition(maxConnections > 0, "a pool needs at least one connection")
        self.configuration = configuration
        self.maxConnections = maxConnections
        self.acquireTimeout = acquireTimeout
    }

    /// Lends a connection to `body` and takes it back afterwards, whatever happens.
    @discardableResult
    public nonisolated func withConnection<T>(_ body: (Connection) async throws -> T) async throws -> T {
        let connection = try await acquire()
        do {
            let value = try await body(connection)
            await release(connection)
            return value
        } catch {
            await release(connection)
            throw error
        }
    }

    /// Runs `body` in a transaction on a pooled connection (see ``Connection/transaction(isolation:readOnly:_:)``).
    @discardableResult
    public nonisolated func transaction<T>(
        isolation: IsolationLevel = .readCommitted, readOnly: Bool = false, _ body: (Connection) async throws -> T
    ) async throws -> T {
        try await withConnection { try await $0.transaction(isolation: isolation, readOnly: readOnly, body) }
    }

    /// Runs one statement on a pooled connection.
    public nonisolated func query(_ sql: SQL) async throws -> QueryResult {
        try await withConnection { try await $0.query(sql) }
    }

    /// Runs one statement in a transaction block of its own on a pooled connection (see
    /// ``Connection/queryInTransaction(_:)``).
    public nonisolated func queryInTransaction(_ sql: SQL) async throws -> QueryResult {
        try await withConnection { try await $0.queryInTransaction(sql) }
    }

    /// Runs one statement on a pooled connection and returns the rows it affected.
    @discardableResult
    public nonisolated func execute(_ sql: SQL) async throws -> Int {
        try await withConnection { try await $0.execute(sql) }
    }

    /// Open sessions, idle or lent out (for tests and status pages).
    public var openConnections: Int { openCount }

    /// What the pool holds at this moment, for `/metrics`: read when scraped, so the pool
    /// records nothing itself and knows nothing of how it is reported.
    public var usage: PoolUsage {
        PoolUsage(open: openCount, inUse: openCount - idle.count, waiting: waiters.count, maximum: maxConnections)
    }

    /// Closes idle connections and refuses new work; lent connections close when returned.
    public func close() async {
        closed = true
        for waiter in waiters { waiter.continuation.resume(throwing: PostgresError(kind: .poolClosed, message: "pool closed")) }
        waiters.removeAll()
        let toClose = idle
        idle.removeAll()
        openCount -= toClose.count
        for connection in toClose { await connection.close() }
    }

    // MARK: - Lending

    private func acquire() async throws -> Connection {
        while true {
            guard !closed else { throw PostgresError(kind: .poolClosed, message: "pool closed") }
            if let connection = idle.popLast() {
                if await connection.isReusable() { return connection }
                await discard(connection)
                continue
            }
            if openCount < maxConnections {
                openCount += 1
                do {
                    return try await Connection.connect(configuration)
                } catch {
                    openCount -= 1
                    wakeWaiterToConnect()
                    throw error
                }
            }
            if let connection = try await waitForConnection() { return connection }
            // nil: a slot was freed; loop round and open a connection in it.
        }
    }

    private func waitForConnection() async throws -> Connection? {
        nextWaiterID += 1
        let id = nextWaiterID
        let timeout = acquireTimeout
        let timer = Task { [weak self] in
            try await Task.sleep(for: timeout)
            await self?.failWaiter(id, PostgresError(
                kind: .acquireTimeout,
                message: "no database connection became free within \(timeout) (pool of \(self?.maxConnections ?? 0))"))
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                waiters.append((id, continuation))
            }
        } onCancel: {
            Task { await self.failWaiter(id, CancellationError()) }
        }
    }

    private func failWaiter(_ id: Int, _ error: any Error) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: error)
    }

    private func release(_ connection: Connection) async {
        if !(await connection.isReusable()) {
            await connection.rollbackQuietly()
            if !(await connection.isReusable()) {
                await discard(connection)
                return
            }
        }
        if closed {
            await discard(connection)
        } else if !waiters.isEmpty {
            waiters.removeFirst().continuation.resume(returning: connection)
        } else {
            idle.append(connection)
        }
    }

    private func discard(_ connection: Connection) async {
        openCount -= 1
        await connection.close()
        wakeWaiterToConnect()
    }

    private func wakeWaiterToConnect() {
        guard !waiters.isEmpty else { return }
        waiters.removeFirst().continuation.resume(returning: nil)
    }
}

/// A moment of a ``ConnectionPool``: sessions open, lent out (or being opened) and tasks
/// waiting for one.
public struct PoolUsage: Sendable, Equatable {
    public var open: Int
    public var inUse: Int
    public var waiting: Int
    public var maximum: Int

    public init(open: Int, inUse: Int, waiting: Int, maximum: Int) {
        self.open = open
        self.inUse = inUse
        self.waiting = waiting
        self.maximum = maximum
    }
}
