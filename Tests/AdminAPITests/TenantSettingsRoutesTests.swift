import Foundation
import HTTPTypes
import Testing

/// `PATCH /v1/tenants/{tenant}/settings`: a district's admin changes its own settings; staff
/// may not, and a bad body changes nothing.
@Suite struct TenantSettingsRoutesTests {
    @Test func theDistrictAdminDecidesWhetherAcceptedProjectsFollowDisclosure() async throws {
        try await APIFixture.with { f, client in
            let path = "/v1/tenants/langao/settings"
            let shown = try await client.send(.get, "/v1/tenants/langao", as: "viewer", f)
            #expect((shown.json["settings"] as? [String: Any])?["projects_follow_disclosure"] as? Bool == true)
            #expect(try await client.send(.patch, path, as: "staff", f, json: #"{"projects_follow_disclosure": false}"#).status == .forbidden)
            let wrong = try await client.send(.patch, path, as: "admin", f, json: #"{"projects_follow_disclosure": "no"}"#)
            #expect(wrong.status == .unprocessableContent && wrong.fieldErrors == ["/projects_follow_disclosure"])
            let changed = try await client.send(.patch, path, as: "admin", f, json: #"{"projects_follow_disclosure": false}"#)
            #expect(changed.status == .ok)
            #expect((changed.json["settings"] as? [String: Any])?["projects_follow_disclosure"] as? Bool == false)
            let again = try await client.send(.get, "/v1/tenants/langao", as: "viewer", f)
            #expect((again.json["settings"] as? [String: Any])?["projects_follow_disclosure"] as? Bool == false)
            // The district's time zone: a name the time zone database knows, else a 422 at the field.
            #expect((again.json["settings"] as? [String: Any])?["time_zone"] as? String == "Asia/Shanghai")
            let unknown = try await client.send(.patch, path, as: "admin", f, json: #"{"time_zone": "Nowhere/City"}"#)
            #expect(unknown.status == .unprocessableContent && unknown.fieldErrors == ["/time_zone"])
            let urumqi = try await client.send(.patch, path, as: "admin", f, json: #"{"time_zone": "Asia/Urumqi"}"#)
            #expect((urumqi.json["settings"] as? [String: Any])?["time_zone"] as? String == "Asia/Urumqi")
            #expect((urumqi.json["settings"] as? [String: Any])?["projects_follow_disclosure"] as? Bool == false)
        }
    }
}
