import ArgumentParser
import Foundation
import GovregCommandLine
import Registry
import RegistryStore

/// `govreg demand …`: the demand list (需求清单) of one district, and its workflow.
struct DemandCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demand",
        abstract: "需求清单 The demand list: list, show, add one, and drive the workflow.",
        subcommands: [List.self, Show.self, Add.self, Transition.self, Escalate.self]
    )

    /// A demand id argument, with a readable refusal.
    static func id(_ text: String) throws -> DemandID {
        guard let value = Int64(text), value > 0 else {
            throw ValidationError("需求编号须为正整数 a demand id is a positive number, got \(text)")
        }
        return DemandID(value)
    }

    /// A value of a closed vocabulary in English or Chinese, as a validation error otherwise.
    static func parse<V: Vocabulary>(_ type: V.Type, _ text: String) throws -> V {
        do {
            return try V(parsing: text)
        } catch let error as RegistryError {
            throw ValidationError("\(error)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List demands, newest first, a page at a time.",
            discussion: "Keyset pages: the last line gives the --after value of the next page.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @OptionGroup var tenant: TenantOption
        @Option(help: "Only this state (accepted, 已列入清单, …).") var state: String?
        @Option(help: "Only this category (code or Chinese name).") var category: String?
        @Option(help: "Only demands in the subtree of this org unit (its code).") var under: String?
        @Option(help: "Filed on or after this day (YYYY-MM-DD).") var from: String?
        @Option(help: "Filed on or before this day (YYYY-MM-DD).") var to: String?
        @Option(help: "Text the title contains.") var search: String?
        @Flag(help: "Only demands a project serves in part: their unmet remainder (未满足部分) is still on the list.") var unmet = false
        @Option(help: "Only demands escalated to this level (网格 grid, 社区 community, 街道 street, 区县 district): with --under, what is on that desk.") var level: String?
        @Flag(help: "Only open demands (filed, not closed).") var open = false
        @Option(help: "Demands per page (1–\(DemandStore.maximumPageSize)).") var limit = 50
        @Option(help: "The cursor printed under the previous page.") var after: String?
        @OptionGroup var columns: ColumnChoice
        @Flag(help: "Print the page as JSON.") var json = false
        @Flag(help: "Print PostgreSQL's plan of the page's query, run and measured (EXPLAIN ANALYZE, BUFFERS), instead of the page.")
        var explain = false

        static let headers = ["编号 id", "需求编号 ext", "需求名称 title", "类别 category", "组织 org", "数量 quantity", "优先 pri",
                              "状态 state", "层级 level", "提出 filed"]

        func validate() throws {
            _ = try columns.positions(in: Self.headers)
            _ = try filter()
            if let after { _ = try DemandCommand.id(after) }
            guard (1...DemandStore.maximumPageSize).contains(limit) else {
                throw ValidationError("--limit 须为 1–\(DemandStore.maximumPageSize) must be 1 to \(DemandStore.maximumPageSize)")
            }
        }

        func filter() throws -> DemandFilter {
            DemandFilter(
                state: try state.map { try DemandCommand.parse(DemandState.self, $0) }, category: category, under: under,
                filedFrom: try CommandLineValue.day(from, "--from"), filedTo: try CommandLineValue.day(to, "--to"), search: search, unmet: unmet,
                level: try level.map { try DemandCommand.parse(EscalationLevel.self, $0) }, open: open)
        }

        func run() async throws {
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let district = try await tenant.resolve(in: registry)
                let cursor = try after.map(DemandCommand.id)
                if explain {
                    let plan = try await registry.withTenant(district, actor: commandLineActor, readOnly: true) { tx in
                        try await DemandStore.explainList(try filter(), limit: limit, after: cursor, in: tx)
                    }
                    for line in plan { terminal.print(line) }
                    return
                }
                let page = try await registry.withTenant(district, actor: commandLineActor, readOnly: true) { tx in
                    try await DemandStore.list(try filter(), limit: limit, after: cursor, in: tx)
                }
                if json { try terminal.json(page); return }
                terminal.table(
                    headers: Self.headers,
                    rows: page.items.map { item in
                        [String(item.id.rawValue), item.externalID ?? "", item.title, "\(item.categoryName) \(item.category)",
                         "\(item.orgName) \(item.orgCode)", item.quantity.unit.chineseText(item.quantity.amount), String(item.priority.value),
                         "\(item.state.chineseName) \(item.state.rawValue)",
                         "\(item.escalationLevel.chineseName) \(item.escalationLevel.rawValue)", item.filedOn.description]
                    },
                    // On a narrow terminal: filed, level, priority, category, external id go first.
                    optional: [1, 3, 6, 8, 9], only: try columns.positions(in: Self.headers))
                if let next = page.nextCursor {
                    terminal.print("下一页 next page: --after \(next)")
                } else {
                    terminal.print("（没有更多 end of list）")
                }
            }
        }
    }
}
