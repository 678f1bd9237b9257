import ArgumentParser
import Foundation
import GovregCommandLine
import Registry
import RegistryStore

/// `govreg work-orders …`: the WorkOrders module's commands (四联单·吹哨报到), for a district
/// that has enabled it (`govreg module enable work_orders --tenant T`).
struct WorkOrdersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "work-orders",
        abstract: "四联单·吹哨报到 Work orders and whistles (module work_orders): order, dispatch, accept or decline, rate; whistles and reports.",
        subcommands: [Order.self, Dispatch.self, Accept.self, Decline.self, Complete.self, Rate.self, Cancel.self, List.self, Show.self,
                      Whistle.self, Report.self, Delay.self, Whistles.self, Summary.self])

    struct Order: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take a resident's order (点单): from a demand, or with a title and category.")
        @OptionGroup var target: ModuleCommandOptions
        @Option(help: "The org code where the order is taken.") var place: String
        @Option(help: "The demand it comes from (external id).") var demand: String?
        @Option(help: "What is asked for (default: the demand's title).") var title: String?
        @Option(help: "The category code (default: the demand's).") var category: String?
        @Option(help: "The day (YYYY-MM-DD; default today).") var on: String?

        func run() async throws {
            let draft = OrderDraft(placeCode: place, demand: demand, title: title, category: category, orderedOn: try CommandLineValue.day(on, "--on"))
            try await target.order { registry, tenant in try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await WorkOrderStore.order(draft, in: tx) } }
        }
    }

    struct Dispatch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Dispatch an order to a unit (下单).")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The order's number.") var order: Int64
        @Option(help: "The unit (external id).") var unit: String
        @Option(help: "The day (YYYY-MM-DD; default today).") var on: String?

        func run() async throws {
            let day = try CommandLineValue.day(on, "--on")
            try await target.order { registry, tenant in try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await WorkOrderStore.dispatch(order, to: unit, on: day, in: tx) } }
        }
    }

    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The unit accepts an order (接单).")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The order's number.") var order: Int64
        @Option(help: "The points holder's code of whoever serves (earns when the resident is satisfied).") var servedBy: String?
        @Option(help: "The day (YYYY-MM-DD; default today).") var on: String?

        func run() async throws {
            let day = try CommandLineValue.day(on, "--on")
            try await target.order { registry, tenant in try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await WorkOrderStore.accept(order, servedBy: servedBy, on: day, in: tx) } }
        }
    }

    struct Decline: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The unit declines an order, with a reason (拒单).")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The order's number.") var order: Int64
        @Option(help: "Why.") var reason: String
        @Option(help: "The day (YYYY-MM-DD; default today).") var on: String?

        func run() async throws {
            let day = try CommandLineValue.day(on, "--on")
            try await target.order { registry, tenant in try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await WorkOrderStore.decline(order, reason: reason, on: day, in: tx) } }
        }
    }

    struct Complete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the work done (办结).")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The order's number.") var order: Int64
        @Option(help: "What was done.") var result: String
        @Option(help: "The day (YYYY-MM-DD; default today).") var on: String?

        func run() async throws {
            let day = try CommandLineValue.day(on, "--on")
            try await target.order { registry, tenant in try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await WorkOrderStore.complete(order, result: result, on: day, in: tx) } }
        }
    }

    struct Rate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The resident rates the result (评单).")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The order's number.") var order: Int64
        @Flag(inversion: .prefixedNo, help: "Satisfied (满意) or not.") var satisfied: Bool
        @Option(help: "The score, 1 to 5.") var score: Int
        @Option(help: "The resident's words.") var comment: String?
        @Option(help: "The day (YYYY-MM-DD; default today).") var on: String?

        func run() async throws {
            let day = try CommandLineValue.day(on, "--on")
            try await target.order { registry, tenant in
                try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await WorkOrderStore.rate(order, satisfied: satisfied, score: score, comment: comment, on: day, in: tx) }
            }
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Withdraw an order no unit has taken on (撤单).")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The order's number.") var order: Int64
        @Option(help: "Why.") var reason: String
        @Option(help: "The day (YYYY-MM-DD; default today).") var on: String?

        func run() async throws {
            let day = try CommandLineValue.day(on, "--on")
            try await target.order { registry, tenant in try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await WorkOrderStore.cancel(order, reason: reason, on: day, in: tx) } }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The orders: all, by step, or open ones past their step's deadline.")
        @OptionGroup var target: ModuleCommandOptions
        @Option(help: "ordered, dispatched, declined, accepted, completed, rated or cancelled.") var status: String?
        @Option(help: "Only open orders past their deadline before this day (YYYY-MM-DD).") var overdueOn: String?

        func run() async throws {
            let wanted = try status.map { text in
                guard let value = OrderStep(rawValue: text) else {
                    throw ValidationError("--status: \(OrderStep.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return value
            }
            let day = try CommandLineValue.day(overdueOn, "--overdue-on")
            try await target.run { registry, tenant in
                let orders = try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in try await WorkOrderStore.orders(status: wanted, overdueOn: day, in: tx) }
                if target.json { return try Terminal().json(orders) }
                WorkOrdersCommand.print(orders)
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One order with every dispatch and answer.")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The order's number.") var order: Int64

        func run() async throws {
            try await target.run { registry, tenant in
                let found = try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in try await WorkOrderStore.order(order, in: tx) }
                if target.json { return try Terminal().json(found) }
                WorkOrdersCommand.print([found])
                Terminal().table(headers: ["单位 unit", "派单 dispatched", "接单期限 answer by", "答复 answer", "日期 on", "理由 reason"],
                                 rows: found.dispatches.map { d in
                                     [d.unitName, d.dispatchedOn.description, d.answerBy.description, d.answer?.rawValue ?? "待答复 awaited",
                                      d.answeredOn?.description ?? "", d.reason ?? ""]
                                 })
            }
        }
    }

    static func print(_ orders: [WorkOrder]) {
        Terminal().table(
            headers: ["订单 order", "点单 ordered", "地点 place", "内容 title", "类别 category", "环节 step", "单位 unit", "期限 due", "评单 rating"],
            rows: orders.map { o in
                ["#\(o.id)", o.orderedOn.description, o.placeName, o.title, o.category, "\(o.status.chineseName) \(o.status.rawValue)",
                 o.unitName ?? "", o.dueOn?.description ?? "",
                 o.satisfied.map { ($0 ? "满意 satisfied" : "不满意 not satisfied") + " \(o.score ?? 0)/5" } ?? ""]
            })
    }
}

extension ModuleCommandOptions {
    /// Runs a command that returns one order, and prints it.
    func order(_ body: (RegistryDatabase, UUID) async throws -> WorkOrder) async throws {
        try await run(body) { WorkOrdersCommand.print([$0]) }
    }

    /// Runs a command that returns one whistle, and prints it.
    func whistle(_ body: (RegistryDatabase, UUID) async throws -> WorkOrders.Whistle) async throws {
        try await run(body) { WorkOrdersCommand.print([$0]) }
    }
}
