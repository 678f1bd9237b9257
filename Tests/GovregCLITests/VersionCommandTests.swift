import Foundation
import GovregTestSupport
import Postgres
import Testing

/// The checkout this test was built from.
private let checkout = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The commit `git` says the checkout is at, or nil without git.
private func gitHead() -> String? {
    let process = Process()
    process.executableURL = URL(filePath: "/usr/bin/env")
    process.arguments = ["git", "-C", checkout.path, "rev-parse", "HEAD"]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}

@Suite struct VersionCommandTests {
    @Test func versionReportsCommitMigrationHeadAndLibpq() async throws {
        let run = try await GovregProcess.run(["version", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(report["version"] as? String == "0.1.0")
        // Built from this checkout: the plugin read the same HEAD git reports (a worktree too).
        let commit = try #require(report["commit"] as? String)
        // (git may be missing, or refuse a checkout another user owns, while the plugin, which
        // reads .git itself, still found the commit.)
        if let head = gitHead() {
            #expect(commit == head)
        } else {
            #expect(commit == "unknown" || (commit.count == 40 && commit.allSatisfy(\.isHexDigit)))
        }
        // The last file of core and of each module in the folder the binary was built from.
        let head = try #require(report["migration_head"] as? [String])
        let core = try FileManager.default.contentsOfDirectory(atPath: checkout.appending(path: "migrations/core").path)
            .filter { $0.hasSuffix(".sql") }.sorted()
        #expect(head.first == "core/" + String(try #require(core.last).dropLast(4)))
        let modules = try FileManager.default.contentsOfDirectory(atPath: checkout.appending(path: "migrations/modules").path)
        #expect(head.count == 1 + modules.count)
        let libpq = try #require(report["libpq"] as? String)
        let number = try #require(report["libpq_number"] as? Int)
        #expect(number >= 100_000 && libpq.hasPrefix("\(number / 10_000)."))

        let text = try await GovregProcess.run(["version"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("govreg 0.1.0") && text.stdout.contains(commit) && text.stdout.contains("libpq: \(libpq)"))
        let short = try await GovregProcess.run(["--version"])
        #expect(short.stdout.hasPrefix("0.1.0 (commit \(commit.prefix(12))"))
    }

    /// With no `--migrations`, govreg migrates from its built-in files and says so; a folder
    /// named by `GOVREG_MIGRATIONS` is used instead, and `db status` names it.
    @Test func migratesFromTheBuiltInFilesByDefault() async throws {
        try await TestDatabase.withFresh { configuration in
            let environment = ProcessInfo.processInfo.environment
            let url = "host=\(environment["PGHOST"] ?? "/var/run/postgresql") port=\(environment["PGPORT"] ?? "5432") user=\(environment["PGUSER"] ?? "postgres") \(configuration.connectionString)"
            // From an empty folder: nothing beside the binary or in the working folder to find.
            let empty = FileManager.default.temporaryDirectory.appending(path: "govreg-empty-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: empty) }
            let migrate = try await GovregProcess.run(["db", "migrate", "--database-url", url], in: empty)
            #expect(migrate.status == 0, "\(migrate.stderr)")
            #expect(migrate.stdout.contains("core/0001_tenant"))

            let status = try await GovregProcess.run(["db", "status", "--json", "--database-url", url], in: empty)
            #expect(status.status == 0, "\(status.stderr)")
            let report = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
            let source = try #require(report?["migration_source"] as? [String: Any])
            #expect(source["kind"] as? String == "built_in")
            let migrations = try #require(report?["migrations"] as? [[String: Any]])
            #expect(!migrations.isEmpty && migrations.allSatisfy { $0["state"] as? String == "applied" })

            // The folder's files have the same checksums: verifying against it finds nothing changed.
            let folder = checkout.appending(path: "migrations").path
            let verify = try await GovregProcess.run(["db", "verify", "--database-url", url], environment: ["GOVREG_MIGRATIONS": folder], in: empty)
            #expect(verify.status == 0, "\(verify.stderr)")
            let text = try await GovregProcess.run(["db", "status", "--database-url", url], environment: ["GOVREG_MIGRATIONS": folder], in: empty)
            #expect(text.stdout.contains("迁移来源 migrations from: folder 目录 \(folder)"), "\(text.stdout)")

            let missing = try await GovregProcess.run(["db", "migrate", "--database-url", url, "--migrations", empty.path], in: empty)
            #expect(missing.status != 0 && missing.stderr.contains(empty.path) && missing.stderr.contains("--migrations"))
        }
    }
}
