import Foundation
import GovregTestSupport
import Testing

/// `govreg project create` against the same invalid projects as the API's and the store's
/// door tests (`DoorCase.projects`): its problems are those `govreg import projects` gives for
/// the same record, field by field, and nothing is written.
extension ListCommandTests {
    static let projectColumns = [
        "external_id", "title", "description", "responsible_unit", "demands", "allocations", "budget", "starts_on", "due_on",
    ]

    @Test func projectCreateGivesTheImportsProblems() async throws {
        try await withGovreg { govreg, folder in
            try await district("langao", "610925", lists: false, govreg, folder)
            for invalid in DoorCase.projects where invalid.onCommandLine {
                let values = invalid.record(over: DoorCase.projectBase)
                let fromCreate = try await Self.createProblems(values, govreg)
                let fromImport = try await Self.importProblems(values, govreg, try write(
                    Self.projectColumns.joined(separator: ",") + "\n"
                        + Self.projectColumns.map { Self.cell(values[$0] ?? "") }.joined(separator: ",") + "\n",
                    "projects.csv", in: folder))
                #expect(Set(fromImport.map(\.field)) == Set(invalid.fields), "\(invalid): import \(fromImport)")
                #expect(fromCreate == fromImport, "\(invalid)")
            }
            let list = try await items(govreg(["project", "list", "--tenant", "langao", "--json"]))
            #expect(list.isEmpty)
        }
    }

    /// The problems `govreg project create` prints (`Error: field: reason`, a line each).
    static func createProblems(_ values: [String: String], _ govreg: Govreg) async throws -> [DoorProblem] {
        // `--option value`, or `--option=value` for a value the parser would take for an option (`-5`).
        func option(_ name: String, _ value: String) -> [String] { value.hasPrefix("-") ? ["\(name)=\(value)"] : [name, value] }
        var arguments = ["project", "create", "--tenant", "langao"]
        for (name, key) in [("--title", "title"), ("--unit", "responsible_unit")] { arguments += option(name, values[key] ?? "") }
        for (name, key) in [("--external-id", "external_id"), ("--description", "description"), ("--budget", "budget"),
                            ("--starts-on", "starts_on"), ("--due-on", "due_on")] {
            if let value = values[key] { arguments += option(name, value) }
        }
        for demand in (values["demands"] ?? "").split(separator: ";", omittingEmptySubsequences: false) {
            arguments += option("--demand", String(demand))
        }
        for allocation in (values["allocations"] ?? "").split(separator: ";") { arguments += option("--allocate", String(allocation)) }
        let created = try await govreg(arguments)
        #expect(created.status != 0)
        return created.stderr.split(separator: "\n").compactMap { line -> DoorProblem? in
            let text = line.hasPrefix("Error: ") ? line.dropFirst("Error: ".count) : line[...]
            guard let colon = text.range(of: ": ") else { return nil }
            return DoorProblem(field: String(text[..<colon.lowerBound]), reason: String(text[colon.upperBound...]))
        }.sorted()
    }

    /// The problems `govreg import projects --json` reports for the file.
    static func importProblems(_ values: [String: String], _ govreg: Govreg, _ path: String) async throws -> [DoorProblem] {
        let imported = try await govreg(["import", "projects", path, "--tenant", "langao", "--json"])
        #expect(imported.status != 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(imported.stdout.utf8)) as? [String: Any], "\(imported.stderr)")
        return (object["issues"] as? [[String: Any]] ?? []).map {
            DoorProblem(field: $0["column"] as? String ?? "", reason: $0["reason"] as? String ?? "")
        }.sorted()
    }

    static func cell(_ text: String) -> String {
        text.contains(",") || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
