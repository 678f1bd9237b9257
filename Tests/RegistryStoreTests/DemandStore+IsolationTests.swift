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
            // Numbers count per district: B's third demand is a number A does not have.
            try await b.file(try b.draft("上街区的第一条"))
            try await b.file(try b.draft("上街区的第二条"))
            let theirs = try await b.file(try b.draft("上街区的需求", externalID: "B-1"))
            let mine = try await a.file(try a.draft("岚皋县的需求"))
            #expect(theirs.rawValue == 3 && mine.rawValue == 1)
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
                #expect(await refusal { _ = try await a.database.withTenant(a.tenant, actor: a.actor, readOnly: true) { tx in try await DemandStore.get(id, in: tx) } } == expected)
                #expect(await refusal {
                    _ = try await a.database.withTenant(a.tenant, actor: a.actor) { tx in try await DemandStore.transition(id, to: .accepted, visibility: .public, in: tx) }
                } == expected)
                #expect(await refusal {
                    _ = try await a.database.withTenant(a.tenant, actor: a.actor) { tx in try await DemandStore.escalate(id, to: .street, reason: "越权", in: tx) }
                } == expected)
                #expect(await refusal {
                    _ = try await a.database.withTenant(a.tenant, actor: a.actor) { tx in try await DemandStore.transition(mine, to: .merged, mergedInto: id, visibility: .internal, in: tx) }
                } == expected)
                #expect(await refusal { _ = try await a.database.withTenant(a.tenant, actor: a.actor, readOnly: true) { tx in try await DemandStore.publicDemand(id, in: tx) } } == expected)
            }
            #expect(try await a.database.withTenant(a.tenant, actor: a.actor, readOnly: true) { tx in try await DemandStore.list(in: tx) }.items.map(\.id) == [mine])

            // B's demand did not move, and an import into A with B's external id makes A's own row.
            #expect(try await b.database.withTenant(b.tenant, actor: b.actor, readOnly: true) { tx in try await DemandStore.get(theirs, in: tx) }.demand.state == .submitted)
            let csv = "external_id,title,category,org_code,quantity,measure_unit\nB-1,同编号不同区,roads,G11,1,job\n"
            #expect(try await a.importFile(Data(csv.utf8)) == DemandImportSummary(inserted: 1))
            #expect(try await b.database.withTenant(b.tenant, actor: b.actor, readOnly: true) { tx in try await DemandStore.get(theirs, in: tx) }.demand.title == "上街区的需求")
        }
    }
}
