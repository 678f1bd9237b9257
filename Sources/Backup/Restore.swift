public import Foundation
public import Migrations
public import Postgres

/// `govreg restore`: a backup made by ``Backup`` into an empty database.
///
/// Everything that can be checked before the database is touched is checked first: the
/// manifest, the dump's SHA-256, the migrations (none newer than this govreg), that the target
/// is empty and that `pg_restore` can read the dump. `pg_restore --single-transaction
/// --exit-on-error` then restores all or nothing. Objects come to belong to the restoring
/// user (`--no-owner`), who migrates the database from then on; the grants to the application
/// role are restored, and that role is created first if the cluster has none.
public struct Restore: Sendable {
    public var configuration: ConnectionConfiguration
    /// The `pg_restore` to run.
    public var pgRestore: URL
    /// This govreg's migration files.
    public var knownMigrations: [MigrationFile]
    /// The role govreg's code connects as (`govreg_app`): not a superuser, no BYPASSRLS.
    public var applicationRole: String
    public var progress: @Sendable (String) -> Void

    /// What a restore did.
    public struct Report: Sendable {
        public var manifest: BackupManifest
        public var database: String
        /// Whether the application role had to be created in this cluster.
        public var createdApplicationRole: Bool
        /// This govreg's migrations the backup lacks: `govreg db migrate` applies them.
        public var pendingMigrations: [MigrationFile]
    }

    public init(
        configuration: ConnectionConfiguration, pgRestore: URL, knownMigrations: [MigrationFile], applicationRole: String,
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.pgRestore = pgRestore
        self.knownMigrations = knownMigrations
        self.applicationRole = applicationRole
        self.progress = progress
    }

    /// Restores `dump`, checked against `manifestFile` (default: beside the dump).
    ///
    /// - Throws: ``BackupError`` when a check fails (nothing has been changed then) or the row
    ///   counts after the restore differ from the manifest's; ``PostgresError`` when the
    ///   server cannot be reached.
    public func run(dump: URL, manifestFile: URL? = nil) async throws -> Report {
        try BackupError.refusingPooler(configuration, doing: "A restore")
        guard FileManager.default.isReadableFile(atPath: dump.path) else {
            throw BackupError(.manifestUnreadable, "备份文件 backup file \(dump.path) does not exist or is not readable")
        }
        let manifest = try BackupManifest.read(from: manifestFile ?? BackupManifest.location(ofDump: dump))
        let pending = try manifest.checkMigrations(against: knownMigrations)
        progress("恢复 restore: checking the dump's SHA-256 …")
        let digest = try FileDigest.sha256(of: dump)
        guard digest == manifest.dumpSHA256 else {
            throw BackupError(.digestMismatch, "校验失败 \(dump.path) has SHA-256 \(digest), but its manifest says \(manifest.dumpSHA256): "
                + "the dump was changed or damaged after the backup (or the manifest belongs to another dump). Nothing was restored.")
        }
        let client = ClientProgram(executable: pgRestore)
        let clientVersion = try await client.version()

        var configuration = self.configuration
        configuration.applicationName = "govreg restore"
        let connection = try await Connection.connect(configuration)
        let createdRole: Bool
        let database: String
        do {
            let server = try await DatabaseCensus.server(connection)
            database = server.database
            guard clientVersion.major >= server.major else {
                throw BackupError(.clientTooOld, "\(pgRestore.path) is version \(clientVersion.text), older than the server (\(server.version)). "
                    + "Install the PostgreSQL \(server.major) client programs or set GOVREG_PG_BINDIR to their folder.")
            }
            let access = try await DatabaseCensus.bypassesRowSecurity(connection)
            guard access.bypasses else { throw DatabaseCensus.rowSecurityRefusal(access.role, doing: "restore every district") }
            let objects = try await DatabaseCensus.userObjects(connection)
            guard objects.isEmpty else {
                throw BackupError(.targetNotEmpty, "目标数据库不是空的 database \(server.database) is not empty (\(objects.joined(separator: ", "))…): "
                    + "restore goes only into an empty database. Create a new one (createdb) or, for the embedded default, "
                    + "use a new --data-dir. Nothing was restored.")
            }
            createdRole = try await ensureApplicationRole(connection)
            let parameters = try await connection.sessionParameters()
            progress("恢复 restore: pg_restore into \(server.database) (\(manifest.tables.count) tables) …")
            let outcome = try await client.run(
                ["--single-transaction", "--exit-on-error", "--no-owner", "--no-password", "--dbname=\(parameters.conninfo)", dump.path],
                password: parameters.password)
            guard outcome.status == 0 else {
                throw BackupError(.clientFailed, "pg_restore failed (exit status \(outcome.status)); its single transaction was rolled back, "
                    + "so no table was restored (the application role govreg_app, if this restore created it, stays): \(outcome.standardError.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
            progress("恢复 restore: counting rows …")
            try await compareCounts(manifest, connection)
            await connection.close()
        } catch {
            await connection.close()
            throw error
        }
        try await checkApplicationRoleReads()
        return Report(manifest: manifest, database: database, createdApplicationRole: createdRole, pendingMigrations: pending)
    }

    /// Creates the application role as migration core/0002 does, when the cluster has none.
    /// Roles belong to the cluster, not to the dump: a fresh cluster lacks it.
    private func ensureApplicationRole(_ connection: Connection) async throws -> Bool {
        let rows = try await connection.query("SELECT rolsuper OR rolbypassrls AS unsafe FROM pg_roles WHERE rolname = \(applicationRole)")
        if let row = rows.first {
            if try row.decode(Bool.self, "unsafe") {
                throw BackupError(.applicationRole, "role \(applicationRole) is a superuser or has BYPASSRLS, so row-level security would "
                    + "not apply to it: ALTER ROLE \(applicationRole) NOSUPERUSER NOBYPASSRLS first. Nothing was restored.")
            }
            return false
        }
        do {
            try await connection.execute("CREATE ROLE \(identifier: applicationRole) LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT")
            return true
        } catch let error as PostgresError where error.sqlState == "42710" || error.sqlState == "23505" {
            return false  // created meanwhile by another session
        }
    }

    /// Every table of the manifest, with the manifest's row count.
    private func compareCounts(_ manifest: BackupManifest, _ connection: Connection) async throws {
        let restored = try await connection.transaction(isolation: .repeatableRead, readOnly: true) { session in
            try await session.execute("SET LOCAL row_security = off")
            return try await DatabaseCensus.tables(session)
        }
        let counts = Dictionary(restored.map { ($0.qualifiedName, $0.rows) }, uniquingKeysWith: { first, _ in first })
        let differing = manifest.tables.filter { counts[$0.qualifiedName] != $0.rows }
        guard differing.isEmpty else {
            let listed = differing.prefix(5).map { "\($0.qualifiedName): \(counts[$0.qualifiedName].map(String.init) ?? "missing") rows, expected \($0.rows)" }
            throw BackupError(.countsDiffer, "行数不符 the restored database differs from the manifest (\(listed.joined(separator: "; "))). "
                + "Do not use it: drop the database and restore again.")
        }
    }

    /// The application role can log in and read through row-level security.
    private func checkApplicationRoleReads() async throws {
        var configuration = self.configuration.loggingIn(as: applicationRole)
        configuration.applicationName = "govreg restore"
        let explanation = { (error: PostgresError) in
            BackupError(.applicationRole, "the data is restored, but role \(applicationRole) cannot read it: \(error.message). "
                + "On a server of your own give the role its password or pg_hba.conf entry as before, then check with `govreg serve`.")
        }
        let connection: Connection
        do {
            connection = try await Connection.connect(configuration)
        } catch let error as PostgresError {
            throw explanation(error)
        }
        let tenantsSeen: Int
        do {
            // Without a tenant set, row-level security shows no tenant: the grant works, the policy applies.
            tenantsSeen = try await connection.query("SELECT count(*) AS n FROM tenant")[0].decode(Int.self, "n")
            await connection.close()
        } catch let error as PostgresError {
            await connection.close()
            throw explanation(error)
        }
        guard tenantsSeen == 0 else {
            throw BackupError(.applicationRole, "role \(applicationRole) reads tenants without a tenant set: row-level security does not apply to it")
        }
    }
}
