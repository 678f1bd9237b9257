import Foundation
import GovregTestSupport
import Postgres
import Testing

/// `govreg use` and `GOVREG_TENANT`: the district a command works in when `--tenant` is not
/// given. Each test has a config folder of its own (`XDG_CONFIG_HOME`), never the user's.
@Suite struct UseCommandTests {
    typealias Govreg = (_ arguments: [String], _ tenant: String?) async throws -> GovregProcess.Outcome

    /// A migrated database with districts langao (610925) and pingli (610926), and a way to
    /// run govreg with `GOVREG_TENANT` set or not.
    func withDistricts(_ body: (_ govreg: Govreg, _ config: URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "govreg-use-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await TestDatabase.withFresh { configuration in
            var environment = ProcessInfo.processInfo.environment.filter { $0.key.hasPrefix("PG") }
            environment["XDG_CONFIG_HOME"] = folder.path
            let common = ["--database-url", configuration.connectionString, "--migrations", TestDatabase.shippedMigrations.path]
            let govreg: Govreg = { arguments, tenant in
                var environment = environment
                environment["GOVREG_TENANT"] = tenant
                return try await GovregProcess.run(arguments + common, environment: environment)
            }
            #expect(try await govreg(["db", "migrate"], nil).status == 0)
            for (slug, code) in [("langao", "610925"), ("pingli", "610926")] {
                #expect(try await govreg(["tenant", "create", slug, "--name", slug, "--division-code", code], nil).status == 0)
            }
            try await body(govreg, folder.appending(path: "govreg/config.json"))
        }
    }

    /// The codes of a district's categories.
    func categories(_ govreg: Govreg, _ tenant: String) async throws -> [String] {
        let listed = try await govreg(["category", "list", "--tenant", tenant, "--json"], nil)
        let object = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any]
        return (object?["items"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    @Test func theDistrictComesFromTheFlagThenTheVariableThenTheSavedDefault() async throws {
        try await withDistricts { govreg, config in
            let none = try await govreg(["demand", "list"], nil)
            #expect(none.status != 0)
            for words in ["未指定区县", "no district given", "--tenant", "GOVREG_TENANT", "govreg use"] {
                #expect(none.stderr.contains(words), "\(words) missing from: \(none.stderr)")
            }
            #expect(try await govreg(["use"], nil).stdout.contains("no default district"))

            let unknown = try await govreg(["use", "nosuch"], nil)
            #expect(unknown.status != 0 && unknown.stderr.contains("nosuch"), "\(unknown.stderr)")
            #expect(!FileManager.default.fileExists(atPath: config.path))
            // Named by its division code, saved by its slug.
            let saved = try await govreg(["use", "610925"], nil)
            #expect(saved.status == 0 && saved.stdout.contains("langao"), "\(saved.stderr)")
            #expect(try String(contentsOf: config, encoding: .utf8).contains("\"langao\""))
            let shown = try await govreg(["use"], nil)
            #expect(shown.stdout.contains("langao") && shown.stdout.contains("govreg use"), "\(shown.stdout)")

            // The saved default, then GOVREG_TENANT over it, then --tenant over both.
            #expect(try await govreg(["category", "add", "saved_default", "--name", "默认"], nil).status == 0)
            #expect(try await govreg(["category", "add", "from_variable", "--name", "变量"], "pingli").status == 0)
            #expect(try await govreg(["category", "add", "from_flag", "--name", "参数", "--tenant", "langao"], "pingli").status == 0)
            let langao = try await categories(govreg, "langao")
            let pingli = try await categories(govreg, "pingli")
            #expect(langao.contains("saved_default") && langao.contains("from_flag") && !langao.contains("from_variable"))
            #expect(pingli.contains("from_variable") && !pingli.contains("saved_default") && !pingli.contains("from_flag"))
            #expect(try await govreg(["use"], "pingli").stdout.contains("GOVREG_TENANT"))

            // A default is checked as a flag is, and the refusal says where it came from.
            let wrong = try await govreg(["demand", "list"], "nosuch")
            #expect(wrong.status != 0 && wrong.stderr.contains("nosuch") && wrong.stderr.contains("GOVREG_TENANT"), "\(wrong.stderr)")
            #expect(try await govreg(["demand", "list", "--help"], nil).stdout.contains("GOVREG_TENANT"))

            let cleared = try await govreg(["use", "--clear"], nil)
            #expect(cleared.status == 0 && !FileManager.default.fileExists(atPath: config.path), "\(cleared.stderr)")
            #expect(try await govreg(["demand", "list"], nil).stderr.contains("no district given"))
        }
    }
}
