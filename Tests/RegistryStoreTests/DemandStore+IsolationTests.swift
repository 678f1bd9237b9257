import Foundation
import Registry
import RegistryImport
import RegistryStore
import Testing

/// One district cannot see, move, merge into or import against another's demands, and the
/// refusal is the one a missing demand gets, so it does not even learn that the id exists.
@Suite struct DemandStoreIsolationTests {
    @Test func anotherDistrictsDemandIsLikeAMissingOne() async throws {
        try await DemandFixture.with { a in
            let b = try await a.sibling("shangjie", "410106")
            let theirs = try await b.file(try b.draft("上街区的需求", externalID: "B-1"))
            let mine = try await a.file(try a.draft("岚皋县的需求"))
            let missing = DemandID(theirs.rawValue + 1000)

            func refusal(_ body: () async throws -> Void) async -> RegistryStoreError? {
                do {
                    try await body()
                    return nil
                } catch {
                    return error as? RegistryStoreError
                }
            }
            for id in [theirs, missing] {
                let expected = RegistryStoreError.notFound(kind: "demand 需求", key: "\(id)")
                #expect(await refusal { _ = try await a.store.get(id, tenant: a.tenant, actor: a.actor) } == expected)
                #expect(await refusal {
                    try await a.store.transition(id, to: .accepted, tenant: a.tenant, actor: a.actor, visibility: .public)
                } == expected)
                #expect(await refusal {
                    try await a.store.escalate(id, to: .street, tenant: a.tenant, actor: a.actor, reason: "越权")
                } == expected)
                #expect(await refusal {
                    try await a.store.transition(mine, to: .merged, tenant: a.tenant, actor: a.actor, mergedInto: id, visibility: .internal)
                } == expected)
                #expect(await refusal { _ = try await a.store.publicDemand(id, tenant: a.tenant, actor: a.actor) } == expected)
            }
            #expect(try await a.store.list(tenant: a.tenant, actor: a.actor).items.map(\.id) == [mine])

            // B's demand did not move, and an import into A with B's external id makes A's own row.
            #expect(try await b.store.get(theirs, tenant: b.tenant, actor: b.actor).demand.state == .submitted)
            let csv = "external_id,title,category,org_code,quantity,measure_unit\nB-1,同编号不同区,roads,G11,1,job\n"
            #expect(try await a.importFile(Data(csv.utf8)) == DemandImportSummary(inserted: 1))
            #expect(try await b.store.get(theirs, tenant: b.tenant, actor: b.actor).demand.title == "上街区的需求")
        }
    }
}
