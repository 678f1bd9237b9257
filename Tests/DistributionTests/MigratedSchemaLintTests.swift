import Distribution
import GovregTestSupport
import Postgres
import Testing

/// The shipped migrations, core and modules, as `db migrate` applies them, break no rule of a
/// deployment distributed on Citus: a new migration that brings a finding back fails here
/// (and `govreg db lint --citus` in CI says which rule). Migrations 0036 and 0037 cleared the
/// 28 findings this test first pinned.
@Suite struct MigratedSchemaLintTests {
    @Test func theShippedSchemaHasNoFindings() async throws {
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
        #expect(findings == [])
    }
}
