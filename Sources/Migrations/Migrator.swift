public import Postgres

/// What the migrator tells the person watching while it works.
public enum MigrationProgress: Sendable {
    case waitingForLock(holder: String)
    case acquiredLock
    case applying(MigrationFile, index: Int, total: Int)
    case applied(MigrationFile, milliseconds: Int)
    case retryingAfterLockTimeout(MigrationFile, attempt: Int)
    case checked(MigrationFile)
    case notTried(MigrationFile, reason: String)
}

/// The result of `migrate`.
public struct MigrationReport: Sendable {
    /// Files applied (or, in a dry run, run and rolled back), in order.
    public var applied: [MigrationFile]
    public var dryRun: Bool
}

/// Applies migration files to a database, one transaction per file, under an advisory lock.
///
/// ```swift
/// let migrator = Migrator(configuration: config, source: try MigrationSource(root: folder))
/// let report = try await migrator.migrate()
/// ```
///
/// Two migrators started at once: the first takes the lock and applies; the second waits
/// (saying who holds the lock), then finds nothing to do. The migrator uses one direct
/// session of its own: session advisory locks do not survive a transaction-mode pooler.
public struct Migrator: Sendable {
    public var configuration: ConnectionConfiguration
    public var source: MigrationSource
    /// How long to wait for another migrator's lock before giving up.
    public var lockWait: Duration
    /// `lock_timeout` for each file's DDL: a migration never freezes a busy table for long.
    public var statementLockTimeout: Duration
    /// Attempts per file when its DDL times out waiting for a table lock.
    public var lockRetries: Int
    public var progress: @Sendable (MigrationProgress) -> Void

    public init(
        configuration: ConnectionConfiguration, source: MigrationSource, lockWait: Duration = .seconds(300),
        statementLockTimeout: Duration = .seconds(10), lockRetries: Int = 3,
        progress: @escaping @Sendable (MigrationProgress) -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.source = source
        self.lockWait = lockWait
        self.statementLockTimeout = statementLockTimeout
        self.lockRetries = lockRetries
        self.progress = progress
    }

    /// Compares the files with the history table (no lock taken, nothing changed).
    public func plan() async throws -> MigrationPlan {
        try await withSession { session in
            MigrationPlan(files: source.files, applied: try await History.read(session))
        }
    }

    /// Applies pending files in order, up to `target` if given.
    ///
    /// - Parameters:
    ///   - target: the last version to apply (`core/0003`, or `3` for core).
    ///   - dryRun: run the pending files in one transaction and roll it back, so errors show
    ///     without changing anything. Files that run outside a transaction are not tried.
    /// - Throws: ``MigrationError`` naming the file (and line, column and SQLSTATE for a
    ///   failing statement); edited or missing applied files are refused before anything runs;
    ///   `.needsDirectConnection` through a transaction pooler.
    public func migrate(to target: String? = nil, dryRun: Bool = false) async throws -> MigrationReport {
        // Refused before connecting: through a transaction pooler the session lock would be
        // taken on one server session and each file could run on another.
        guard configuration.pooler == .session else { throw MigrationError.needsDirectConnection }
        return try await withSession { session in
            try await History.create(session)
            return try await MigrationLock(session: session, wait: lockWait, progress: progress).hold {
                let plan = MigrationPlan(files: source.files, applied: try await History.read(session))
                try plan.validate()
                let files = try plan.pending(upTo: target)
                let applied = dryRun
                    ? try await tryRolledBack(files, session: session)
                    : try await apply(files, session: session)
                try await Self.checkIndexes(session)
                return MigrationReport(applied: applied, dryRun: dryRun)
            }
        }
    }

    /// Checks that every applied file is unchanged, none is missing or out of order, and no
    /// index was left invalid. Throws the first problem found.
    public func verify() async throws -> MigrationPlan {
        try await withSession { session in
            let plan = MigrationPlan(files: source.files, applied: try await History.read(session))
            try plan.validate()
            try await Self.checkIndexes(session)
            return plan
        }
    }

    private func withSession<T>(_ body: (Connection) async throws -> T) async throws -> T {
        let session = try await Connection.connect(configuration)
        do {
            let value = try await body(session)
            await session.close()
            return value
        } catch {
            await session.close()
            throw error
        }
    }

    static func checkIndexes(_ session: Connection) async throws {
        let rows = try await session.query("""
            SELECT c.oid::regclass::text AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE NOT i.indisvalid ORDER BY 1
            """)
        let names = try rows.map { try $0.decode(String.self, "name") }
        if !names.isEmpty { throw MigrationError.invalidIndexes(names) }
    }
}
