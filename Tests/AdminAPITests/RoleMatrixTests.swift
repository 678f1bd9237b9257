import Foundation
@testable import AdminAPI
import HTTPTypes
import Postgres
import Registry
import RegistryStore
import Testing

/// Every route × every role: the role check answers exactly as ``AccountRole/permits(_:)``
/// says, on every route class. Bodies are `{}`, so an admitted write stops at validation
/// (or at "not found" for id 999) and the matrix changes no data.
@Suite struct RoleMatrixTests {
    @Test func everyRoleOnEveryRoute() async throws {
        try await APIFixture.with { f, client in
            let roles: [(String, AccountRole)] = [("operator", .operator), ("admin", .districtAdmin), ("staff", .communityStaff), ("viewer", .viewer)]
            var checked = 0
            for route in APIRouteTable.v1(modules: f.database.modules).routes where route.access != .anyone {
                let uri = route.path.replacingOccurrences(of: "{tenant}", with: "langao")
                    .replacingOccurrences(of: "{id}", with: "999").replacingOccurrences(of: "{key}", with: "none")
                    .replacingOccurrences(of: "{code}", with: "C1")
                // Archiving would make the rest of the matrix read-only; it is checked by itself below.
                if uri.hasSuffix("/archive") { continue }
                for (name, role) in roles {
                    let reply = try await client.send(route.method, uri, as: name, f, json: route.bodyKind == .none ? nil : "{}")
                    let refusedByRole = reply.status == .forbidden && reply.problem == "forbidden"
                    #expect(refusedByRole == !role.permits(route.access), "\(name) \(route.method) \(route.path): \(reply.status) \(reply.text)")
                    #expect(reply.status != .unauthorized)
                    checked += 1
                }
            }
            #expect(checked >= 4 * 20)
            for name in ["admin", "staff", "viewer"] {
                let refused = try await client.send(.post, "/v1/tenants/langao/archive", as: name, f)
                #expect(refused.status == .forbidden)
            }
            #expect(try await client.send(.post, "/v1/tenants/langao/archive", as: "operator", f).status == .ok)
            let readOnly = try await client.send(.post, "/v1/tenants/langao/demands", as: "admin", f, json: DemandRoutesTests.streetLight)
            #expect(readOnly.status == .conflict)
            #expect(readOnly.problem == "tenant-archived")
        }
    }

    @Test func tokensThatAreBadRevokedExpiredOrOfADisabledAccountAreRefused() async throws {
        try await APIFixture.with { f, client in
            #expect(try await client.send(.get, "/v1/tenants/langao/demands", as: "grt_not-a-real-token", f).status == .unauthorized)
            let basic = try await client.send(.get, "/v1/tenants/langao/demands", as: nil, f, headers: ["Authorization": "Basic YWRtaW46eA=="])
            #expect(basic.status == .unauthorized)
            #expect(basic.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            // A district admin disables the viewer: the viewer's token stops at once.
            let accounts = try await client.send(.get, "/v1/tenants/langao/accounts", as: "admin", f)
            let viewer = try #require((accounts.json["items"] as? [[String: Any]])?.first { $0["login"] as? String == "viewer" })
            let viewerID = try #require(viewer["id"] as? Int)
            #expect(try await client.send(.post, "/v1/tenants/langao/accounts/\(viewerID)/disable", as: "admin", f).status == .ok)
            #expect(try await client.send(.get, "/v1/tenants/langao/demands", as: "viewer", f).status == .unauthorized)
            // Expired: moved into the past behind the API's back.
            try await f.database.operatorPool.execute("UPDATE api_token SET created_at = now() - interval '2 days', expires_at = now() - interval '1 second' WHERE account_id = (SELECT id FROM account WHERE login = 'staff')")
            #expect(try await client.send(.get, "/v1/tenants/langao/demands", as: "staff", f).status == .unauthorized)
        }
    }
}
