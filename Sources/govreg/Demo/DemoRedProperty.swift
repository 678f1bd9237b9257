import Foundation
import Postgres
import RedProperty
import Registry
import RegistryStore

/// The demo's red property: the module enabled, a compound in the bench talk's grid served by
/// one of the district's property companies, its party branch, a cross-appointment, and a
/// small problem ledger (one row closed with its fix, one answered, one open).
struct DemoRedProperty {
    let year: Int
    let grid: String
    let community: String

    /// Enables the module and records the sample on the first run; returns the year's summary.
    func load(_ registry: RegistryDatabase, tenant: UUID, actor: String, terminal: Terminal) async throws -> RedPropertySummary {
        let modules = try await registry.withTenant(tenant, actor: actor, readOnly: true) { tx in try await ModuleStore.list(in: tx) }
        if !modules.contains(where: { $0.id == RedPropertyModule.moduleID && $0.enabled }) {
            try await registry.withTenant(tenant, actor: actor) { tx in try await ModuleStore.enable(RedPropertyModule.moduleID, in: tx) }
        }
        let logged = try await registry.withTenant(tenant, actor: actor, readOnly: true) { tx in try await RedPropertyStore.problems(limit: 1, in: tx) }
        if logged.isEmpty {
            terminal.progress("模块 red_property 红色物业: a compound and its problem ledger …")
            let compound = grid + "X01"
            _ = try await OrgUnitStore.importRows(
                [OrgUnitImportRow(line: 2, code: compound, name: "幸福里小区", kind: .compound, parentCode: grid)], on: registry, tenant: tenant, actor: actor)
            let company = try await registry.withTenant(tenant, actor: actor, readOnly: true) { tx in
                try await tx.connection.query("""
                    SELECT external_id FROM unit WHERE tenant_id = \(tx.tenantID) AND kind = 'property_company' ORDER BY id LIMIT 1
                    """)[0].decode(String.self, "external_id")
            }
            try await registry.withTenant(tenant, actor: actor) { tx in try await RedPropertyStore.assign(compound: compound, company: company, since: try day(1, 1), in: tx) }
            try await registry.withTenant(tenant, actor: actor) { tx in try await RedPropertyStore.setUpBranch(company: company, name: "物业公司党支部", setUpOn: try day(3, 1), members: 5, in: tx) }
            try await registry.withTenant(tenant, actor: actor) { tx in try await RedPropertyStore.appoint(AppointmentDraft(personName: "王芳", direction: .communityToCompany, communityCode: community, company: company,
                                                   role: "物业公司党支部书记（社区委员兼任）", since: try day(3, 1)), in: tx) }
            let leak = try await registry.withTenant(tenant, actor: actor) { tx in try await RedPropertyStore.raise(compound: compound, title: "3号楼屋面漏水", by: .resident, on: try day(6, 3), in: tx) }
            try await registry.withTenant(tenant, actor: actor) { tx in try await RedPropertyStore.escalate(leak.id, on: try day(6, 3), in: tx) }
            try await registry.withTenant(tenant, actor: actor) { tx in try await RedPropertyStore.respond(leak.id, response: "已派维修班组查看", on: try day(6, 4), in: tx) }
            try await registry.withTenant(tenant, actor: actor) { tx in try await RedPropertyStore.close(leak.id, fix: "更换防水卷材 40 平方米", on: try day(6, 12), in: tx) }
            let lights = try await registry.withTenant(tenant, actor: actor) { tx in try await RedPropertyStore.raise(compound: compound, title: "地下车库照明不足", by: .company, on: try day(9, 10), in: tx) }
            try await registry.withTenant(tenant, actor: actor) { tx in try await RedPropertyStore.escalate(lights.id, on: try day(9, 10), in: tx) }
            try await registry.withTenant(tenant, actor: actor) { tx in try await RedPropertyStore.respond(lights.id, response: "已列入下月维修计划", on: try day(9, 12), in: tx) }
            _ = try await registry.withTenant(tenant, actor: actor) { tx in try await RedPropertyStore.raise(compound: compound, title: "楼道堆放杂物", by: .gridWorker, on: try day(11, 20), in: tx) }
        }
        return try await registry.withTenant(tenant, actor: actor, readOnly: true) { tx in try await RedPropertyStore.summary(from: try day(1, 1), to: try day(12, 31), in: tx) }
    }

    private func day(_ month: Int, _ day: Int) throws -> CivilDate { try CivilDate(year: year, month: month, day: day) }
}
