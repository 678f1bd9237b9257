import ArgumentParser
import Foundation
import GovregCommandLine
import Registry
import RegistryStore

/// `govreg points …`: the Points module's commands (积分制), for a district that has enabled it
/// (`govreg module enable points --tenant T`).
struct PointsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "points",
        abstract: "积分制 Points system (module points): the rule table, households, awards, redemptions, statements.",
        subcommands: [Rule.self, Rules.self, Register.self, Holders.self, Award.self, Redeem.self, Statement.self, Unpaid.self, Summary.self])

    struct Rule: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a rule: a kind of civic act, its points per unit and its cap per period.")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The kind, lowercase words with underscores (volunteer_hours).") var kind: String
        @Option(help: "Its Chinese name (志愿服务（小时）).") var name: String
        @Option(help: "Points per unit (an hour, an act).") var points: Int
        @Option(help: "The most one holder earns for it in a period (none: no cap).") var cap: Int?
        @Flag(help: "Retire the rule: it pays nothing more; its lines stay.") var retire = false

        func run() async throws {
            let rule = PointsRule(kind: kind, chineseName: name, pointsPerUnit: points, capPerPeriod: cap, active: !retire)
            try await target.run { registry, tenant in
                let saved = try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await PointsStore.setRule(rule, in: tx) }
                if target.json { return try Terminal().json(saved) }
                PointsCommand.print([saved])
            }
        }
    }

    struct Rules: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The rule table.")
        @OptionGroup var target: ModuleCommandOptions

        func run() async throws {
            try await target.run { registry, tenant in
                let rules = try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in try await PointsStore.rules(in: tx) }
                if target.json { return try Terminal().json(rules) }
                PointsCommand.print(rules)
            }
        }
    }

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a household (户) or a resident (个人) under the district's code.")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The holder's code (a household number, no spaces).") var code: String
        @Option(help: "Where the holder lives: an org code (village, community, compound).") var place: String
        @Option(help: "household or person.") var kind = "household"
        @Option(help: "A name staff know the holder by (personal data: never in reports).") var name: String?

        func run() async throws {
            guard let holderKind = HolderKind(rawValue: kind) else { throw ValidationError("--kind: household or person") }
            let draft = HolderDraft(code: code, kind: holderKind, placeCode: place, displayName: name)
            try await target.run { registry, tenant in
                let holder = try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await PointsStore.register(draft, in: tx) }
                if target.json { return try Terminal().json(holder) }
                PointsCommand.print([holder], names: true)
            }
        }
    }

    struct Holders: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The register, by code, with balances; names only with --names.")
        @OptionGroup var target: ModuleCommandOptions
        @Option(help: "Only holders of this org unit and below.") var place: String?
        @Flag(help: "Show the display names (personal data).") var names = false
        @Option(help: "How many.") var limit = 500

        func run() async throws {
            try await target.run { registry, tenant in
                var holders = try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in try await PointsStore.holders(place: place, limit: limit, in: tx) }
                if !names { holders = holders.map { var h = $0; h.displayName = nil; return h } }
                if target.json { return try Terminal().json(holders) }
                PointsCommand.print(holders, names: names)
            }
        }
    }

    struct Award: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a civic act by hand and pay it by the rule table (capped as the rule says).")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The holder's code.") var holder: String
        @Argument(help: "The kind of act.") var kind: String
        @Option(help: "How much of it (hours, or 1).") var quantity = 1
        @Option(help: "The act's unique name: the same occasion pays once (default: a new one).") var occasion: String?
        @Option(help: "The day (YYYY-MM-DD; default today).") var on: String?
        @Option(help: "A note.") var note: String?

        func run() async throws {
            let day = try CommandLineValue.day(on, "--on")
            try await target.run { registry, tenant in
                let outcome = try await registry.withTenant(tenant, actor: commandLineActor) { tx in
                    try await PointsStore.award(holder: holder, kind: kind, quantity: quantity, occasion: occasion, on: day, note: note, in: tx)
                }
                if target.json { return try Terminal().json(outcome) }
                if outcome.alreadyHeard { Terminal().print("已记录过 this occasion was recorded before; nothing more was paid") }
                PointsCommand.print(outcome.line.map { [$0] } ?? [])
            }
        }
    }

    struct Redeem: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Spend a holder's points (兑换); refused when the balance does not cover it.")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The holder's code.") var holder: String
        @Option(help: "Points to spend.") var points: Int
        @Option(help: "What was taken (大米 5kg).") var item: String
        @Option(help: "The day (YYYY-MM-DD; default today).") var on: String?
        @Option(help: "A note.") var note: String?

        func run() async throws {
            let day = try CommandLineValue.day(on, "--on")
            try await target.run { registry, tenant in
                let line = try await registry.withTenant(tenant, actor: commandLineActor) { tx in
                    try await PointsStore.redeem(holder: holder, points: points, item: item, on: day, note: note, in: tx)
                }
                if target.json { return try Terminal().json(line) }
                PointsCommand.print([line])
            }
        }
    }

    struct Statement: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A holder's statement for a month (积分对账单): opening balance, lines, closing balance.")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The holder's code.") var holder: String
        @Option(help: "The month (YYYY-MM; default this month).") var month: String?

        func run() async throws {
            try await target.run { registry, tenant in
                let statement = try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in
                    let day = try month.map { text in
                        guard let day = try? CivilDate(text.count == 7 ? text + "-01" : text) else { throw ValidationError("--month: YYYY-MM") }
                        return day
                    } ?? tx.today()
                    return try await PointsStore.statement(holder: holder, month: day, in: tx)
                }
                if target.json { return try Terminal().json(statement) }
                Terminal().print("\(statement.holderCode) \(statement.from)–\(statement.to): 期初 opening \(statement.opening)")
                PointsCommand.print(statement.lines)
                Terminal().print("获得 earned \(statement.earned), 兑换 redeemed \(statement.redeemed), 期末 closing \(statement.closing)")
            }
        }
    }

    struct Unpaid: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Acts heard but not paid, newest first, and why.")
        @OptionGroup var target: ModuleCommandOptions
        @Option(help: "How many.") var limit = 100

        func run() async throws {
            try await target.run { registry, tenant in
                let acts = try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in try await PointsStore.unpaidActs(limit: limit, in: tx) }
                if target.json { return try Terminal().json(acts) }
                Terminal().table(headers: ["日期 heard", "事由 occasion", "事项 kind", "户号 holder", "数量 qty", "原因 reason"], rows: acts.map { a in
                    [a.heardOn.description, a.occasion, a.kind, a.holderCode, String(a.quantity), "\(a.reason.chineseName) \(a.reason.rawValue)"]
                })
            }
        }
    }

    struct Summary: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The report section for a period: points issued by kind of act, and redeemed.")
        @OptionGroup var target: ModuleCommandOptions
        @Option(help: "From (YYYY-MM-DD).") var from: String
        @Option(help: "To (YYYY-MM-DD).") var to: String

        func run() async throws {
            let (start, end) = (try CommandLineValue.day(from, "--from")!, try CommandLineValue.day(to, "--to")!)
            try await target.run { registry, tenant in
                let summary = try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in try await PointsStore.summary(from: start, to: end, in: tx) }
                if target.json { return try Terminal().json(summary) }
                Terminal().table(headers: ["事项 kind", "名称 name", "次数 awards", "积分 points"],
                                 rows: summary.byKind.map { [$0.kind, $0.chineseName, String($0.awards), String($0.points)] })
                Terminal().print(PointsCommand.text(summary))
            }
        }
    }

    static func print(_ rules: [PointsRule]) {
        Terminal().table(headers: ["事项 kind", "名称 name", "每单位 per unit", "每期上限 cap", "状态 state"], rows: rules.map { r in
            [r.kind, r.chineseName, String(r.pointsPerUnit), r.capPerPeriod.map(String.init) ?? "—", r.active ? "启用 active" : "停用 retired"]
        })
    }

    static func print(_ holders: [PointsHolder], names: Bool) {
        Terminal().table(headers: ["户号 code", "类型 kind", "地点 place", "余额 balance"] + (names ? ["姓名 name"] : []), rows: holders.map { h in
            [h.code, "\(h.kind.chineseName) \(h.kind.rawValue)", h.placeName, String(h.balance)] + (names ? [h.displayName ?? ""] : [])
        })
    }

    static func print(_ lines: [LedgerLine]) {
        Terminal().table(headers: ["#", "日期 day", "户号 holder", "类别 entry", "事项 detail", "积分 points", "余额 balance"], rows: lines.map { l in
            let detail = l.entry == .award
                ? "\(l.kindName ?? l.kind ?? "") ×\(l.quantity ?? 1)\(l.capped ? " 已封顶 capped" : "")"
                : l.item ?? ""
            return ["\(l.id)", l.bookedOn.description, l.holderCode, "\(l.entry.chineseName) \(l.entry.rawValue)", detail,
                    l.points > 0 ? "+\(l.points)" : String(l.points), String(l.balanceAfter)]
        })
    }

    static func text(_ s: PointsSummary) -> String {
        "\(s.localName) \(s.from)–\(s.to): issued 发放 \(s.issued) points 分, \(s.redemptions) redemptions 兑换 of \(s.redeemed) points, " +
            "\(s.unpaidActs) acts not paid 未发放, \(s.activeHolders) of \(s.holders) holders 户 with lines"
    }
}
