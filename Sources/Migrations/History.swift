import Foundation
import Postgres

/// The history table, `govreg_migration`: one row per applied file.
enum History {
    static func create(_ session: Connection) async throws {
        // IF NOT EXISTS alone races when two migrators start on an empty database; the
        // transaction-scoped advisory lock serialises the creation itself.
        try await session.transaction { tx in
            try await tx.execute("SELECT pg_advisory_xact_lock(\(MigrationLock.classID), 0)")
            try await tx.execute("""
                CREATE TABLE IF NOT EXISTS govreg_migration (
                    migration_group text NOT NULL,
                    version integer NOT NULL,
                    name text NOT NULL,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now(),
                    duration_ms bigint NOT NULL,
                    applied_by text NOT NULL,
                    PRIMARY KEY (migration_group, version)
                )
                """)
        }
    }

    static func read(_ session: Connection) async throws -> [AppliedMigration] {
        let exists = try await session.query("SELECT to_regclass('govreg_migration') IS NOT NULL AS present")
        guard try exists[0].decode(Bool.self, "present") else { return [] }
        let rows = try await session.query("""
            SELECT migration_group, version, name, checksum, applied_at, duration_ms, applied_by
            FROM govreg_migration ORDER BY migration_group = 'core' DESC, migration_group, version
            """)
        return try rows.map { row in
            AppliedMigration(
                group: try row.decode(String.self, "migration_group"),
                version: try row.decode(Int.self, "version"),
                name: try row.decode(String.self, "name"),
                checksum: try row.decode(String.self, "checksum"),
                appliedAt: try row.decode(Date.self, "applied_at"),
                durationMilliseconds: try row.decode(Int.self, "duration_ms"),
                appliedBy: try row.decode(String.self, "applied_by"))
        }
    }

    static func record(_ file: MigrationFile, milliseconds: Int, on connection: Connection) async throws {
        let operator_ = "\(ProcessInfo.processInfo.userName)@\(ProcessInfo.processInfo.hostName)"
        try await connection.execute("""
            INSERT INTO govreg_migration (migration_group, version, name, checksum, duration_ms, applied_by)
            VALUES (\(file.group), \(file.version), \(file.name), \(file.checksum), \(milliseconds),
                    \(operator_) || ' as ' || current_user)
            """)
    }
}

/// The session advisory lock that lets one migrator at a time work on a database.
struct MigrationLock {
    /// "govr" as a 32-bit number; the second key is 1 for migrations.
    static let classID: Int32 = 0x676f_7672
    static let objectID: Int32 = 1

    var session: Connection
    var wait: Duration
    var progress: @Sendable (MigrationProgress) -> Void

    func hold<T>(_ body: () async throws -> T) async throws -> T {
        try await acquire()
        do {
            let value = try await body()
            try await release()
            return value
        } catch {
            try? await release()
            throw error
        }
    }

    private func acquire() async throws {
        let deadline = ContinuousClock.now + wait
        var announced = false
        while true {
            let rows = try await session.query("SELECT pg_try_advisory_lock(\(Self.classID), \(Self.objectID)) AS got")
            if try rows[0].decode(Bool.self, "got") {
                if announced { progress(.acquiredLock) }
                return
            }
            let holder = try await describeHolder()
            guard ContinuousClock.now < deadline else { throw MigrationError.lockTimeout(holder: holder) }
            if !announced { progress(.waitingForLock(holder: holder)); announced = true }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    private func release() async throws {
        try await session.execute("SELECT pg_advisory_unlock(\(Self.classID), \(Self.objectID))")
    }

    /// Who holds the lock, from `pg_locks` joined with `pg_stat_activity`.
    private func describeHolder() async throws -> String {
        let rows = try await session.query("""
            SELECT a.pid, coalesce(a.application_name, '') AS app, coalesce(a.usename::text, '') AS role,
                   coalesce(a.client_addr::text, 'local socket') AS client, a.backend_start
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND l.classid::bigint = \(Int(Self.classID)) AND l.objid::bigint = \(Int(Self.objectID)) AND l.objsubid = 2
            """)
        guard let row = rows.first else { return "another session (it has just finished)" }
        let since = ISO8601DateFormatter().string(from: try row.decode(Date.self, "backend_start"))
        return "pid \(try row.decode(Int.self, "pid")) (\(try row.decode(String.self, "app")), role \(try row.decode(String.self, "role")), \(try row.decode(String.self, "client")), connected since \(since))"
    }
}
