import Distribution
import GovregTestSupport
import Postgres
import Testing

/// The shipped migrations, core and modules, as `db migrate` applies them.
///
/// To the lead: this is today's checklist for the schema fixes of issue 21 (found before any
/// of them). When the fixes land, this list shrinks to `[]`; then replace it by `[]` for good
/// (and turn on `CITUS_LINT=1` in CI), so that no new migration brings a finding back.
@Suite struct MigratedSchemaLintTests {
    @Test func theShippedSchemaHasExactlyTheKnownFindings() async throws {
        let findings = try await TestDatabase.withMigrated { configuration in
            let connection = try await Connection.connect(configuration)
            do {
                let findings = try await CitusLint.findings(connection)
                await connection.close()
                return findings.map { "\($0.rule.rawValue) \($0.object) \($0.constraint ?? "-")" }
            } catch {
                await connection.close()
                throw error
            }
        }
        #expect(findings == [
            "key-includes-tenant-id account account_operator_login",
            "key-includes-tenant-id account account_pkey",
            "rls-forced account -",
            "tenant-id-not-null account tenant_id",
            "foreign-key-includes-tenant-id account_event account_event_account_id_fkey",
            "foreign-key-includes-tenant-id account_event account_event_token_id_fkey",
            "key-includes-tenant-id account_event account_event_pkey",
            "rls-forced account_event -",
            "tenant-id-not-null account_event tenant_id",
            "foreign-key-includes-tenant-id account_password account_password_account_id_fkey",
            "key-includes-tenant-id account_password account_password_pkey",
            "rls-forced account_password -",
            "rls-policy account_password -",
            "tenant-id-not-null account_password tenant_id",
            "foreign-key-includes-tenant-id api_token api_token_account_id_fkey",
            "key-includes-tenant-id api_token api_token_pkey",
            "key-includes-tenant-id api_token api_token_token_hash_key",
            "rls-forced api_token -",
            "tenant-id-not-null api_token tenant_id",
            "foreign-key-includes-tenant-id console_session console_session_account_id_fkey",
            "key-includes-tenant-id console_session console_session_pkey",
            "key-includes-tenant-id console_session console_session_secret_hash_key",
            "rls-forced console_session -",
            "rls-policy console_session -",
        ])
    }
}
