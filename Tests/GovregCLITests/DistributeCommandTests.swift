import Foundation
import GovregTestSupport
import Postgres
import Testing

/// `govreg db distribute` where there is no Citus: it says what to do and exits 2, and `db
/// status` says nothing of a distribution. (On a real cluster: DistributedClusterTests.)
@Suite struct DistributeCommandTests {
    private func run(_ schema: String, _ arguments: [String]) async throws -> GovregProcess.Outcome {
        try await TestDatabase.withFresh { configuration in
            let connection = try await Connection.connect(configuration)
            try await connection.executeScript(unsafeRaw: schema)
            await connection.close()
            let environment = ProcessInfo.processInfo.environment.filter { $0.key.hasPrefix("PG") }
            return try await GovregProcess.run(["db"] + arguments + ["--database-url", configuration.connectionString], environment: environment)
        }
    }

    private let schema = """
        CREATE TABLE tenant (id uuid PRIMARY KEY, slug text UNIQUE);
        CREATE TABLE note (tenant_id uuid NOT NULL REFERENCES tenant (id), id bigint, PRIMARY KEY (tenant_id, id));
        """

    @Test func withoutCitusItSaysWhatToDoAndExitsTwo() async throws {
        for arguments in [["distribute"], ["distribute", "--dry-run"]] {
            let outcome = try await run(schema, arguments)
            #expect(outcome.status == 2, "\(outcome.stdout)")
            #expect(outcome.stderr.contains("shared_preload_libraries"), "\(outcome.stderr)")
        }
    }

    @Test func withoutGovregsSchemaItAsksForAMigrate() async throws {
        let outcome = try await run("CREATE TABLE unrelated (id int);", ["distribute"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("govreg db migrate"))
    }
}
