import ArgumentParser
import Foundation
import GovregCommandLine
import Registry
import RegistryStore

/// `govreg resource …`: the resource list (资源清单): list, show with its ledger, pledge
/// more, confirm, withdraw.
struct ResourceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resource",
        abstract: "资源清单 The resource list: list, show (with the pledge ledger), add one, pledge, confirm, withdraw.",
        subcommands: [List.self, Show.self, Add.self, Pledge.self, Confirm.self, Withdraw.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List resources, newest first, a page at a time.",
            discussion: "Keyset pages: the last line gives the --after value of the next page. Amounts are in each resource's unit.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @OptionGroup var tenant: TenantOption
        @Option(help: "Only this status (offered, available, exhausted, withdrawn, or 可用 …).") var status: String?
        @Option(help: "Only this category (code or Chinese name).") var category: String?
        @Option(help: "Only this kind (funds, 资金, …).") var kind: String?
        @Option(help: "Only this unit's resources (external id or id).") var unit: String?
        @Option(help: "Only resources serving somewhere in the subtree of this org unit (its code), or above it.") var under: String?
        @Option(help: "Only resources available on or after this day (YYYY-MM-DD).") var from: String?
        @Option(help: "Only resources available on or before this day (YYYY-MM-DD).") var to: String?
        @Option(help: "Resources per page.") var limit = 50
        @Option(help: "The cursor printed under the previous page.") var after: Int64?
        @OptionGroup var columns: ColumnChoice
        @Flag(help: "Print the page as JSON (amounts as decimal strings in each unit, as the API writes them).") var json = false

        func validate() throws {
            _ = try columns.positions(in: ResourceCommand.headers)
        }

        func run() async throws {
            let terminal = Terminal()
            let query = ResourceQuery(
                status: try status.map { try CommandLineValue.word(ResourceStatus.self, $0) }, category: category,
                kind: try kind.map { try CommandLineValue.word(ResourceKind.self, $0) }, unit: unit, orgCode: under,
                availableFrom: try CommandLineValue.day(from, "--from"), availableUntil: try CommandLineValue.day(to, "--to"),
                after: after, limit: try UnitCommand.pageSize(limit))
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let page = try await registry.withTenant(try await tenant.resolve(in: registry), actor: commandLineActor, readOnly: true) { tx in try await ResourceStore.list(query, in: tx) }
                if json { try terminal.json(page); return }
                ResourceCommand.table(page.items, only: try columns.positions(in: ResourceCommand.headers), on: terminal)
                UnitCommand.footer(page.nextCursor, on: terminal)
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one resource: its ledger, what remains, where it serves, which projects hold it.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @OptionGroup var tenant: TenantOption
        @Argument(help: "The resource's external id (or id).") var resource: String
        @Flag(help: "Print as JSON.") var json = false

        func run() async throws {
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let (detail, zone) = try await registry.withTenant(try await tenant.resolve(in: registry), actor: commandLineActor, readOnly: true) { tx in
                    (try await ResourceStore.show(resource, in: tx), tx.timeZone)
                }
                if json { try terminal.json(detail) } else { ResourceCommand.print(detail, on: terminal.showingTimes(in: zone)) }
            }
        }
    }

    struct Pledge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a further pledge by the unit (a new ledger line).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @OptionGroup var tenant: TenantOption
        @Argument(help: "The resource's external id (or id).") var resource: String
        @Argument(help: "How much more, in the resource's unit (yuan for funds, e.g. 5000 or 1234.50).") var quantity: String
        @Option(help: "A note for the ledger.") var note: String?

        func run() async throws {
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let tenantID = try await tenant.resolve(in: registry)
                let detail = try await registry.withTenant(tenantID, actor: commandLineActor) { tx in
                    try await ResourceStore.pledge(resource, written: quantity, note: note, in: tx)
                }
                let unit = detail.resource.measureUnit
                terminal.print("已追加承诺 pledged \(unit.chineseText(detail.ledger.last?.quantity ?? 0)); 剩余 remaining \(unit.chineseText(detail.resource.remaining))")
            }
        }
    }

    struct Confirm: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Confirm an offered resource (已申报 → 可用): it can be drawn on.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @OptionGroup var tenant: TenantOption
        @Argument(help: "The resource's external id (or id).") var resource: String

        func run() async throws {
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let detail = try await registry.withTenant(try await tenant.resolve(in: registry), actor: commandLineActor) { tx in try await ResourceStore.confirm(resource, in: tx) }
                terminal.print("已确认 confirmed: \(detail.resource.status.chineseName) \(detail.resource.status.rawValue)")
            }
        }
    }

    struct Withdraw: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Withdraw a resource, with the reason: nothing more can be drawn or pledged; draws already made stay. Final.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @OptionGroup var tenant: TenantOption
        @Argument(help: "The resource's external id (or id).") var resource: String
        @Option(help: "撤回理由 Why it is withdrawn (kept with who and when).") var reason: String

        func validate() throws {
            do { _ = try Resource.withdrawalReason(reason) } catch let error as RegistryError { throw ValidationError("--reason: \(error.message)") }
        }

        func run() async throws {
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                _ = try await registry.withTenant(try await tenant.resolve(in: registry), actor: commandLineActor) { tx in
                    try await ResourceStore.withdraw(resource, reason: reason, in: tx)
                }
                terminal.print("已撤回 withdrawn: \(resource)")
            }
        }
    }

    static let headers = ["编号 id", "资源编号 ext", "名称 title", "单位 unit", "类别 category", "类型 kind", "承诺 pledged", "剩余 remaining", "状态 status", "服务范围 area"]

    static func table(_ resources: [ResourceRecord], only: [Int]? = nil, on terminal: Terminal) {
        terminal.table(
            headers: headers,
            rows: resources.map { r in
                [String(r.id), r.externalID ?? "", r.title, r.unitName, r.categoryName, "\(r.kind.chineseName) \(r.kind.rawValue)", r.measureUnit.chineseText(r.pledged),
                 r.measureUnit.chineseText(r.remaining), "\(r.status.chineseName) \(r.status.rawValue)",
                 r.serviceArea.isEmpty ? "包联社区 default" : r.serviceArea.joined(separator: "、")]
            }, only: only)
    }

    static func print(_ detail: ResourceDetail, on terminal: Terminal) {
        let r = detail.resource, unit = r.measureUnit
        table([r], on: terminal)
        if let description = detail.description { terminal.print("\n描述 description: \(description)") }
        terminal.print("可用期 available: \(r.availableFrom?.description ?? "…") – \(r.availableUntil?.description ?? "…")"
            + (r.unitCost.map { "; 单价 unit cost \($0)" } ?? "") + "; 公示 public: \(r.isPublic ? "是 yes" : "否 no")")
        terminal.print("服务范围 service area\(detail.serviceAreaIsDefault ? "（默认：单位包联社区 default: the unit's communities）" : ""): "
            + detail.effectiveServiceArea.map { "\($0.name) \($0.code)" }.joined(separator: "、"))
        terminal.print("\n台账 ledger")
        terminal.table(
            headers: ["#", "类型 kind", "数量 quantity", "项目 project", "时间 at", "经办 actor", "备注 note"],
            rows: detail.ledger.map { line in
                [String(line.id), "\(line.kind.chineseName) \(line.kind.rawValue)", unit.chineseText(line.quantity),
                 line.projectExternalID ?? "", terminal.moment(line.at), line.actor, line.note ?? ""]
            })
        if !detail.holdings.isEmpty {
            terminal.print("\n项目占用 held by projects")
            terminal.table(
                headers: ["项目 project", "名称 title", "状态 status", "分配 allocated", "持有 held"],
                rows: detail.holdings.map { h in
                    [h.projectExternalID ?? String(h.projectID), h.title, "\(h.status.chineseName) \(h.status.rawValue)", unit.chineseText(h.allocated), unit.chineseText(h.held)]
                })
        }
    }
}
