import Foundation
import HTTPTypes
import Testing

/// The quarterly report over HTTP: counted, closed, corrected, published, and due.
@Suite struct ReportRoutesTests {
    @Test func countCloseCorrectAndPublishAQuarter() async throws {
        try await APIFixture.with { f, client in
            let need = #"{"title": "路灯不亮", "category": "housing_repair", "org_code": "G11", "quantity": {"amount": "1", "unit": "job"}, "filed_on": "2026-07-05"}"#
            #expect(try await client.send(.post, "/v1/tenants/langao/demands", as: "staff", f, json: need).status == .created)

            let live = try await client.send(.get, "/v1/tenants/langao/reports/quarterly/2026Q3", as: "viewer", f)
            #expect(live.status == .ok)
            let district = ((live.json["current"] as? [String: Any])?["district"] as? [String: Any])?["demands"] as? [String: Any]
            #expect(district?["received"] as? Int == 1)
            let html = try await client.send(.get, "/v1/tenants/langao/reports/quarterly/2026Q3?format=html", as: "viewer", f)
            #expect(html.headers[.contentType] == "text/html; charset=utf-8")
            #expect(html.text.contains("需求清单 Demands"))

            // bad input is a 422 naming where
            let badQuarter = try await client.send(.get, "/v1/tenants/langao/reports/quarterly/2026Q5", as: "viewer", f)
            #expect(badQuarter.status == .unprocessableContent && badQuarter.fieldErrors == ["path:quarter"])
            let badFormat = try await client.send(.get, "/v1/tenants/langao/reports/quarterly/2026Q3?format=pdf", as: "viewer", f)
            #expect(badFormat.status == .unprocessableContent && badFormat.fieldErrors == ["query:format"])

            // only a district admin closes; the viewer and the other district cannot
            #expect(try await client.send(.post, "/v1/tenants/langao/reports/quarterly/2026Q3/close", as: "viewer", f).status == .forbidden)
            #expect(try await client.send(.post, "/v1/tenants/langao/reports/quarterly/2026Q3/close", as: "pingliAdmin", f).status == .notFound)
            let closed = try await client.send(.post, "/v1/tenants/langao/reports/quarterly/2026Q3/close", as: "admin", f)
            #expect(closed.status == .created)
            #expect(closed.json["version"] as? Int == 1)
            let again = try await client.send(.post, "/v1/tenants/langao/reports/quarterly/2026Q3/close", as: "admin", f)
            #expect(again.status == .conflict)
            let unfinished = try await client.send(.post, "/v1/tenants/langao/reports/quarterly/2099Q1/close", as: "admin", f)
            #expect(unfinished.status == .conflict)
            let corrected = try await client.send(.post, "/v1/tenants/langao/reports/quarterly/2026Q3/close", as: "admin", f,
                                                  json: #"{"correction": "补录一条需求"}"#)
            #expect(corrected.json["version"] as? Int == 2 && corrected.json["replaces_version"] as? Int == 1)

            let stored = try await client.send(.get, "/v1/tenants/langao/reports/quarterly/2026Q3?version=1&format=md", as: "viewer", f)
            #expect(stored.text.contains("第 1 版"))
            let published = try await client.send(.post, "/v1/tenants/langao/reports/quarterly/2026Q3/publish", as: "admin", f)
            #expect(published.status == .ok && published.json["version"] as? Int == 2 && published.json["published_at"] != nil)
            let list = try await client.send(.get, "/v1/tenants/langao/reports/quarterly", as: "viewer", f)
            #expect((list.json["items"] as? [[String: Any]])?.count == 2)

            let due = try await client.send(.get, "/v1/reports/due?today=2026-10-21", as: "operator", f)
            let items = due.json["items"] as? [[String: Any]] ?? []
            #expect(items.map { $0["tenant"] as? String } == ["pingli"])
            #expect(items.first?["overdue"] as? Bool == true)
            #expect(try await client.send(.get, "/v1/reports/due", as: "admin", f).status == .forbidden)
        }
    }
}
