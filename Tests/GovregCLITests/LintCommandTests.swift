import Foundation
import GovregTestSupport
import Postgres
import Testing

@Suite struct LintCommandTests {
    /// Runs `govreg db lint` with `arguments` on a fresh database holding `schema`.
    private func lint(_ schema: String, _ arguments: [String]) async throws -> GovregProcess.Outcome {
        try await TestDatabase.withFresh { configuration in
            let connection = try await Connection.connect(configuration)
            try await connection.executeScript(unsafeRaw: schema)
            await connection.close()
            let environment = ProcessInfo.processInfo.environment.filter { $0.key.hasPrefix("PG") }
            return try await GovregProcess.run(["db", "lint", "--database-url", configuration.connectionString] + arguments, environment: environment)
        }
    }

    private let clean = """
        CREATE TABLE tenant (id uuid PRIMARY KEY);
        CREATE TABLE note (tenant_id uuid NOT NULL REFERENCES tenant (id), id bigint, PRIMARY KEY (tenant_id, id));
        ALTER TABLE note ENABLE ROW LEVEL SECURITY;
        ALTER TABLE note FORCE ROW LEVEL SECURITY;
        CREATE POLICY isolation ON note USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
        """

    @Test func aCleanSchemaExitsZero() async throws {
        let outcome = try await lint(clean, ["--citus"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("no findings"))
    }

    @Test func findingsExitOneAndNameTableConstraintAndRule() async throws {
        let broken = clean + "CREATE TABLE loose (tenant_id uuid NOT NULL, id bigint PRIMARY KEY);"
        let text = try await lint(broken, ["--citus"])
        #expect(text.status == 1, "\(text.stderr)")
        #expect(text.stdout.contains("key-includes-tenant-id"))
        #expect(text.stdout.contains("loose_pkey"))
        #expect(text.stdout.contains("rls-enabled"))

        let json = try await lint(broken, ["--citus", "--json"])
        #expect(json.status == 1, "\(json.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["rule_set"] as? String == "citus")
        #expect(document["clean"] as? Bool == false)
        let findings = try #require(document["findings"] as? [[String: Any]])
        let key = try #require(findings.first { $0["rule"] as? String == "key-includes-tenant-id" })
        #expect(key["object"] as? String == "loose")
        #expect(key["constraint"] as? String == "loose_pkey")
        #expect(key["kind"] as? String == "table")
        #expect((key["rule_text"] as? String)?.contains("tenant_id") == true)
        #expect(Set(findings.compactMap { $0["rule"] as? String }) == ["key-includes-tenant-id", "rls-enabled", "rls-forced", "rls-policy"])
    }

    @Test func aDatabaseWithoutGovregsSchemaIsNotCalledClean() async throws {
        let outcome = try await lint("CREATE TABLE unrelated (id int);", ["--citus"])
        #expect(outcome.status == 2, "\(outcome.stdout)")
        #expect(outcome.stderr.contains("govreg db migrate"))
        #expect(!outcome.stdout.contains("no findings"))
    }

    @Test func withoutARuleSetItSaysWhichExist() async throws {
        let outcome = try await lint(clean, [])
        #expect(outcome.status != 0)
        #expect(outcome.status != 1)
        #expect(outcome.stderr.contains("--citus"))
    }
}
