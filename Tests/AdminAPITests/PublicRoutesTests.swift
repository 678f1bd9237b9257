import AdminAPI
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import RegistryStore
import Testing

/// The public site as `govreg serve` mounts it: no sign-in, answered from memory while
/// fresh, with `ETag` and `Cache-Control`, and alone on a public-only listener.
@Suite struct PublicRoutesTests {
    static let need = #"{"title": "路灯不亮", "category": "housing_repair", "org_code": "G11", "quantity": {"amount": "1", "unit": "job"}, "is_public": true}"#

    @Test func aRepeatedRequestIsAnsweredFromTheCache() async throws {
        try await APIFixture.with(configuration: APIConfiguration(publicCacheSeconds: 300)) { f, client in
            #expect(try await client.send(.post, "/v1/tenants/langao/demands", as: "staff", f, json: Self.need).status == .created)
            let first = try await client.send(.get, "/public/langao/demands/index.json", as: nil, f)
            #expect(first.status == .ok)
            #expect((first.json["items"] as? [[String: Any]])?.count == 1)
            #expect(first.headers[.cacheControl] == "public, max-age=300")
            #expect(first.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            let etag = try #require(first.headers[.eTag])

            // the lists change underneath; the cached page does not, until it expires
            try await f.database.operatorPool.execute("UPDATE demand SET is_public = false")
            let second = try await client.send(.get, "/public/langao/demands/index.json", as: nil, f)
            #expect(second.text == first.text)
            #expect(second.headers[.eTag] == etag)
            let fresh = try await client.send(.get, "/public/langao/demands/index.json?after=999999999", as: nil, f)
            #expect((fresh.json["items"] as? [[String: Any]])?.isEmpty == true)

            let revalidated = try await client.send(.get, "/public/langao/demands/index.json", as: nil, f, headers: ["If-None-Match": etag])
            #expect(revalidated.status == .notModified && revalidated.text.isEmpty)
            let home = try await client.send(.get, "/public/langao/", as: nil, f)
            #expect(home.headers[.contentType] == "text/html; charset=utf-8")
            #expect(try await client.send(.get, "/public/langao", as: nil, f).status == .movedPermanently)
            #expect(try await client.send(.get, "/public/nobody/", as: nil, f).status == .notFound)
            #expect(try await client.send(.get, "/public/langao/demands/index.html?under=nowhere", as: nil, f).status == .badRequest)
        }
    }

    @Test func aPublicOnlyListenerServesTheSiteAndHealthAlone() async throws {
        try await APIFixture.with(configuration: APIConfiguration(publicOnly: true)) { f, client in
            let site = try await client.send(.get, "/public/langao/", as: nil, f)
            let health = try await client.send(.get, "/health", as: nil, f)
            let list = try await client.send(.get, "/v1/tenants/langao/demands", as: "admin", f)
            let document = try await client.send(.get, "/v1/openapi.json", as: nil, f)
            let intake = try await client.send(.post, "/v1/tenants/langao/demands", as: "staff", f, json: Self.need)
            #expect(site.status == .ok && health.status == .ok)
            #expect(list.status == .notFound && document.status == .notFound && intake.status == .notFound)
        }
    }
}
