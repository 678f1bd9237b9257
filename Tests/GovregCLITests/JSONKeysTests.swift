import Foundation
import GovregTestSupport
import Postgres
import Testing

/// `--json` writes the API's field names: the same record asked of `govreg … --json` and of
/// `govreg serve` has the same keys, all snake_case.
@Suite struct JSONKeysTests {
    /// The small district of ``ListCommandTests`` and its helpers.
    let lists = ListCommandTests()

    /// Every key path of a JSON value (`demand.external_id`, `history[].at`), the elements
    /// of an array taken together.
    static func keyPaths(_ value: Any, under prefix: String = "") -> Set<String> {
        switch value {
        case let object as [String: Any]:
            object.reduce(into: Set<String>()) { paths, entry in
                let path = prefix + entry.key
                paths.insert(path)
                paths.formUnion(keyPaths(entry.value, under: path + "."))
            }
        case let list as [Any]:
            list.reduce(into: Set<String>()) { $0.formUnion(keyPaths($1, under: String(prefix.dropLast()) + "[].")) }
        default:
            []
        }
    }

    /// Keys spelt as Swift spells properties (`externalID`, `isPublic`): a lower-case start
    /// with a capital later. Codes used as dictionary keys (`C1`) start with a capital.
    static func camelCaseKeys(_ paths: Set<String>) -> [String] {
        paths.compactMap { $0.split(separator: ".").last.map(String.init) }.filter { key in
            key.first?.isLowercase == true && key.contains { $0.isUppercase }
        }
    }

    @Test func jsonOutputHasTheAPIsKeysForTheSameRecords() async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "govreg-keys-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await TestDatabase.withFresh { configuration in
            let environment = ProcessInfo.processInfo.environment.filter { $0.key.hasPrefix("PG") }
            let common = ["--database-url", configuration.connectionString, "--migrations", TestDatabase.shippedMigrations.path]
            let govreg: ListCommandTests.Govreg = { arguments in try await GovregProcess.run(arguments + common, environment: environment) }
            #expect(try await govreg(["db", "migrate"]).status == 0)
            try await lists.district("langao", "610925", lists: true, govreg, folder)
            let imported = try await govreg(["import", "demands", try lists.write(ListCommandTests.matchedDemands, "demands.csv", in: folder), "--tenant", "langao"])
            #expect(imported.status == 0, "\(imported.stderr)")
            let run = try #require(try await lists.object(govreg(["match", "run", "--tenant", "langao", "--json"]))["id"] as? Int)
            let project = try await govreg(["project", "create", "--tenant", "langao", "--title", "助学", "--unit", "U1", "--demand", "D1",
                                            "--allocate", "R1:3000", "--external-id", "P1", "--starts-on", "2024-04-01"])
            #expect(project.status == 0, "\(project.stderr)")
            let d2 = try await lists.object(govreg(["demand", "show", "D2", "--tenant", "langao", "--json"]))
            let d2ID = try #require((d2["demand"] as? [String: Any])?["id"] as? Int)
            #expect(try await govreg(["account", "create", "wang.min", "--name", "王敏", "--role", "district_admin", "--tenant", "langao"]).status == 0)
            let token = try await govreg(["token", "issue", "wang.min"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)

            let pairs: [(command: [String], path: String)] = [
                (["demand", "show", "D2"], "demands/\(d2ID)"),
                (["demand", "list"], "demands"),
                (["resource", "list"], "resources"),
                (["resource", "show", "R1"], "resources/R1"),
                (["project", "show", "P1"], "projects/P1"),
                (["project", "list"], "projects"),
                (["match", "show", "\(run)"], "matching/runs/\(run)"),
                (["unit", "list"], "units"),
            ]
            try await GovregServer.with(common, environment: environment) { port in
                for (command, path) in pairs {
                    let cli = try await govreg(command + ["--tenant", "langao", "--json"])
                    let api = try RawHTTP.request(port, "GET", "/v1/tenants/langao/\(path)", token: token)
                    #expect(cli.status == 0 && api.status == 200, "\(command): \(cli.stderr) \(api.body.prefix(300))")
                    let cliKeys = Self.keyPaths(try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)))
                    let apiKeys = Self.keyPaths(try JSONSerialization.jsonObject(with: Data(api.body.utf8)))
                    #expect(cliKeys == apiKeys, "\(command): only the CLI has \(cliKeys.subtracting(apiKeys).sorted()), only the API \(apiKeys.subtracting(cliKeys).sorted())")
                    #expect(Self.camelCaseKeys(cliKeys).isEmpty, "\(command): \(Self.camelCaseKeys(cliKeys))")
                }
            }
            // The API's own spelling, so that the comparison above cannot pass on two camelCase outputs.
            let shown = Self.keyPaths(d2)
            for key in ["demand.external_id", "demand.is_public", "org_code", "category_name", "filed_at", "updated_at", "row_version"] {
                #expect(shown.contains(key), "\(key) missing from \(shown.sorted())")
            }
            let listed = Self.keyPaths(try await lists.object(govreg(["demand", "list", "--tenant", "langao", "--json"])))
            #expect(listed.isSuperset(of: ["items[].external_id", "items[].category_name", "items[].org_code", "items[].filed_on", "items[].is_public"]))
            let resources = Self.keyPaths(try await lists.object(govreg(["resource", "list", "--tenant", "langao", "--json"])))
            #expect(resources.isSuperset(of: ["items[].external_id", "items[].unit_external_id", "items[].measure_unit", "items[].service_area", "items[].is_public"]))
            let matched = Self.keyPaths(try await lists.object(govreg(["match", "show", "\(run)", "--tenant", "langao", "--json"])))
            #expect(matched.contains("run.weighted_satisfaction") && matched.contains("run.demands_served"), "\(matched.sorted())")
            let shownProject = Self.keyPaths(try await lists.object(govreg(["project", "show", "P1", "--tenant", "langao", "--json"])))
            #expect(shownProject.isSuperset(of: ["project.external_id", "project.progress_percent", "allocations[].resource_external_id"]), "\(shownProject.sorted())")
            // Other --json outputs and the JSON export follow the same rule.
            for command in [["tenant", "list"], ["org", "list", "--tenant", "langao"], ["unit", "members", "--tenant", "langao"],
                            ["match", "list", "--tenant", "langao"], ["match", "weights", "--tenant", "langao"],
                            ["module", "list", "--tenant", "langao"], ["db", "status"]] {
                let outcome = try await govreg(command + ["--json"])
                #expect(outcome.status == 0, "\(command): \(outcome.stderr)")
                let keys = Self.keyPaths(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)))
                #expect(Self.camelCaseKeys(keys).isEmpty, "\(command): \(Self.camelCaseKeys(keys))")
            }
            let exported = try await govreg(["export", "demands", "--tenant", "langao", "--format", "json"])
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(exported.stdout.utf8)) as? [[String: Any]])
            #expect(rows.first?["external_id"] != nil && Self.camelCaseKeys(Self.keyPaths(rows)).isEmpty, "\(exported.stdout.prefix(400))")
        }
    }
}
