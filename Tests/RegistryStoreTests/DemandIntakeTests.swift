import Foundation
import Postgres
import Registry
import RegistryStore
import Testing

/// An API intake in one statement (migration 0033): the same rules as every door, the key
/// kept as safe, the district's zone and status honoured.
@Suite struct DemandIntakeTests {
    private func caller(_ f: DemandFixture, key: String? = nil, body: String = "a", root: Int64? = nil) -> DemandIntake.Caller {
        DemandIntake.Caller(
            tenant: f.tenant, actor: "api:grid", account: 7, key: key, requestHash: key == nil ? nil : Data(repeating: UInt8(body.count), count: 32),
            subtreeRoot: root)
    }

    @Test func aKeyedIntakeIsFiledOnceAndReplayedWithTheSameDemand() async throws {
        try await DemandFixture.with { f in
            let draft = try f.draft("路灯不亮")
            guard case .filed(let first) = try await DemandIntake.file(draft, submit: true, by: caller(f, key: "k1"), on: f.database),
                  case .replayed(let again) = try await DemandIntake.file(draft, submit: true, by: caller(f, key: "k1"), on: f.database)
            else { Issue.record("expected filed, then replayed"); return }
            #expect(first == again)
            #expect(first.demand.externalID == "GR-D\(first.demand.id)" && first.categoryName == "房屋修缮" && first.orgCode == "G11")
            #expect(first.history.map(\.toState) == [.submitted] && first.history.first?.actor == "api:grid")
            #expect(try await f.total("demand") == 1)
            // The same key for another request is refused, and writes nothing.
            await #expect(throws: RegistryStoreError.self) {
                try await DemandIntake.file(draft, submit: true, by: caller(f, key: "k1", body: "other"), on: f.database)
            }
            #expect(try await f.total("demand") == 1)
            // The answer is kept as the filed row, never a key without it.
            let unanswered = try await f.database.operatorPool.query("SELECT count(*) AS n FROM idempotency_key WHERE response_row IS NULL")[0]
            #expect(try unanswered.decode(Int.self, "n") == 0)
        }
    }

    @Test func refusalsWriteNothingAndLeaveNoKey() async throws {
        try await DemandFixture.with { f in
            // An unknown org code is the field's fault, named as every door names it.
            do {
                _ = try await DemandIntake.file(try f.draft(at: "NOPE"), submit: true, by: caller(f, key: "k2"), on: f.database)
                Issue.record("filed under an unknown org code")
            } catch let invalid as InvalidFields {
                #expect(invalid.problems.map(\.field) == ["org_code"])
            }
            // Outside the subtree of community staff (bound to C2; G11 is under C1).
            let c2 = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await OrgUnitStore.id(of: "C2", in: tx) }
            await #expect(throws: DemandIntake.OutsideSubtree.self) {
                try await DemandIntake.file(try f.draft(), submit: true, by: caller(f, key: "k3", root: c2), on: f.database)
            }
            #expect(try await f.total("demand") == 0)
            #expect(try await f.total("idempotency_key") == 0)
            // Inside it, the same staff member files.
            guard case .filed = try await DemandIntake.file(try f.draft(at: "G21"), submit: true, by: caller(f, key: "k3b", root: c2), on: f.database)
            else { Issue.record("not filed inside the subtree"); return }
            // A refused number is given back: the next demand is number 1 of the district.
            let refusedExternal = try f.draft(externalID: "X-1")
            _ = try await DemandIntake.file(refusedExternal, submit: true, by: caller(f), on: f.database)
            await #expect(throws: RegistryStoreError.self) { try await DemandIntake.file(refusedExternal, submit: true, by: caller(f), on: f.database) }
            let ids = try await f.database.operatorPool.query("SELECT id FROM demand WHERE tenant_id = \(f.tenant) ORDER BY id").map { try $0.decode(Int64.self, "id") }
            #expect(ids == [1, 2])
        }
    }

    @Test func theDistrictsZoneAndStatusAreHonoured() async throws {
        try await DemandFixture.with { f in
            // The process has not seen this district's zone yet: the statement says so, and
            // the intake checks its dates again in the district's zone.
            try await f.database.operatorPool.execute("UPDATE tenant SET time_zone = 'Asia/Urumqi' WHERE id = \(f.tenant)")
            guard case .filed = try await DemandIntake.file(try f.draft(), submit: true, by: caller(f), on: f.database) else {
                Issue.record("not filed"); return
            }
            #expect(f.database.districtZones[f.tenant] == "Asia/Urumqi")
            try await f.database.operatorPool.execute("UPDATE tenant SET status = 'archived', archived_at = now() WHERE id = \(f.tenant)")
            await #expect(throws: RegistryStoreError.self) { try await DemandIntake.file(try f.draft(), submit: true, by: caller(f), on: f.database) }
            #expect(try await f.total("demand") == 1)
        }
    }
}
