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
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await DemandStore.transition(a, to: .merged, mergedInto: draft, visibility: .internal, in: tx) }
            }
            guard case .conflict(let message) = intoDraft else { Issue.record("expected a conflict, got \(intoDraft)"); return }
            #expect(message.contains("draft"))

            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await DemandStore.transition(a, to: .merged, mergedInto: b, visibility: .internal, in: tx) }
            // B into A would leave neither demand carrying the need.
            let backwards = try await #require(throws: RegistryStoreError.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await DemandStore.transition(b, to: .merged, mergedInto: a, visibility: .internal, in: tx) }
            }
            guard case .conflict = backwards else { Issue.record("expected a conflict, got \(backwards)"); return }
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.get(b, in: tx) }.demand.state == .submitted)
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.get(a, in: tx) }.demand.mergedInto == b)
        }
    }
}
