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
        let modules = ModuleStore(database: registry), red = RedPropertyStore(database: registry)
        if try await !modules.list(tenant: tenant, actor: actor).contains(where: { $0.id == RedPropertyModule.moduleID && $0.enabled }) {
            try await modules.enable(RedPropertyModule.moduleID, tenant: tenant, actor: actor)
        }
        if try await red.problems(limit: 1, tenant: tenant, actor: actor).isEmpty {
            terminal.progress("模块 red_property 红色物业: a compound and its problem ledger …")
            let compound = grid + "X01"
            _ = try await OrgUnitStore(database: registry).importRows(
                [OrgUnitImportRow(line: 2, code: compound, name: "幸福里小区", kind: .compound, parentCode: grid)], tenant: tenant, actor: actor)
            let company = try await registry.withTenant(tenant, actor: actor, readOnly: true) { tx in
                try await tx.connection.query("""
                    SELECT external_id FROM unit WHERE tenant_id = \(tx.tenantID) AND kind = 'property_company' ORDER BY id LIMIT 1
                    """)[0].decode(String.self, "external_id")
            }
            try await red.assign(compound: compound, company: company, since: try day(1, 1), tenant: tenant, actor: actor)
            try await red.setUpBranch(company: company, name: "物业公司党支部", setUpOn: try day(3, 1), members: 5, tenant: tenant, actor: actor)
            try await red.appoint(AppointmentDraft(personName: "王芳", direction: .communityToCompany, communityCode: community, company: company,
                                                   role: "物业公司党支部书记（社区委员兼任）", since: try day(3, 1)), tenant: tenant, actor: actor)
            let leak = try await red.raise(compound: compound, title: "3号楼屋面漏水", by: .resident, on: try day(6, 3), tenant: tenant, actor: actor)
            try await red.escalate(leak.id, on: try day(6, 3), tenant: tenant, actor: actor)
            try await red.respond(leak.id, response: "已派维修班组查看", on: try day(6, 4), tenant: tenant, actor: actor)
            try await red.close(leak.id, fix: "更换防水卷材 40 平方米", on: try day(6, 12), tenant: tenant, actor: actor)
            let lights = try await red.raise(compound: compound, title: "地下车库照明不足", by: .company, on: try day(9, 10), tenant: tenant, actor: actor)
            try await red.escalate(lights.id, on: try day(9, 10), tenant: tenant, actor: actor)
            try await red.respond(lights.id, response: "已列入下月维修计划", on: try day(9, 12), tenant: tenant, actor: actor)
            _ = try await red.raise(compound: compound, title: "楼道堆放杂物", by: .gridWorker, on: try day(11, 20), tenant: tenant, actor: actor)
        }
        return try await red.summary(from: try day(1, 1), to: try day(12, 31), tenant: tenant, actor: actor)
    }

    private func day(_ month: Int, _ day: Int) throws -> CivilDate { try CivilDate(year: year, month: month, day: day) }
}
