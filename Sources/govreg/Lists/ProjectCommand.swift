import ArgumentParser
import Foundation
import GovregCommandLine
import Registry
import RegistryStore

/// `govreg project …`: the project list (项目清单) and each project's lifecycle, so the whole
/// loop can be driven from the command line: create from demands and resources, start,
/// report progress, complete, check (验收), rate, or cancel.
struct ProjectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "项目清单 The project list: list, show, and drive each project from creation to check and rating.",
        subcommands: [List.self, Show.self, Create.self, Start.self, Progress.self, Milestone.self, Complete.self, Check.self, Cancel.self, Rate.self, Publish.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List projects, newest first, a page at a time.",
            discussion: "Keyset pages: the last line gives the --after value of the next page.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @OptionGroup var tenant: TenantOption
        @Option(help: "Only this status (planned, in_progress, completed, checked, cancelled, or 实施中 …).") var status: String?
        @Option(help: "Only projects serving a demand of this category (code or Chinese name).") var category: String?
        @Option(help: "Only projects serving a demand in the subtree of this org unit (its code).") var under: String?
        @Option(help: "Only projects this unit is responsible for (external id or id).") var unit: String?
        @Option(help: "Only projects whose planned period reaches this day or later (YYYY-MM-DD).") var from: String?
        @Option(help: "Only projects whose planned period starts on or before this day (YYYY-MM-DD).") var to: String?
        @Option(help: "Projects per page.") var limit = 50
        @Option(help: "The cursor printed under the previous page.") var after: Int64?
        @OptionGroup var columns: ColumnChoice
        @Flag(help: "Print the page as JSON.") var json = false

        func validate() throws {
            _ = try columns.positions(in: ProjectCommand.headers)
        }

        func run() async throws {
            let terminal = Terminal()
            let query = ProjectQuery(
                status: try status.map { try CommandLineValue.word(ProjectStatus.self, $0) }, category: category, orgCode: under, unit: unit,
                from: try CommandLineValue.day(from, "--from"), to: try CommandLineValue.day(to, "--to"), after: after, limit: try UnitCommand.pageSize(limit))
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let page = try await registry.withTenant(try await tenant.resolve(in: registry), actor: commandLineActor, readOnly: true) { tx in try await ProjectStore.list(query, in: tx) }
                if json { try terminal.json(page); return }
                ProjectCommand.table(page.items, only: try columns.positions(in: ProjectCommand.headers), on: terminal)
                UnitCommand.footer(page.nextCursor, on: terminal)
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one project: demands, allocations, milestones, progress and history.")
        @OptionGroup var target: ProjectCommandTarget

        func run() async throws {
            try await target.run(readOnly: true) { tx in try await ProjectStore.show(target.project, in: tx) }
        }
    }

    static let headers = ["编号 id", "项目编号 ext", "名称 title", "责任单位 unit", "状态 status", "进度 %", "需求 demands", "预算 budget", "开始 starts", "时限 due"]

    static func table(_ projects: [ProjectRecord], only: [Int]? = nil, on terminal: Terminal) {
        terminal.table(
            headers: headers,
            rows: projects.map { p in
                [String(p.id), p.externalID ?? "", p.title, p.responsibleUnitName, "\(p.status.chineseName) \(p.status.rawValue)",
                 "\(p.progressPercent)%", String(p.demandCount), p.budget?.description ?? "", p.startsOn?.description ?? "", p.dueOn?.description ?? ""]
            }, only: only)
    }

    static func print(_ detail: ProjectDetail, on terminal: Terminal) {
        table([detail.project], on: terminal)
        let p = detail.project
        if let description = detail.description { terminal.print("\n描述 description: \(description)") }
        if let reason = detail.cancelReason { terminal.print("取消理由 cancelled because: \(reason)") }
        if let rating = p.rating { terminal.print("居民评价 rating: \(rating)/5 \(detail.ratingComment ?? "")") }
        terminal.print("\n需求 demands")
        terminal.table(headers: ["编号 id", "需求编号 ext", "名称 title", "状态 state", "解决层级 settled at"], rows: detail.demands.map { d in
            [String(d.id), d.externalID ?? "", d.title, "\(d.state.chineseName) \(d.state.rawValue)", d.settledLevel.map { "\($0.chineseName) \($0.rawValue)" } ?? ""]
        })
        terminal.print("\n资源分配 allocations")
        terminal.table(headers: ["资源 resource", "名称 title", "分配 allocated", "持有 held"], rows: detail.allocations.map { a in
            [a.resourceExternalID ?? String(a.resourceID), a.title, a.measureUnit.chineseText(a.quantity), a.measureUnit.chineseText(a.held)]
        })
        if !detail.milestones.isEmpty {
            terminal.print("\n里程碑 milestones")
            terminal.table(headers: ["编号 id", "名称 title", "计划 due", "完成 done"], rows: detail.milestones.map { m in
                [String(m.id), m.title, m.dueOn?.description ?? "", m.doneOn?.description ?? ""]
            })
        }
        if !detail.progress.isEmpty {
            terminal.print("\n进度汇报 progress")
            terminal.table(headers: ["日期 on", "进度 %", "说明 note", "附件 attachments", "汇报人 by"], rows: detail.progress.map { r in
                [r.reportedOn.description, "\(r.percent)%", r.note ?? "", r.attachments.joined(separator: " "), r.actor]
            })
        }
        if !detail.events.isEmpty {
            terminal.print("\n流程 history")
            terminal.table(headers: ["时间 at", "从 from", "到 to", "经办 actor", "说明 note", "理由 reason"], rows: detail.events.map { e in
                [terminal.moment(e.at), e.from.chineseName, e.to.chineseName, e.actor, e.note ?? "", e.reason ?? ""]
            })
        }
    }
}

/// What every command about one project takes: the database, the tenant, the project (its
/// external id or id) and `--json`; it prints the project as it stands afterwards.
struct ProjectCommandTarget: ParsableArguments {
    @OptionGroup var scope: TenantScope
    @Argument(help: "The project's external id (or id).") var project: String
    @Flag(help: "Print the project as JSON.") var json = false

    /// Runs `body` in one transaction of the tenant (a write unless `readOnly`) and prints the
    /// project it returns.
    func run(readOnly: Bool = false, _ body: (TenantTransaction) async throws -> ProjectDetail) async throws {
        let terminal = Terminal()
        try await scope.run(terminal: terminal) { registry, tenant in
            let (detail, zone) = try await registry.withTenant(tenant, actor: commandLineActor, readOnly: readOnly) { tx in (try await body(tx), tx.timeZone) }
            if json { try terminal.json(detail) } else { ProjectCommand.print(detail, on: terminal.showingTimes(in: zone)) }
        }
    }
}
