import Foundation
import GovregTestSupport
import Postgres
import Testing

/// Rules every tenant-owned table must keep, core and modules alike, checked on the migrated
/// schema itself, so a new table that forgets one fails here rather than in production.
@Suite struct SchemaIsolationTests {
    /// Tables with a tenant_id that may be NULL (operators' accounts and their tokens), and the
    /// console's passwords and sessions, which the owner's SECURITY DEFINER functions work on
    /// across districts: row-level security is on for the application, not FORCEd on the owner
    /// (migrations 0014 and 0034; an owner without BYPASSRLS could not sign anyone in).
    static let platformCatalogue: Set<String> = ["account", "api_token", "account_event", "account_password", "console_session"]

    @Test func everyTenantTableHasForcedRowLevelSecurityAndTheAppCannotTruncateIt() async throws {
        try await TestDatabase.withMigrated { configuration in
            let connection = try await Connection.connect(configuration)
            defer { Task { await connection.close() } }
            let rows = try await connection.query("""
                SELECT c.relname::text AS relname, c.relkind::text AS relkind, c.relrowsecurity, c.relforcerowsecurity,
                       has_table_privilege('govreg_app', c.oid, 'TRUNCATE') AS truncate,
                       coalesce('security_invoker=true' = ANY(c.reloptions), false) AS invoker
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v')
                  AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
                ORDER BY c.relname
                """)
            var tables = 0, views = 0
            for row in rows {
                let name = try row.decode(String.self, "relname")
                if Self.platformCatalogue.contains(name) {
                    // The operators' catalogue: rows of every tenant and of none (operators), so
                    // the owner works across them; the application still meets the tenant policy.
                    #expect(try row.decode(Bool.self, "relrowsecurity"), "\(name) lacks RLS")
                    #expect(try !row.decode(Bool.self, "truncate"), "govreg_app may truncate \(name)")
                } else if try row.decode(String.self, "relkind") == "r" {
                    tables += 1
                    #expect(try row.decode(Bool.self, "relrowsecurity") && row.decode(Bool.self, "relforcerowsecurity"), "\(name) lacks forced RLS")
                    #expect(try !row.decode(Bool.self, "truncate"), "govreg_app may truncate \(name)")
                } else {
                    views += 1
                    #expect(try row.decode(Bool.self, "invoker"), "view \(name) is not security_invoker")
                }
            }
            // The core's tables, the matching tables and the three modules' tables are all here.
            #expect(tables >= 30 && views >= 1)
            let names = try rows.map { try $0.decode(String.self, "relname") }
            for expected in ["demand", "matching_outcome", "tenant_module", "bench_talk_topic", "red_property_problem", "mediation_party"] {
                #expect(names.contains(expected), "\(expected) missing")
            }
        }
    }
}
