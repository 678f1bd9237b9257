import Foundation
import Postgres

/// What a database holds, read in one transaction: the server, the migration history, each
/// table's row count, and whether there is anything of a user's at all.
enum DatabaseCensus {
    /// The server's version and clock, and the database's name.
    struct Server {
        var version: String
        var major: Int
        var database: String
        var now: Date
    }

    /// Schemas of the system, never part of a backup and never "something in the way".
    private static let userSchema: SQL = "n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'"

    static func server(_ session: Connection) async throws -> Server {
        let row = try await session.query("""
            SELECT current_setting('server_version') AS version,
                   current_setting('server_version_num')::int / 10000 AS major,
                   current_database() AS database, now() AS now
            """)[0]
        return Server(
            version: try row.decode(String.self, "version"), major: try row.decode(Int.self, "major"),
            database: try row.decode(String.self, "database"), now: try row.decode(Date.self, "now"))
    }

    /// Whether the session's role sees every row despite row-level security: a superuser or a
    /// role with BYPASSRLS. govreg's tables FORCE row-level security, so the tables' owner
    /// alone would see (and dump, and restore) nothing.
    static func bypassesRowSecurity(_ session: Connection) async throws -> (role: String, bypasses: Bool) {
        let row = try await session.query("SELECT current_user AS role, rolsuper OR rolbypassrls AS bypasses FROM pg_roles WHERE rolname = current_user")[0]
        return (try row.decode(String.self, "role"), try row.decode(Bool.self, "bypasses"))
    }

    /// The refusal for a role that does not bypass row-level security.
    static func rowSecurityRefusal(_ role: String, doing what: String) -> BackupError {
        BackupError(.rowLevelSecurity, "role \(role) cannot \(what): govreg's tables force row-level security, so only a superuser or a "
            + "role with BYPASSRLS sees every row. Use such a role (e.g. the embedded default's postgres, or ALTER ROLE \(role) BYPASSRLS "
            + "as a superuser). Nothing was changed.")
    }

    /// Every applied migration, or an empty list when there is no history table.
    static func migrations(_ session: Connection) async throws -> [BackupManifest.Migration] {
        let present = try await session.query("SELECT to_regclass('public.govreg_migration') IS NOT NULL AS present")
        guard try present[0].decode(Bool.self, "present") else { return [] }
        let rows = try await session.query("""
            SELECT migration_group, version, name, checksum FROM public.govreg_migration
            ORDER BY migration_group = 'core' DESC, migration_group, version
            """)
        return try rows.map { row in
            BackupManifest.Migration(
                group: try row.decode(String.self, "migration_group"), version: try row.decode(Int.self, "version"),
                name: try row.decode(String.self, "name"), checksum: try row.decode(String.self, "checksum"))
        }
    }

    /// Every ordinary and partitioned table outside the system schemas with its row count.
    ///
    /// The counts run on the server (`query_to_xml` over `format('%I.%I')`), so no name is
    /// ever spliced into SQL here. Row-level security must be off in the session (a superuser
    /// or `SET LOCAL row_security = off`), as it is for `pg_dump`, or the counts would be a
    /// tenant's view instead of the whole table.
    static func tables(_ session: Connection) async throws -> [BackupManifest.Table] {
        let rows = try await session.query("""
            SELECT n.nspname AS schema, c.relname AS name,
                   (xpath('/row/n/text()', query_to_xml(
                        format('SELECT count(*) AS n FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]::text::bigint AS rows
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND c.relpersistence <> 't' AND \(userSchema)
            ORDER BY n.nspname, c.relname
            """)
        return try rows.map { row in
            BackupManifest.Table(
                schema: try row.decode(String.self, "schema"), name: try row.decode(String.self, "name"),
                rows: try row.decode(Int.self, "rows"))
        }
    }

    /// Up to `limit` objects a user made (tables, views, sequences, functions, types, schemas,
    /// extensions other than plpgsql), named for an error message; empty for an empty database.
    static func userObjects(_ session: Connection, limit: Int = 5) async throws -> [String] {
        let rows = try await session.query("""
            SELECT object FROM (
                SELECT 'relation ' || n.nspname || '.' || c.relname AS object
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE \(userSchema)
                UNION ALL
                SELECT 'function ' || n.nspname || '.' || p.proname
                FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE \(userSchema)
                UNION ALL
                SELECT 'type ' || n.nspname || '.' || t.typname
                FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype IN ('e', 'd', 'r', 'm') AND \(userSchema)
                UNION ALL
                SELECT 'schema ' || n.nspname FROM pg_namespace n WHERE n.nspname <> 'public' AND \(userSchema)
                UNION ALL
                SELECT 'extension ' || extname FROM pg_extension WHERE extname <> 'plpgsql'
            ) o ORDER BY object LIKE 'relation %' DESC, object LIMIT \(limit)
            """)
        return try rows.map { try $0.decode(String.self, "object") }
    }
}
