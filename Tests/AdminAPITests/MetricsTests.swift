import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import AdminAPI
import Prometheus
import RegistryStore
import Testing

/// `GET /metrics` through the real router over a real database: the figures move by what the
/// requests did, and the text is the exposition format.
@Suite struct MetricsTests {
    typealias Name = RegistryFigures.Name

    @Test func theFiguresMoveByWhatTheRequestsDid() async throws {
        let export = MetricsExport()
        try await APIFixture.with(configuration: APIConfiguration(metrics: export), figures: RegistryFigures(factory: export.factory)) { f, client in
            let before = try await Self.scrape(client, f)
            let list = try await client.send(.get, "/v1/tenants/langao/demands", as: "admin", f)
            #expect(list.status == .ok)
            let key = ["Idempotency-Key": "metrics-intake-1"]
            let filed = try await client.send(.post, "/v1/tenants/langao/demands", as: "admin", f, json: DemandRoutesTests.streetLight, headers: key)
            let replayed = try await client.send(.post, "/v1/tenants/langao/demands", as: "admin", f, json: DemandRoutesTests.streetLight, headers: key)
            #expect(filed.status == .created && replayed.status == .created)
            let imported = try await client.send(
                .post, "/v1/tenants/langao/imports/demands", as: "admin", f, json: ImportRecordRoutesTests.file, headers: ["Content-Type": "text/csv"])
            #expect(imported.status == .ok)
            let unknown = try await client.send(.get, "/v1/tenants/langao/demands/999999", as: "admin", f)
            #expect(unknown.status == .notFound)
            let after = try await Self.scrape(client, f)

            #expect(after.malformed.isEmpty, "lines outside the exposition format: \(after.malformed)")
            let listRead = ["route": "/v1/tenants/{tenant}/demands", "method": "GET", "status": "200"]
            #expect(after.value(Name.httpRequests, listRead) - before.value(Name.httpRequests, listRead) == 1)
            #expect(after.value(Name.httpDuration + "_count", listRead) - before.value(Name.httpDuration + "_count", listRead) == 1)
            #expect(after.value(Name.httpDuration + "_bucket", listRead.merging(["le": "+Inf"]) { $1 }) >= 1)
            let intake = ["route": "/v1/tenants/{tenant}/demands", "method": "POST", "status": "201"]
            #expect(after.value(Name.httpRequests, intake) - before.value(Name.httpRequests, intake) == 2)
            let missing = ["route": "/v1/tenants/{tenant}/demands/{key}", "method": "GET", "status": "404"]
            #expect(after.value(Name.httpRequests, missing) - before.value(Name.httpRequests, missing) == 1)
            #expect(after.value(Name.intakeReplays) - before.value(Name.intakeReplays) == 1)
            let demands = ["list": "demands", "dry_run": "false"]
            #expect(after.value(Name.importRows, demands) - before.value(Name.importRows, demands) == 2)
            #expect(after.value(Name.importDuration + "_count", demands) - before.value(Name.importDuration + "_count", demands) == 1)
            // The pools, read at the scrape: nothing waits, and this request's own reads are done.
            #expect(after.has(Name.poolInUse) && after.has(Name.poolWaiting) && after.has(Name.poolOpen))
            #expect(after.value(Name.poolWaiting, ["pool": "tenant"]) == 0)
            #expect(after.value(Name.poolOpen, ["pool": "tenant"]) >= 1)
            // Labels are route templates, never a district's slug or a record's id.
            let values = after.samples.flatMap { $0.labels.values }
            #expect(!values.contains { $0.contains("langao") || $0.contains("999999") })
        }
    }

    @Test func matchingIsTimedWhenSolvedAndWhenAccepted() async throws {
        let export = MetricsExport()
        try await APIFixture.with(configuration: APIConfiguration(metrics: export), figures: RegistryFigures(factory: export.factory)) { f, client in
            // The lists of the list-flow test: two units with resources, one accepted demand.
            _ = try await client.send(.post, "/v1/tenants/langao/imports/units", as: "admin", f, json: ListFlowTests.units)
            _ = try await client.send(.post, "/v1/tenants/langao/imports/resources", as: "admin", f, json: ListFlowTests.resources)
            let need = #"{"title": "屋顶漏水", "category": "housing_repair", "org_code": "G11", "quantity": {"amount": "1200.00", "unit": "yuan"}}"#
            let demand = try await client.send(.post, "/v1/tenants/langao/demands", as: "staff", f, json: need)
            let demandID = try #require((demand.json["demand"] as? [String: Any])?["id"] as? Int)
            _ = try await client.send(.post, "/v1/tenants/langao/demands/\(demandID)/transitions", as: "admin", f, json: #"{"to": "accepted"}"#)
            let before = try await Self.scrape(client, f)
            let run = try await client.send(.post, "/v1/tenants/langao/matching/runs", as: "admin", f, json: "{}")
            #expect(run.status == .created)
            let runID = try #require(run.json["id"] as? Int)
            let solved = try await Self.scrape(client, f)
            #expect(solved.value(Name.matchingSolve + "_count") - before.value(Name.matchingSolve + "_count") == 1)
            let accepted = try await client.send(.post, "/v1/tenants/langao/matching/runs/\(runID)/accept", as: "admin", f, json: "{}")
            #expect(accepted.status == .ok)
            let after = try await Self.scrape(client, f)
            let wrote = ["dry_run": "false"]
            #expect(after.value(Name.matchingAccept + "_count", wrote) - solved.value(Name.matchingAccept + "_count", wrote) == 1)
            #expect(after.value(Name.matchingAccept + "_sum", wrote) > 0)
            let units = ["list": "units", "dry_run": "false"]
            #expect(after.value(Name.importRows, units) == 2)
        }
    }

    @Test func thePublicOnlyListenerHasNoMetrics() async throws {
        let export = MetricsExport()
        try await APIFixture.with(configuration: APIConfiguration(publicOnly: true, metrics: export)) { f, client in
            let reply = try await client.send(.get, "/metrics", as: nil, f)
            #expect(reply.status == .notFound)
        }
    }

    static func scrape(_ client: any TestClientProtocol, _ f: APIFixture) async throws -> PrometheusText {
        let reply = try await client.send(.get, "/metrics", as: nil, f)
        #expect(reply.status == .ok)
        #expect(reply.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
        return PrometheusText(reply.text)
    }
}
