import Foundation
import Testing

/// `--pooler` / `GOVREG_POOLER`: a bad value names the flag or the variable; migrating through
/// a transaction pooler is refused before any connection is tried (the URL here leads
/// nowhere, so a refusal that connected first would say so instead).
@Suite struct PoolerOptionTests {
    static let nowhere = "host=/nonexistent/govreg-pooler-test dbname=govreg connect_timeout=2"

    @Test func anUnknownModeNamesTheFlagOrTheVariable() async throws {
        let flag = try await GovregProcess.run(["db", "verify", "--database-url", Self.nowhere, "--pooler", "statement"])
        #expect(flag.status != 0)
        #expect(flag.stderr.contains("--pooler statement: 取值无效 not one of session, transaction"), "\(flag.stderr)")

        let variable = try await GovregProcess.run(["db", "verify", "--database-url", Self.nowhere], environment: ["GOVREG_POOLER": "yes"])
        #expect(variable.status != 0)
        #expect(variable.stderr.contains("GOVREG_POOLER=yes (环境变量 environment): 取值无效 not one of session, transaction"), "\(variable.stderr)")
    }

    @Test func migrateThroughATransactionPoolerAsksForTheDirectAddress() async throws {
        for outcome in [
            try await GovregProcess.run(["db", "migrate", "--database-url", Self.nowhere, "--pooler", "transaction"]),
            try await GovregProcess.run(["db", "migrate", "--database-url", Self.nowhere], environment: ["GOVREG_POOLER": "transaction"]),
        ] {
            #expect(outcome.status != 0)
            #expect(outcome.stderr.contains("migrations need a direct connection"), "\(outcome.stderr)")
            #expect(!outcome.stderr.contains("nonexistent"), "it tried to connect: \(outcome.stderr)")
        }
    }

    @Test func theEmbeddedClusterHasNoPoolerInFront() async throws {
        let folder = URL(filePath: "/tmp/govreg-pooler-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try await GovregProcess.run(["db", "migrate", "--data-dir", folder.path, "--pooler", "transaction"])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("applies to an external database"), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path), "nothing is created")
    }
}
