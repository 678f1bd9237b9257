import Foundation
import GovregTestSupport
import Postgres
import Testing

@Suite struct DemoCommandTests {
    @Test func loadsLangaoShapedListsAndIsIdempotent() async throws {
        try await TestDatabase.withFresh { configuration in
            let environment = ProcessInfo.processInfo.environment.filter { $0.key.hasPrefix("PG") }
            let arguments = ["demo", "--json", "--database-url", configuration.connectionString,
                             "--migrations", TestDatabase.shippedMigrations.path]
            // An external database is not migrated behind the operator's back.
            let refused = try await GovregProcess.run(arguments, environment: environment)
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("govreg db migrate"))
            let migrate = try await GovregProcess.run(
                ["db", "migrate", "--database-url", configuration.connectionString, "--migrations", TestDatabase.shippedMigrations.path],
                environment: environment)
            #expect(migrate.status == 0, "\(migrate.stderr)")

            let first = try await GovregProcess.run(arguments, environment: environment)
            #expect(first.status == 0, "\(first.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
            let summary = try #require(report["lists"] as? [String: Any])
            #expect(summary["units"] as? Int == 95)
            #expect(summary["members"] as? Int == 1_216)
            #expect(summary["contracted_communities"] as? Int == 7)
            let org = try #require(summary["org_units"] as? [String: Int])
            #expect(org["grid"] == 253)
            #expect((org["community"] ?? 0) + (org["village"] ?? 0) == 35)
            let demands = try #require(summary["demands"] as? [String: Int])
            // 1,200 imported, and the few that modules' demo records file (a bench talk's topic, a
            // deliberation's agreed repair …): a module adds its records without this test changing.
            #expect((1_201...1_220).contains(demands.values.reduce(0, +)))
            #expect((demands["in_project"] ?? 0) > 0)
            let projects = try #require(summary["projects"] as? [String: Int])
            // The demo ends with a matching run, accepted: one planned project per demand it served.
            let matching = try #require(report["matching"] as? [String: Any])
            #expect(matching["status"] as? String == "accepted")
            let served = try #require(matching["demands_served"] as? Int)
            #expect(served > 100)
            #expect(projects.values.reduce(0, +) == 60 + served)
            #expect((matching["arcs"] as? Int ?? 0) > served)
            // The modules with demo records are enabled: bench_talk with a meeting whose topic became a demand.
            let modules = try #require(report["modules"] as? [String: Any])
            let benchTalk = try #require(modules["bench_talk"] as? [String: Any])
            #expect(benchTalk["meetings"] as? Int == 1 && benchTalk["topics"] as? Int == 3 && benchTalk["turned_into_demands"] as? Int == 1)
            let redProperty = try #require(modules["red_property"] as? [String: Any])
            #expect(redProperty["compounds"] as? Int == 1 && redProperty["problems_logged"] as? Int == 3 && redProperty["problems_closed"] as? Int == 1)

            // The projects' history is the demo year's: the reports the project file wrote on
            // the day of the load were replaced by the monthly ones.
            let progress = try await GovregProcess.run(
                ["export", "progress", "--tenant", "langao", "--database-url", configuration.connectionString,
                 "--migrations", TestDatabase.shippedMigrations.path], environment: environment)
            #expect(progress.status == 0, "\(progress.stderr)")
            let reportLines = progress.stdout.split(whereSeparator: \.isNewline).dropFirst()
            #expect(reportLines.count == 100)
            #expect(reportLines.allSatisfy { $0.split(separator: ",")[1].hasPrefix("2024-") }, "\(progress.stdout)")

            let second = try await GovregProcess.run(arguments, environment: environment)
            #expect(second.status == 0, "\(second.stderr)")
            #expect(second.stdout == first.stdout)
        }
    }
}
