import Foundation
import GovregTestSupport
import HTTPTypes
import HummingbirdTesting
import ImportIssues
import Registry
import RegistryImport
import RegistryStore
import Testing

/// The same invalid projects through every door a project comes in by: the project file
/// (what `govreg import projects` and `POST …/imports/projects` hand the store) and the
/// API's create route; `govreg project create` meets the same table in the CLI's
/// `ProjectDoorTests`. Each door gives the same problems, named by the same fields, and
/// writes nothing. One case at a time: each opens an API fixture with its own connections.
@Suite(.serialized) struct ProjectDoorsTests {
    static let columns = ProjectDraft.Field.all.filter { $0.doors.contains(.file) }.map(\.name)

    @Test(arguments: DoorCase.projects)
    func everyDoorGivesTheSameProblems(_ invalid: DoorCase) async throws {
        try await APIFixture.with { f, client in
            let values = invalid.record(over: DoorCase.projectBase)
            let fromFile = try await Self.fileProblems(values, f)
            let fromAPI = try await Self.apiProblems(values, f, client)
            #expect(Set(fromFile.map(\.field)) == Set(invalid.fields), "file: \(fromFile)")
            #expect(fromAPI == fromFile, "API")
            #expect(try await f.total("project") == 0)
        }
    }

    static func fileProblems(_ values: [String: String], _ f: APIFixture) async throws -> [DoorProblem] {
        try await DoorFiles.problems(columns: columns, values: values) { data in
            let (rows, issues) = ProjectFile.read(data)
            _ = try await ProjectStore.importRows(rows, issues: issues, on: f.database, tenant: f.langao, actor: "test:doors")
        }
    }

    static func apiProblems(_ values: [String: String], _ f: APIFixture, _ client: any TestClientProtocol) async throws -> [DoorProblem] {
        var body: [String: Any] = [:]
        for key in ["external_id", "title", "description", "responsible_unit", "budget", "starts_on", "due_on"] {
            if let value = values[key] { body[key] = value }
        }
        body["demands"] = DoorFiles.list(values["demands"])
        body["allocations"] = DoorFiles.list(values["allocations"]).compactMap(ProjectAllocationRequest.init(parsing:)).map {
            ["resource": $0.resource, "quantity": $0.quantity]
        }
        return try await DoorFiles.apiProblems(body, "/v1/tenants/langao/projects", f, client)
    }
}

/// What the door tests of the files and the API share.
enum DoorFiles {
    /// A one-row CSV of `columns` with `values`, loaded by `load`: the problems it is refused with.
    static func problems(columns: [String], values: [String: String], _ load: (Data) async throws -> Void) async throws -> [DoorProblem] {
        let cell = { (text: String) in text.contains(",") || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text }
        let csv = columns.joined(separator: ",") + "\n" + columns.map { cell(values[$0] ?? "") }.joined(separator: ",") + "\n"
        let rejected = try await #require(throws: ImportRejected.self) { try await load(Data(csv.utf8)) }
        return rejected.issues.issues.map { DoorProblem(field: $0.column ?? "", reason: $0.reason) }.sorted()
    }

    /// A file cell's list (`a;b`) as the API's array.
    static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ";", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
    }

    /// The problems of a refused POST, each named by its field (the pointer's first segment).
    static func apiProblems(_ body: [String: Any], _ path: String, _ f: APIFixture, _ client: any TestClientProtocol) async throws -> [DoorProblem] {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
        let reply = try await client.send(.post, path, as: "admin", f, json: json)
        #expect(reply.status == .unprocessableContent, "\(reply.text)")
        let errors = reply.json["errors"] as? [[String: Any]] ?? []
        return errors.map { error in
            let pointer = (error["field"] as? String ?? "").split(separator: "/").first.map(String.init) ?? ""
            return DoorProblem(field: pointer, reason: error["detail"] as? String ?? "")
        }.sorted()
    }
}
