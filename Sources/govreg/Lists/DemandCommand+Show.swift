import ArgumentParser
import Foundation
import GovregCommandLine
import Registry
import RegistryStore

extension DemandCommand {
    /// `govreg demand show ID --tenant T [--json]`: one demand with its history.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one demand with its history.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @OptionGroup var tenant: TenantOption
        @Argument(help: "The demand: its external id (需求编号) or its number.") var id: String
        @Flag(help: "Print the demand as JSON.") var json = false

        func run() async throws {
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let tenant = try await tenant.resolve(in: registry)
                let (detail, zone) = try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in
                    (try await DemandStore.get(try await DemandStore.id(of: id, in: tx), in: tx), tx.timeZone)
                }
                if json { try terminal.json(detail); return }
                // In the district's zone: the day shown is the one `demand list` shows and
                // `--from`/`--to` select, since the district's days are counted in it too.
                let terminal = terminal.showingTimes(in: zone)
                let demand = detail.demand
                var lines: [(String, String)] = [
                    ("编号 id", "\(demand.id)" + (demand.externalID.map { " (\($0))" } ?? "")),
                    ("需求名称 title", demand.title),
                    ("类别 category", "\(detail.categoryName) \(demand.category)"),
                    ("组织 org unit", "\(detail.orgName) \(detail.orgCode)"),
                    ("来源 channel", "\(registry.modules.sourceChannels.chineseName(of: demand.sourceChannel)) \(demand.sourceChannel.rawValue)"),
                    ("数量 quantity", demand.quantity.unit.chineseText(demand.quantity.amount)),
                    ("优先级 priority", "\(demand.priority)"),
                    ("状态 state", "\(demand.state.chineseName) \(demand.state.rawValue)"
                        + (demand.publicStatus.map { "  公示 public: \($0.chineseName) \($0.rawValue)" } ?? "")),
                    ("层级 level", "\(demand.escalationLevel.chineseName) \(demand.escalationLevel.rawValue)"),
                    ("提出 filed", terminal.moment(detail.filedAt)),
                    ("公示 disclosed", demand.isPublic ? "是 yes" + (demand.publishedOn.map { " \($0)" } ?? "") : "否 no"),
                ]
                // One table row per field: line breaks in a description would break the table.
                if let details = demand.details {
                    lines.insert(("描述 description", details.split(whereSeparator: \.isNewline).joined(separator: " ⏎ ")), at: 2)
                }
                if let due = demand.dueOn { lines.append(("期限 due", due.description)) }
                if let beneficiaries = demand.beneficiaries { lines.append(("受益人数 beneficiaries", "\(beneficiaries)")) }
                if let settled = demand.settledLevel { lines.append(("办结层级 settled at", "\(settled.chineseName) \(settled.rawValue)")) }
                if let merged = demand.mergedInto { lines.append(("并入 merged into", "\(merged)")) }
                if let rating = demand.rating {
                    lines.append(("评分 rating", "\(rating.score)/5" + (rating.comment.map { " \($0)" } ?? "")))
                }
                if demand.reporter != nil { lines.append(("提出人 reporter", "已登记 recorded (personal data not shown)")) }
                terminal.table(headers: ["字段 field", "值 value"], rows: lines.map { [$0.0, $0.1] })
                terminal.print("")
                guard !detail.history.isEmpty else {
                    terminal.print("（尚无流转记录 no history yet）")
                    return
                }
                terminal.table(
                    headers: ["时间 at", "经办 actor", "变更 change", "公开 visibility", "说明 note / 理由 reason"],
                    rows: detail.history.map { entry in
                        let change = switch entry.kind {
                        case .transition:
                            "\(entry.fromState?.chineseName ?? "") → \(entry.toState?.chineseName ?? "") (\(entry.toState?.rawValue ?? ""))"
                        case .escalation:
                            "上报 escalated \(entry.fromLevel?.chineseName ?? "") → \(entry.toLevel?.chineseName ?? "") (\(entry.toLevel?.rawValue ?? ""))"
                        case .remainder:
                            "未满足部分 unmet remainder"
                        }
                        let text = [entry.note, entry.reason.map { "理由 reason: \($0)" }].compactMap { $0 }.joined(separator: "; ")
                        return [terminal.moment(entry.at), entry.actor, change, "\(entry.visibility.chineseName) \(entry.visibility.rawValue)", text]
                    })
            }
        }
    }
}
