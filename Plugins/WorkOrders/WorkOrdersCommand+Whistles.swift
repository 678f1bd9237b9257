import ArgumentParser
import Foundation
import GovregCommandLine
import Registry
import RegistryStore

extension WorkOrdersCommand {
    struct Whistle: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Blow the whistle (吹哨): summon departments on a matter beyond the community.")
        @OptionGroup var target: ModuleCommandOptions
        @Option(help: "The org code of who blows it (the street).") var place: String
        @Option(help: "The matter.") var matter: String
        @Option(help: "A department summoned (unit external id); repeat for each.") var department: [String] = []
        @Option(help: "The report deadline (YYYY-MM-DD; default the day plus the district's deadline).") var dueOn: String?
        @Option(help: "The work order that outgrew the community.") var order: Int64?
        @Option(help: "The day (YYYY-MM-DD; default today).") var on: String?

        func run() async throws {
            let (due, day) = (try CommandLineValue.day(dueOn, "--due-on"), try CommandLineValue.day(on, "--on"))
            try await target.whistle { registry, tenant in
                try await registry.withTenant(tenant, actor: commandLineActor) { tx in
                    try await WorkOrderStore.blowWhistle(placeCode: place, matter: matter, departments: department, dueOn: due, order: order, on: day, in: tx)
                }
            }
        }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A summoned department reports (报到).")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The whistle's number.") var whistle: Int64
        @Option(help: "The department (unit external id).") var unit: String
        @Option(help: "What it reports.") var report: String
        @Option(help: "The day (YYYY-MM-DD; default today).") var on: String?

        func run() async throws {
            let day = try CommandLineValue.day(on, "--on")
            try await target.whistle { registry, tenant in
                try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await WorkOrderStore.report(whistle, unit: unit, report: report, on: day, in: tx) }
            }
        }
    }

    struct Delay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Grant a summoned department a later deadline (延期), with the reason.")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The whistle's number.") var whistle: Int64
        @Option(help: "The department (unit external id).") var unit: String
        @Option(help: "The new deadline (YYYY-MM-DD).") var until: String
        @Option(help: "Why.") var reason: String
        @Option(help: "The day (YYYY-MM-DD; default today).") var on: String?

        func run() async throws {
            let (later, day) = (try CommandLineValue.day(until, "--until")!, try CommandLineValue.day(on, "--on"))
            try await target.whistle { registry, tenant in
                try await registry.withTenant(tenant, actor: commandLineActor) { tx in
                    try await WorkOrderStore.delay(whistle, unit: unit, until: later, reason: reason, on: day, in: tx)
                }
            }
        }
    }

    struct Whistles: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The whistles, newest first, with each department's report.")
        @OptionGroup var target: ModuleCommandOptions
        @Flag(help: "Only whistles with a department yet to report.") var awaiting = false

        func run() async throws {
            try await target.run { registry, tenant in
                let whistles = try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in try await WorkOrderStore.whistles(awaiting: awaiting, in: tx) }
                if target.json { return try Terminal().json(whistles) }
                WorkOrdersCommand.print(whistles)
            }
        }
    }

    struct Summary: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The report section for a period.")
        @OptionGroup var target: ModuleCommandOptions
        @Option(help: "From (YYYY-MM-DD).") var from: String
        @Option(help: "To (YYYY-MM-DD).") var to: String

        func run() async throws {
            let (start, end) = (try CommandLineValue.day(from, "--from")!, try CommandLineValue.day(to, "--to")!)
            try await target.run { registry, tenant in
                let summary = try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in try await WorkOrderStore.summary(from: start, to: end, in: tx) }
                if target.json { return try Terminal().json(summary) }
                Terminal().print(WorkOrdersCommand.text(summary))
            }
        }
    }

    static func print(_ whistles: [WorkOrders.Whistle]) {
        Terminal().table(
            headers: ["吹哨 whistle", "日期 blown", "吹哨方 by", "事项 matter", "部门 department", "报到期限 report by", "延期 delays", "报到 reported"],
            rows: whistles.flatMap { w in
                w.calls.map { c in
                    ["#\(w.id)", w.blownOn.description, w.placeName, w.matter, c.unitName, c.dueOn.description, "\(c.delays.count)",
                     c.reportedOn.map { "\($0) \(c.onTime ? "按时 on time" : "逾期 late")" } ?? "待报到 awaited"]
                }
            })
    }

    static func text(_ s: WorkOrderSummary) -> String {
        func days(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "—" }
        let steps = OrderStep.allCases.map { "\($0.chineseName) \($0.rawValue) \(s.byStep[$0.rawValue] ?? 0)" }.joined(separator: ", ")
        var lines = [
            "四联单 work orders \(s.from)–\(s.to): \(s.orders) taken 点单 (\(steps)); \(s.overdue) overdue 逾期",
            "median days 用时中位数: dispatch 派单 \(days(s.medianDispatchDays)), accept 接单 \(days(s.medianAcceptDays)), complete 办结 \(days(s.medianCompleteDays))",
            "rated satisfied 评单满意 \(s.satisfied)/\(s.rated) (\(String(format: "%.0f%%", s.satisfactionRate * 100)))",
            "whistles 吹哨 \(s.whistles), answered on time 按时报到 \(s.whistlesAnsweredOnTime); departments on time \(s.callsReportedOnTime)/\(s.calls); delays 延期 \(s.delays)",
        ]
        for unit in s.units {
            lines.append("  \(unit.unitName): dispatched 派单 \(unit.dispatches), declined 拒单 \(unit.declined), median accept 接单 \(days(unit.medianAcceptDays)) d, complete 办结 \(days(unit.medianCompleteDays)) d")
        }
        return lines.joined(separator: "\n")
    }
}
