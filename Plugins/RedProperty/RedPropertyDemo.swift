import Foundation
import GovregCommandLine
import Postgres
import Registry
import RegistryStore

/// The demo's red property (`govreg demo`): a compound in the county town's grid served by one
/// of the district's property companies, its party branch, a cross-appointment, and a small
/// problem ledger (one row closed with its fix, one answered, one open).
struct RedPropertyDemo: ModuleDemo {
    let settings = "{}"

    /// Records the sample on the first run; returns the year's summary.
    func load(_ demo: DemoContext) async throws -> ModuleDemoSummary {
        let logged = try await demo.read { tx in try await RedPropertyStore.problems(limit: 1, in: tx) }
        if logged.isEmpty {
            demo.terminal.progress("模块 red_property 红色物业: a compound and its problem ledger …")
            let compound = demo.grid + "X01"
            _ = try await OrgUnitStore.importRows(
                [OrgUnitImportRow(line: 2, code: compound, name: "幸福里小区", kind: .compound, parentCode: demo.grid)], on: demo.registry, tenant: demo.tenant, actor: demo.actor)
            let company = try await demo.read { tx in
                try await tx.connection.query("""
                    SELECT external_id FROM module_unit WHERE tenant_id = \(tx.tenantID) AND kind = 'property_company' ORDER BY id LIMIT 1
                    """)[0].decode(String.self, "external_id")
            }
            try await demo.write { tx in try await RedPropertyStore.assign(compound: compound, company: company, since: try demo.day(1, 1), in: tx) }
            try await demo.write { tx in try await RedPropertyStore.setUpBranch(company: company, name: "物业公司党支部", setUpOn: try demo.day(3, 1), members: 5, in: tx) }
            try await demo.write { tx in try await RedPropertyStore.appoint(AppointmentDraft(personName: "王芳", direction: .communityToCompany, communityCode: demo.community, company: company,
                                                   role: "物业公司党支部书记（社区委员兼任）", since: try demo.day(3, 1)), in: tx) }
            let leak = try await demo.write { tx in try await RedPropertyStore.raise(compound: compound, title: "3号楼屋面漏水", by: .resident, on: try demo.day(6, 3), in: tx) }
            try await demo.write { tx in try await RedPropertyStore.escalate(leak.id, on: try demo.day(6, 3), in: tx) }
            try await demo.write { tx in try await RedPropertyStore.respond(leak.id, response: "已派维修班组查看", on: try demo.day(6, 4), in: tx) }
            try await demo.write { tx in try await RedPropertyStore.close(leak.id, fix: "更换防水卷材 40 平方米", on: try demo.day(6, 12), in: tx) }
            let lights = try await demo.write { tx in try await RedPropertyStore.raise(compound: compound, title: "地下车库照明不足", by: .company, on: try demo.day(9, 10), in: tx) }
            try await demo.write { tx in try await RedPropertyStore.escalate(lights.id, on: try demo.day(9, 10), in: tx) }
            try await demo.write { tx in try await RedPropertyStore.respond(lights.id, response: "已列入下月维修计划", on: try demo.day(9, 12), in: tx) }
            _ = try await demo.write { tx in try await RedPropertyStore.raise(compound: compound, title: "楼道堆放杂物", by: .gridWorker, on: try demo.day(11, 20), in: tx) }
        }
        let summary = try await demo.read { tx in try await RedPropertyStore.summary(from: try demo.day(1, 1), to: try demo.day(12, 31), in: tx) }
        return ModuleDemoSummary(text: RedPropertyCommand.text(summary), figures: summary)
    }
}
