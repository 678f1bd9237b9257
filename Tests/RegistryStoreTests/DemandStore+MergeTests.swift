import Foundation
import Registry
import RegistryStore
import Testing

@Suite struct DemandStoreMergeTests {
    @Test func aDemandMergesOnlyIntoOneStillOnTheList() async throws {
        try await DemandFixture.with { f in
            let a = try await f.file(try f.draft("路灯不亮"))
            let b = try await f.file(try f.draft("路灯坏了"))
            let draft = try await f.file(try f.draft("草稿需求"), submit: false)
            let intoDraft = try await #require(throws: RegistryStoreError.self) {
                try await f.store.transition(a, to: .merged, tenant: f.tenant, actor: f.actor, mergedInto: draft, visibility: .internal)
            }
            guard case .conflict(let message) = intoDraft else { Issue.record("expected a conflict, got \(intoDraft)"); return }
            #expect(message.contains("draft"))

            try await f.store.transition(a, to: .merged, tenant: f.tenant, actor: f.actor, mergedInto: b, visibility: .internal)
            // B into A would leave neither demand carrying the need.
            let backwards = try await #require(throws: RegistryStoreError.self) {
                try await f.store.transition(b, to: .merged, tenant: f.tenant, actor: f.actor, mergedInto: a, visibility: .internal)
            }
            guard case .conflict = backwards else { Issue.record("expected a conflict, got \(backwards)"); return }
            #expect(try await f.store.get(b, tenant: f.tenant, actor: f.actor).demand.state == .submitted)
            #expect(try await f.store.get(a, tenant: f.tenant, actor: f.actor).demand.mergedInto == b)
        }
    }
}
