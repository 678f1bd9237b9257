import ArgumentParser
import DemoDistrict
import Foundation
import GovregCommandLine
import Postgres
import Registry
import RegistryImport
import RegistryStore

/// `govreg demo`: a district shaped like Langao county, loaded through the real importers.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "演示 Load a demo district shaped like Langao county (岚皋县, 610925) and print its three lists.",
        discussion: """
            Generates the district's spreadsheets from a seed (7 towns, 35 communities and villages, \
            253 grids, 95 units contracting the 7 urban communities, 1,216 members, a year of demands \
            and resources, 60 projects) and imports them with the same code as `govreg import`. \
            Running it again changes nothing.
            """)
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var migrations: MigrationOptions
    @Option(help: "Seed of the generated district.") var seed: UInt64 = 610_925
    @Option(help: "The year the lists cover (a past year: its records are dated through it).") var year = 2024
    @Flag(help: "Print the summary as JSON.") var json = false

    func validate() throws {
        let thisYear = (try? CivilDate.todayInChina().year) ?? Int.max
        guard (2000..<thisYear).contains(year) else {
            throw ValidationError("--year 须为 2000 年至去年之间 must be a past year from 2000 on: the demo's records are dated through it")
        }
    }

    func run() async throws {
        let terminal = Terminal()
        try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
            let tenant = try await demoTenant(registry, terminal: terminal)
            let demo = DemoDistrict(seed: seed, year: year)
            let actor = "demo"

            terminal.progress("导入 importing the hierarchy 组织架构 …")
            _ = try await OrgUnitStore.importRows(try OrgUnitFile.rows(from: demo.org), on: registry, tenant: tenant, actor: actor)
            terminal.progress("导入 importing units 共建单位 …")
            _ = try await UnitStore.importRows(try UnitFile.rows(from: demo.units), on: registry, tenant: tenant, actor: actor)
            terminal.progress("导入 importing members 双报到党员 …")
            _ = try await MemberStore.importRows(try MemberFile.rows(from: demo.members), on: registry, tenant: tenant, actor: actor)
            terminal.progress("导入 importing the resource list 资源清单 …")
            _ = try await ResourceStore.importRows(try ResourceFile.rows(from: demo.resources), on: registry, tenant: tenant, actor: actor)
            terminal.progress("导入 importing the demand list 需求清单 …")
            var demands = DemandFile(data: demo.demands, channels: registry.modules.sourceChannels)
            _ = try await DemandStore.importRows(&demands, on: registry, tenant: tenant, actor: actor)
            terminal.progress("导入 importing the project list 项目清单 …")
            _ = try await ProjectStore.importRows(try ProjectFile.rows(from: demo.projects), on: registry, tenant: tenant, actor: actor)
            terminal.progress("导入 importing milestones and progress reports 里程碑与进度报告 …")
            _ = try await MilestoneStore.importRows(try MilestoneFile.rows(from: demo.milestones), on: registry, tenant: tenant, actor: actor)
            _ = try await ProgressReportStore.importRows(
                try ProgressReportFile.rows(from: demo.progress), on: registry, tenant: tenant, actor: actor)

            let modules = try await demoModules(DemoContext(
                registry: registry, tenant: tenant, actor: actor, year: year, grid: demo.moduleGrid, community: demo.moduleCommunity, terminal: terminal))
            let run = try await demoMatching(registry, tenant: tenant, actor: actor, terminal: terminal)

            let summary = try await registry.withTenant(tenant, actor: actor, readOnly: true, isolation: .repeatableRead) { tx in
                try await ListSummary.read(in: tx)
            }
            if json { return try terminal.json(DemoReport(lists: summary, matching: run, modules: modules)) }
            DemoSummaryText.print(summary, on: terminal)
            for (module, figures) in modules.sorted(by: { $0.key < $1.key }) {
                terminal.print("模块 module \(module) — \(figures.text)")
            }
            terminal.print("")
            MatchCommand.printRun(run, again: " --tenant \(DemoDistrict.slug)", on: terminal)
        }
    }

    /// Every shipped module with demo records (``ModuleDemo``), enabled for the demo district
    /// and given its records, (``ModuleDemo/order``, then the catalogue's): before the matching run, which may
    /// serve the demands they file. Returns each one's figures by module id.
    private func demoModules(_ context: DemoContext) async throws -> [String: ModuleDemoSummary] {
        let enabled = try await context.read { tx in try await ModuleStore.list(in: tx) }.filter(\.enabled).map(\.id)
        var figures: [String: ModuleDemoSummary] = [:]
        let demos = ModuleRegistry.catalogue.modules.enumerated().flatMap { index, module in
            module.contributions.compactMap { $0 as? any ModuleDemo }.map { (module: module, demo: $0, index: index) }
        }.sorted { ($0.demo.order, $0.index) < ($1.demo.order, $1.index) }
        for (module, demo, _) in demos {
            if !enabled.contains(module.id) {
                try await context.write { tx in try await ModuleStore.enable(module.id, settings: Data(demo.settings.utf8), in: tx) }
            }
            figures[module.id.rawValue] = try await demo.load(context)
        }
        return figures
    }

    /// The demo's matching run, accepted into the project list: made on the first run, read
    /// back on later ones (so running the demo again changes nothing).
    private func demoMatching(_ registry: RegistryDatabase, tenant: UUID, actor: String, terminal: Terminal) async throws -> MatchingRunRecord {
        let runs = try await registry.withTenant(tenant, actor: actor, readOnly: true) { tx in try await MatchingStore.runs(limit: 1, in: tx) }
        if let existing = runs.first {
            guard existing.status == "proposed", let id = existing.id else { return existing }
            // A run recorded by a demo that stopped before accepting it.
            try await MatchingStore.accept(id, on: registry, tenant: tenant, actor: actor)
            return try await registry.withTenant(tenant, actor: actor, readOnly: true) { tx in try await MatchingStore.runs(limit: 1, in: tx) }[0]
        }
        terminal.progress("匹配 matching demands with resources 供需匹配 …")
        let run = try await MatchingStore.run(MatchingRequest(), on: registry, tenant: tenant, actor: actor)
        terminal.progress("接受 accepting matching run #\(run.id!) into the project list …")
        try await MatchingStore.accept(run.id!, on: registry, tenant: tenant, actor: actor)
        return try await registry.withTenant(tenant, actor: actor, readOnly: true) { tx in try await MatchingStore.runs(limit: 1, in: tx) }[0]
    }

    /// The demo tenant, created on the first run.
    private func demoTenant(_ registry: RegistryDatabase, terminal: Terminal) async throws -> UUID {
        let tenants = TenantStore(database: registry)
        if let existing = try? await tenants.find(DemoDistrict.divisionCode) { return existing.id }
        terminal.progress("创建 creating tenant \(DemoDistrict.slug) \(DemoDistrict.name) (\(DemoDistrict.divisionCode))")
        return try await tenants.create(
            slug: try TenantSlug(DemoDistrict.slug), name: DemoDistrict.name,
            divisionCode: try DivisionCode(DemoDistrict.divisionCode)
        ).id
    }
}

/// The demo's closing summary, for machines (`--json`).
struct DemoReport: Encodable {
    var lists: ListSummary
    /// The matching run the demo made and accepted.
    var matching: MatchingRunRecord
    /// The year's figures of each module the demo enabled, by module id.
    var modules: [String: ModuleDemoSummary]
}

/// The demo's closing summary, for people.
enum DemoSummaryText {
    static func print(_ summary: ListSummary, on terminal: Terminal) {
        func list(_ counts: [String: Int], _ names: (String) -> String) -> String {
            counts.sorted { $0.key < $1.key }.map { "\(names($0.key)) \($0.value)" }.joined(separator: ", ")
        }
        let orgNames = { (key: String) in (try? OrgUnitKind(parsing: key)).map { "\($0.chineseName)" } ?? key }
        let demandNames = { (key: String) in (try? DemandState(parsing: key)).map { "\($0.chineseName) \($0.rawValue)" } ?? key }
        let projectNames = { (key: String) in (try? ProjectStatus(parsing: key)).map { "\($0.chineseName) \($0.rawValue)" } ?? key }
        terminal.print("\(DemoDistrict.name) \(DemoDistrict.slug) (\(DemoDistrict.divisionCode)) — 三张清单 the three lists")
        terminal.print("组织 hierarchy: \(list(summary.orgUnits, orgNames))")
        terminal.print("共建单位 units: \(summary.units), \(summary.contractingUnits) contracting 包联 \(summary.contractedCommunities) communities; 双报到 members: \(summary.members)")
        terminal.print("需求清单 demands: \(summary.demands.values.reduce(0, +)) — \(list(summary.demands, demandNames))")
        let resourceLines = summary.resources.sorted { $0.key < $1.key }.map { unit, totals -> String in
            let measure = (try? MeasureUnit(parsing: unit))?.chineseName ?? unit
            let format = { (value: Int64) in unit == "yuan" ? Money(fen: value).description : String(value) }
            return "\(measure) \(totals.count) (pledged 认领 \(format(totals.pledged)), remaining 剩余 \(format(totals.remaining)))"
        }
        terminal.print("资源清单 resources: \(resourceLines.joined(separator: "; "))")
        terminal.print("项目清单 projects: \(summary.projects.values.reduce(0, +)) — \(list(summary.projects, projectNames))")
        terminal.print("公示 disclosed: \(summary.publicDemands) demands, \(summary.publicResources) resources, \(summary.publicProjects) projects")
    }
}
