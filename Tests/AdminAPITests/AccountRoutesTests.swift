import Foundation
import HTTPTypes
import Postgres
import Registry
import RegistryStore
import Testing

@Suite struct AccountRoutesTests {
    @Test func aDistrictAdminCreatesStaffAndIssuesARevocableToken() async throws {
        try await APIFixture.with { f, client in
            let created = try await client.send(.post, "/v1/tenants/langao/accounts", as: "admin", f,
                                                json: #"{"login": "li.na", "display_name": "李娜", "role": "community_staff", "org_code": "C2"}"#)
            #expect(created.status == .created)
            let id = try #require(created.json["id"] as? Int)
            #expect(created.json["org_code"] as? String == "C2")
            let issued = try await client.send(.post, "/v1/tenants/langao/accounts/\(id)/tokens", as: "admin", f, json: #"{"label": "手机", "days": 7}"#)
            #expect(issued.status == .created)
            let secret = try #require(issued.json["secret"] as? String)
            #expect(secret.hasPrefix("grt_") && secret.count == 47)
            // The secret is nowhere in the database, only its hash.
            let stored = try await f.database.operatorPool.query("SELECT count(*) AS n FROM api_token WHERE prefix = \(String(secret.prefix(12)))")
            #expect(try stored[0].decode(Int.self, "n") == 1)
            let leaked = try await f.database.operatorPool.query("SELECT count(*) AS n FROM api_token t, idempotency_key k WHERE position(\(secret) in t.prefix || coalesce(t.label, '') || convert_from(coalesce(k.response_body, ''), 'UTF8')) > 0")
            #expect(try leaked[0].decode(Int.self, "n") == 0)
            // The new staff member writes in C2's subtree only.
            let inC2 = DemandRoutesTests.streetLight.replacingOccurrences(of: "G11", with: "G21")
            #expect(try await client.send(.post, "/v1/tenants/langao/demands", as: secret, f, json: inC2).status == .created)
            #expect(try await client.send(.post, "/v1/tenants/langao/demands", as: secret, f, json: DemandRoutesTests.streetLight).status == .forbidden)
            let tokens = try await client.send(.get, "/v1/tenants/langao/accounts/\(id)/tokens", as: "admin", f)
            let token = try #require((tokens.json["items"] as? [[String: Any]])?.first)
            #expect(!tokens.text.contains(secret))
            let tokenID = try #require(token["id"] as? Int)
            #expect(try await client.send(.delete, "/v1/tenants/langao/tokens/\(tokenID)", as: "admin", f).status == .ok)
            #expect(try await client.send(.get, "/v1/tenants/langao/demands", as: secret, f).status == .unauthorized)
            #expect(try await client.send(.post, "/v1/tenants/langao/accounts/\(id)/disable", as: "admin", f).status == .ok)
            // Each change is in the account's history, with who made it.
            let events = try await client.send(.get, "/v1/tenants/langao/accounts/\(id)/events", as: "admin", f)
            let items = try #require(events.json["items"] as? [[String: Any]])
            #expect(items.map { $0["action"] as? String } == ["account_disabled", "token_revoked", "token_issued", "account_created"])
            #expect(items.allSatisfy { $0["actor"] as? String == "account:admin" && $0["login"] as? String == "li.na" })
            #expect(items[1]["token_id"] as? Int == tokenID)
            // The fixture's operator-made accounts name the operator; the history is append-only.
            let operatorMade = try await AccountStore(database: f.database).events(of: try AccountLogin("staff"))
            #expect(operatorMade.map(\.action) == [.tokenIssued, .accountCreated])
            #expect(operatorMade.allSatisfy { $0.actor == "cli:tests" })
            let forged: SQL = "INSERT INTO account_event (tenant_id, account_id, action) VALUES (\(f.langao), \(id), 'account_disabled')"
            for statement: SQL in [forged, "UPDATE account_event SET actor = 'x'", "DELETE FROM account_event"] {
                let refused = await #expect(throws: PostgresError.self) {
                    try await f.database.withTenant(f.langao, actor: "test") { tx in try await tx.connection.execute(statement) }
                }
                #expect(refused?.sqlState == "42501")
            }
            // Nor can a change skip its event: the disabled account and the revoked token stay so,
            // and nothing else of an account can be changed by the application at all.
            let bypasses: [(SQL, String)] = [
                ("UPDATE api_token SET revoked_at = NULL WHERE id = \(tokenID)", "23514"),
                ("UPDATE api_token SET revoked_at = now() + interval '1 day' WHERE id = \(tokenID)", "23514"),
                ("UPDATE account SET status = 'active', disabled_at = NULL WHERE id = \(id)", "23514"),
                ("UPDATE account SET role = 'district_admin' WHERE login = 'viewer'", "42501"),
                ("UPDATE account SET org_unit_id = NULL, role = 'viewer' WHERE login = 'staff'", "42501"),
            ]
            for (statement, state) in bypasses {
                let refused = await #expect(throws: PostgresError.self) {
                    try await f.database.withTenant(f.langao, actor: "test") { tx in try await tx.connection.execute(statement) }
                }
                #expect(refused?.sqlState == state, "\(refused?.message ?? "")")
            }
            let ownerTries = await #expect(throws: PostgresError.self) {
                try await f.database.operatorPool.execute("UPDATE api_token SET revoked_at = NULL WHERE id = \(tokenID)")
            }
            #expect(ownerTries?.sqlState == "23514")
            let after = try await client.send(.get, "/v1/tenants/langao/accounts/\(id)/events", as: "admin", f)
            #expect((after.json["items"] as? [[String: Any]])?.count == 4)
            #expect(try await client.send(.get, "/v1/tenants/langao/demands", as: secret, f).status == .unauthorized)
        }
    }

    @Test func aDistrictAdminCannotReachOperatorsOrOtherDistricts() async throws {
        try await APIFixture.with { f, client in
            let operatorAccount = try await client.send(.post, "/v1/tenants/langao/accounts", as: "admin", f,
                                                        json: #"{"login": "sneaky", "display_name": "x", "role": "operator"}"#)
            #expect(operatorAccount.status == .unprocessableContent)
            let theirs = try await client.send(.get, "/v1/tenants/pingli/accounts", as: "admin", f)
            #expect(theirs.status == .notFound)
            // pingli's admin's account id, asked for under langao: not found, not theirs to disable or issue for.
            let pingliAdmin = try await f.database.operatorPool.query("SELECT id FROM account WHERE login = 'pingliadmin'")
            let foreignID = try pingliAdmin[0].decode(Int64.self, "id")
            #expect(try await client.send(.post, "/v1/tenants/langao/accounts/\(foreignID)/disable", as: "admin", f).status == .notFound)
            #expect(try await client.send(.post, "/v1/tenants/langao/accounts/\(foreignID)/tokens", as: "admin", f).status == .notFound)
            #expect(try await client.send(.get, "/v1/tenants/langao/accounts/\(foreignID)/events", as: "admin", f).status == .notFound)
            let listed = try await client.send(.get, "/v1/tenants/langao/accounts", as: "admin", f)
            let logins = Set((listed.json["items"] as? [[String: Any]] ?? []).compactMap { $0["login"] as? String })
            #expect(logins == ["admin", "staff", "viewer"])
            // A login is the district's own: pingli's admin learns nothing of langao's or the
            // platform's logins, and a clash names only the caller's own district.
            for login in ["admin", "viewer", "operator"] {
                let made = try await client.send(.post, "/v1/tenants/pingli/accounts", as: "pingliAdmin", f,
                                                 json: #"{"login": "\#(login)", "display_name": "平利", "role": "viewer"}"#)
                #expect(made.status == .created, "\(login): \(made.text)")
            }
            let clash = try await client.send(.post, "/v1/tenants/pingli/accounts", as: "pingliAdmin", f,
                                              json: #"{"login": "viewer", "display_name": "又一个", "role": "viewer"}"#)
            #expect(clash.status == .conflict)
            #expect(clash.text.contains("this district has an account"))
            // Another district admin of the same district: visible, but no token can be minted for them.
            let second = try await client.send(.post, "/v1/tenants/langao/accounts", as: "admin", f,
                                               json: #"{"login": "zhao.lei", "display_name": "赵磊", "role": "district_admin"}"#)
            let secondID = try #require(second.json["id"] as? Int)
            #expect(try await client.send(.post, "/v1/tenants/langao/accounts/\(secondID)/tokens", as: "admin", f).status == .forbidden)
            #expect(try await client.send(.post, "/v1/tenants/langao/accounts/\(secondID)/tokens", as: "operator", f).status == .created)
            // Issuing is not idempotent, so a key is refused rather than storing the secret.
            let keyed = try await client.send(.post, "/v1/tenants/langao/accounts/\(secondID)/tokens", as: "operator", f, json: "{}",
                                              headers: ["Idempotency-Key": "mint-1"])
            #expect(keyed.fieldErrors == ["header:Idempotency-Key"])
            #expect(try await f.total("idempotency_key") == 0)
            // pingli's login is no clash in langao (a 409 here told langao that pingli has it).
            let elsewhere = try await client.send(.post, "/v1/tenants/langao/accounts", as: "admin", f,
                                                  json: #"{"login": "pingliadmin", "display_name": "x", "role": "viewer"}"#)
            #expect(elsewhere.status == .created)
        }
    }
}
