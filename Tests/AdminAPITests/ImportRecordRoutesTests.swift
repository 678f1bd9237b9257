import Foundation
import HTTPTypes
import Testing

/// The import's record and a demand's audit trail over HTTP: `GET …/imports` and
/// `GET …/demands/{key}/audit`, for district admins only.
@Suite struct ImportRecordRoutesTests {
    static let file = """
        external_id,title,category,org_code,source_channel,quantity,measure_unit
        REC-1,路灯不亮,housing_repair,G11,grid_report,1,job
        REC-2,井盖松动,housing_repair,G11,grid_report,2,job

        """

    @Test func anImportedDemandNamesItsFileAndLineAndTheRecordListsTheFile() async throws {
        try await APIFixture.with { f, client in
            let loaded = try await client.send(
                .post, "/v1/tenants/langao/imports/demands?file_name=%E9%9C%80%E6%B1%82.csv", as: "admin", f, json: Self.file,
                headers: ["Content-Type": "text/csv"])
            #expect(loaded.status == .ok)
            let importID = try #require(loaded.json["import_id"] as? Int)

            let records = try await client.send(.get, "/v1/tenants/langao/imports", as: "admin", f)
            let first = try #require((records.json["items"] as? [[String: Any]])?.first)
            #expect(first["id"] as? Int == importID && first["file_name"] as? String == "需求.csv")
            #expect((first["file_sha256"] as? String)?.count == 64 && first["inserted"] as? Int == 2 && first["rows"] as? Int == 2)

            let trail = try await client.send(.get, "/v1/tenants/langao/demands/REC-2/audit", as: "admin", f)
            let entries = try #require(trail.json["items"] as? [[String: Any]])
            #expect(entries.count == 1)
            #expect(entries.first?["action"] as? String == "imported" && entries.first?["line"] as? Int == 3)
            #expect((entries.first?["file"] as? [String: Any])?["file_name"] as? String == "需求.csv")

            // Staff read the lists, not the audit.
            #expect(try await client.send(.get, "/v1/tenants/langao/imports", as: "staff", f).status == .forbidden)
            #expect(try await client.send(.get, "/v1/tenants/langao/demands/REC-2/audit", as: "staff", f).status == .forbidden)
            // A file name with a control character is the parameter's fault.
            let bad = try await client.send(
                .post, "/v1/tenants/langao/imports/demands?file_name=a%0Ab.csv", as: "admin", f, json: Self.file, headers: ["Content-Type": "text/csv"])
            #expect(bad.status == .unprocessableContent)
        }
    }
}
