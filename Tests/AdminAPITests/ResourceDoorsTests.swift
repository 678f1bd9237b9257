import Foundation
import GovregTestSupport
import HummingbirdTesting
import Registry
import RegistryImport
import RegistryStore
import Testing

/// The same invalid resources through every door a resource comes in by: the resource file
/// (what `govreg import resources` and `POST …/imports/resources` hand the store) and the
/// API's create route (the CLI has no single-resource command). Each door gives the same
/// problems, named by the same fields, and writes nothing. One case at a time: each opens an
/// API fixture with its own connections.
@Suite(.serialized) struct ResourceDoorsTests {
    static let columns = ResourceDraft.Field.all.filter { $0.doors.contains(.file) }.map(\.name)

    @Test(arguments: DoorCase.resources)
    func everyDoorGivesTheSameProblems(_ invalid: DoorCase) async throws {
        try await APIFixture.with { f, client in
            // The unit the base record names exists, so each door's problems are the record's own.
            _ = try await UnitStore.importRows([UnitImportRow(externalID: "U1", name: "县司法局", kind: .department, communityCodes: ["C1"])],
                                               on: f.database, tenant: f.langao, actor: "test:doors")
            let values = invalid.record(over: DoorCase.resourceBase)
            let fromFile = try await DoorFiles.problems(columns: Self.columns, values: values) { data in
                let (rows, issues) = ResourceFile.read(data)
                _ = try await ResourceStore.importRows(rows, issues: issues, on: f.database, tenant: f.langao, actor: "test:doors")
            }
            var body: [String: Any] = ["capacity": values["capacity"] ?? ""]
            for key in ["external_id", "unit", "title", "description", "category", "kind", "measure_unit", "unit_cost",
                        "available_from", "available_until"] {
                if let value = values[key] { body[key] = value }
            }
            body["service_area"] = DoorFiles.list(values["service_area"])
            let fromAPI = try await DoorFiles.apiProblems(body, "/v1/tenants/langao/resources", f, client)
            #expect(Set(fromFile.map(\.field)) == Set(invalid.fields), "file: \(fromFile)")
            #expect(fromAPI == fromFile, "API")
            #expect(try await f.total("resource") == 0)
        }
    }
}
