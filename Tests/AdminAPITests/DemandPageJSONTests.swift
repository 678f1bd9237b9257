import Foundation
@testable import AdminAPI
import HTTPTypes
import Registry
import RegistryStore
import Testing

@Suite struct DemandPageJSONTests {
    /// The hand-written page is the document the generic encoder writes, escapes included.
    @Test func theHandWrittenPageIsTheEncodersDocument() async throws {
        try await APIFixture.with { f, client in
            let odd = DemandRoutesTests.streetLight.replacingOccurrences(of: "楼道灯不亮", with: #"灯 \"坏\" \\ \n\t\u0001 <b>"#)
            _ = try await client.send(.post, "/v1/tenants/langao/demands", as: "admin", f, json: odd)
            let dated = #"{"due_on": "2026-12-31", "external_id": "D-1", "# + DemandRoutesTests.streetLight.dropFirst()
            _ = try await client.send(.post, "/v1/tenants/langao/demands", as: "admin", f, json: dated)
            _ = try await client.send(.post, "/v1/tenants/langao/demands", as: "admin", f, json: DemandRoutesTests.streetLight)
            let page = try await f.database.withTenant(f.langao, actor: "test", readOnly: true) { tx in try await DemandStore.list(limit: 2, in: tx) }
            #expect(page.nextCursor != nil)
            let generic = try JSONSerialization.jsonObject(with: try APIAnswer.json(page).body) as? NSDictionary
            let handWritten = try JSONSerialization.jsonObject(with: page.apiJSON) as? NSDictionary
            #expect(generic != nil)
            #expect(generic == handWritten)
            let all = try await f.database.withTenant(f.langao, actor: "test", readOnly: true) { tx in try await DemandStore.list(in: tx) }
            let allGeneric = try JSONSerialization.jsonObject(with: try APIAnswer.json(all).body) as? NSDictionary
            #expect(allGeneric == (try JSONSerialization.jsonObject(with: all.apiJSON) as? NSDictionary))
            #expect((allGeneric?["items"] as? [[String: Any]])?.contains { ($0["title"] as? String)?.contains("\u{1}") == true } == true)
        }
    }
}
