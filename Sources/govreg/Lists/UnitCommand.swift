import ArgumentParser
import Foundation
import GovregCommandLine
import ImportIssues
import Registry
import RegistryStore
import SpreadsheetCSV

/// `govreg unit …`: the registered units (双报到单位) of a district, the communities they
/// contract (包联) and the members they register for duty (双报到). Personal data is masked.
struct UnitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unit",
        abstract: "双报到单位 Registered units: list, show, and their members (contacts masked).",
        subcommands: [List.self, Show.self, Members.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List units, a page at a time.", discussion: "Keyset pages: the last line gives the --after value of the next page.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @OptionGroup var tenant: TenantOption
        @Option(help: "Only this kind (department, 学校, …).") var kind: String?
        @Option(help: "Only units contracting a community in the subtree of this org unit (its code).") var under: String?
        @Option(help: "Units per page.") var limit = 50
        @Option(help: "The cursor printed under the previous page.") var after: Int64?
        @OptionGroup var columns: ColumnChoice
        @Flag(help: "Print the page as JSON.") var json = false

        func validate() throws {
            _ = try columns.positions(in: UnitCommand.headers)
        }

        func run() async throws {
            let terminal = Terminal()
            let query = UnitQuery(kind: try kind.map { try CommandLineValue.word(UnitKind.self, $0) }, orgCode: under, after: after, limit: try UnitCommand.pageSize(limit))
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let page = try await registry.withTenant(try await tenant.resolve(in: registry), actor: commandLineActor, readOnly: true) { tx in try await UnitStore.list(query, in: tx) }
                if json { try terminal.json(page); return }
                UnitCommand.table(page.items, only: try columns.positions(in: UnitCommand.headers), on: terminal)
                UnitCommand.footer(page.nextCursor, on: terminal)
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one unit with its communities, members (masked) and resources.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @OptionGroup var tenant: TenantOption
        @Argument(help: "The unit's external id (or id).") var unit: String
        @Flag(help: "Print as JSON.") var json = false

        func run() async throws {
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let detail = try await registry.withTenant(try await tenant.resolve(in: registry), actor: commandLineActor, readOnly: true) { tx in try await UnitStore.show(unit, in: tx) }
                if json { try terminal.json(detail); return }
                UnitCommand.table([detail.unit], on: terminal)
                terminal.print("\n成员 members (\(detail.members.count))")
                UnitCommand.members(detail.members, on: terminal)
                terminal.print("\n资源 resources (\(detail.resources.count))")
                ResourceCommand.table(detail.resources, on: terminal)
            }
        }
    }

    struct Members: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List members reporting for duty (双报到), personal data masked, a page at a time.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @OptionGroup var tenant: TenantOption
        @Option(help: "Only members this unit registered (external id or id).") var unit: String?
        @Option(help: "Only members reporting to a community in the subtree of this org unit (its code).") var under: String?
        @Option(help: "Members per page.") var limit = 50
        @Option(help: "The cursor printed under the previous page.") var after: Int64?
        @Flag(help: "Print the page as JSON.") var json = false

        func run() async throws {
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let page = try await registry.withTenant(try await tenant.resolve(in: registry), actor: commandLineActor, readOnly: true) { tx in try await MemberStore.list(
                    MemberQuery(unit: unit, orgCode: under, after: after, limit: try UnitCommand.pageSize(limit)), in: tx) }
                if json { try terminal.json(page); return }
                UnitCommand.members(page.items, on: terminal)
                UnitCommand.footer(page.nextCursor, on: terminal)
            }
        }
    }

    // MARK: - Shared by the unit, resource and project commands

    static let headers = ["编号 id", "单位编号 ext", "名称 name", "类型 kind", "联系人 contact", "电话 phone", "包联社区 communities", "成员 members", "资源 resources"]

    static func table(_ units: [UnitRecord], only: [Int]? = nil, on terminal: Terminal) {
        terminal.table(
            headers: headers,
            rows: units.map { unit in
                [String(unit.id), unit.externalID ?? "", unit.name, "\(unit.kind.chineseName) \(unit.kind.rawValue)", unit.contactName ?? "", unit.contactPhone ?? "",
                 unit.communities.map { "\($0.name) \($0.code)" }.joined(separator: "、"), String(unit.memberCount), String(unit.resourceCount)]
            }, only: only)
    }

    static func members(_ members: [MemberRecord], on terminal: Terminal) {
        terminal.table(
            headers: ["编号 id", "人员编号 ext", "姓名 name", "手机 phone", "身份证 id card", "报到单位 unit", "报到社区 community", "报到日期 on"],
            rows: members.map { member in
                [String(member.id), member.externalID ?? "", member.name, member.phone ?? "", member.idCard ?? "", member.unitName,
                 "\(member.communityName) \(member.communityCode)", member.registeredOn.description]
            })
    }

    /// The last line of a page: the next cursor, or the end.
    static func footer(_ next: Int64?, on terminal: Terminal) {
        terminal.print(next.map { "下一页 next page: --after \($0)" } ?? "（没有更多 end of list）")
    }

    /// A page size of 1–500.
    static func pageSize(_ limit: Int) throws -> Int {
        guard (1...500).contains(limit) else { throw ValidationError("--limit 须为 1–500 must be 1 to 500") }
        return limit
    }
}

