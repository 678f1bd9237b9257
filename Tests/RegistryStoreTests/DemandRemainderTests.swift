import Foundation
import GovregTestSupport
import ListMatching
import Postgres
import Registry
import RegistryStore
import Testing

/// A partly served demand keeps its unmet remainder on the list: the next run sees it, the
/// list shows it, and the demand is resolved only when every part is served and done.
@Suite struct DemandRemainderTests {
    @Test func theUnmetRemainderStaysMatchableUntilEveryPartIsServedAndDone() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            defer { Task { await f.close() } }
            // 150 volunteer hours wanted; the one resource pledges 100.
            try await f.execute("UPDATE demand SET quantity = 150 WHERE tenant_id = \(f.tenant) AND external_id = 'D002'")
            let unmet = { () async throws -> [String] in
                try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in
                    try await DemandStore.list(DemandFilter(unmet: true), in: tx)
                }.items.compactMap(\.externalID)
            }
            let accept = { () async throws -> MatchingAcceptance in
                let run = try await MatchingStore.run(MatchingRequest(category: "elderly_care"), on: f.database, tenant: f.tenant, actor: f.actor)
                return try await MatchingStore.accept(run.id!, on: f.database, tenant: f.tenant, actor: f.actor)
            }
            let first = try await accept()
            #expect(first.drawn == [.volunteerHours: 100])
            #expect(try await f.demandStateNow("D002") == .inProject)
            #expect(try await unmet() == ["D002"])
            let described = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in
                try await tx.connection.query("SELECT description FROM project WHERE tenant_id = \(f.tenant) AND external_id = \(first.projects[0])")[0]
                    .decode(String.self, "description")
            }
            #expect(described.contains("尚缺 50"), "\(described)")

            // A new pledge: the next run sees the 50 hours still missing, and only those.
            _ = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ResourceStore.pledge("R002", amount: 80, in: tx) }
            let second = try await accept()
            #expect(second.drawn == [.volunteerHours: 50])
            #expect(try await f.demandStateNow("D002") == .inProject)
            #expect(try await unmet() == [])

            // The second project is cancelled: its 50 hours are unmet again, and matchable.
            _ = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.cancel(second.projects[0], reason: "施工队撤出", in: tx) }
            #expect(try await f.demandStateNow("D002") == .inProject)
            #expect(try await unmet() == ["D002"])
            let third = try await accept()
            #expect(third.drawn == [.volunteerHours: 50])

            // Done only when every project serving it is done.
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in
                _ = try await ProjectStore.start(first.projects[0], in: tx)
                _ = try await ProjectStore.complete(first.projects[0], in: tx)
            }
            #expect(try await f.demandStateNow("D002") == .inProject)
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in
                _ = try await ProjectStore.start(third.projects[0], in: tx)
                _ = try await ProjectStore.complete(third.projects[0], in: tx)
            }
            #expect(try await f.demandStateNow("D002") == .resolved)

            // The history tells the remainder's story.
            let history = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in
                try await DemandStore.get(try await DemandStore.id(of: "D002", in: tx), in: tx)
            }.history.filter { $0.kind == .remainder }.compactMap(\.note)
            #expect(history.contains { $0.contains("尚缺 50") } && history.contains { $0.contains("余量已满足") }, "\(history)")
        }
    }
}
