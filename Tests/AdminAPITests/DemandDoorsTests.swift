import BenchTalk
import Foundation
import GovregTestSupport
import HTTPTypes
import HummingbirdTesting
import ImportIssues
import Registry
import RegistryImport
import RegistryStore
import Testing

/// The same invalid demands through every door a demand comes in by: an import file (what
/// `govreg import demands` and `POST …/imports/demands` hand the store), the API's intake, and
/// a module's intake (`DemandStore.file` inside the module's transaction). Each door must give
/// the same problems, named by the same fields, and write nothing.
@Suite struct DemandDoorsTests {
    /// One invalid demand: the values that differ from a valid one, and the fields at fault.
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var values: [String: String]
        var fields: [String]
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "blank title", values: ["title": "  "], fields: ["title"]),
        Case(name: "title over 200", values: ["title": String(repeating: "灯", count: 201)], fields: ["title"]),
        Case(name: "NUL in the title", values: ["title": "a\u{0}b"], fields: ["title"]),
        Case(name: "description over 5000", values: ["description": String(repeating: "x", count: 5001)], fields: ["description"]),
        Case(name: "external id over 100", values: ["external_id": String(repeating: "E", count: 101)], fields: ["external_id"]),
        Case(name: "blank category", values: ["category": " "], fields: ["category"]),
        Case(name: "negative beneficiaries", values: ["beneficiaries": "-1"], fields: ["beneficiaries"]),
        Case(name: "raised after today", values: ["filed_on": "2999-01-01"], fields: ["filed_on"]),
        Case(name: "due before raised", values: ["filed_on": "2024-03-05", "due_on": "2024-03-01"], fields: ["due_on"]),
        Case(name: "several at once", values: ["title": "", "org_code": "", "filed_on": "2024-03-05", "due_on": "2024-01-01"],
             fields: ["title", "org_code", "due_on"]),
    ]

    static let columns = ["external_id", "title", "description", "category", "org_code", "quantity", "measure_unit",
                          "beneficiaries", "due_on", "filed_on"]

    static func values(_ invalid: Case) -> [String: String] {
        ["external_id": "X1", "title": "路灯不亮", "category": "elderly_care", "org_code": "C1", "quantity": "1",
         "measure_unit": "job"].merging(invalid.values) { _, new in new }
    }

    @Test(arguments: cases)
    func everyDoorGivesTheSameProblems(_ invalid: Case) async throws {
        try await APIFixture.with { f, client in
            let values = Self.values(invalid)
            let fromFile = try await Self.fileProblems(values, f)
            let fromAPI = try await Self.apiProblems(values, f, client)
            let fromModule = try await Self.moduleProblems(values, f)
            #expect(Set(fromFile.map(\.field)) == Set(invalid.fields), "file: \(fromFile)")
            #expect(fromAPI == fromFile, "API")
            #expect(fromModule == fromFile, "module intake")
            #expect(try await f.total("demand") == 0)
        }
    }

    struct Problem: Hashable, Comparable, CustomStringConvertible {
        var field: String
        var reason: String
        static func < (a: Problem, b: Problem) -> Bool { (a.field, a.reason) < (b.field, b.reason) }
        var description: String { "\(field): \(reason)" }
    }

    static func fileProblems(_ values: [String: String], _ f: APIFixture) async throws -> [Problem] {
        let csv = columns.joined(separator: ",") + "\n" + columns.map { values[$0] ?? "" }.joined(separator: ",") + "\n"
        var file = DemandFile(data: Data(csv.utf8), channels: f.database.modules.sourceChannels)
        let rejected = try await #require(throws: ImportRejected.self) {
            _ = try await DemandStore.importRows(&file, on: f.database, tenant: f.langao, actor: "test:doors")
        }
        return rejected.issues.issues.map { Problem(field: $0.column ?? "", reason: $0.reason) }.sorted()
    }

    static func apiProblems(_ values: [String: String], _ f: APIFixture, _ client: any TestClientProtocol) async throws -> [Problem] {
        var body: [String: Any] = ["quantity": ["amount": "1", "unit": "job"]]
        for key in ["external_id", "title", "description", "category", "org_code", "due_on", "filed_on"] {
            if let value = values[key] { body[key] = value }
        }
        if let beneficiaries = values["beneficiaries"] { body["beneficiaries"] = Int(beneficiaries) }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
        let reply = try await client.send(.post, "/v1/tenants/langao/demands", as: "admin", f, json: json)
        #expect(reply.status == .unprocessableContent, "\(reply.text)")
        let errors = reply.json["errors"] as? [[String: Any]] ?? []
        return errors.map { Problem(field: String(($0["field"] as? String ?? "").dropFirst()), reason: $0["detail"] as? String ?? "") }.sorted()
    }

    static func moduleProblems(_ values: [String: String], _ f: APIFixture) async throws -> [Problem] {
        let draft = DemandDraft(
            title: values["title"] ?? "", details: values["description"], category: values["category"] ?? "",
            orgCode: values["org_code"] ?? "", sourceChannel: .benchTalk, beneficiaries: values["beneficiaries"].flatMap { Int($0) },
            quantity: try Quantity(1, .job), dueOn: try values["due_on"].map(CivilDate.init), externalID: values["external_id"],
            filedOn: try values["filed_on"].map(CivilDate.init))
        let error = try await #require(throws: InvalidFields.self) {
            try await f.database.withTenant(f.langao, actor: "module:bench_talk") { tx in
                _ = try await DemandStore.file(draft, submit: true, in: tx)
            }
        }
        return error.problems.map { Problem(field: $0.field, reason: $0.reason) }.sorted()
    }
}
