import ArgumentParser
import Foundation
import GovregCommandLine
import Registry
import RegistryStore

/// `govreg deliberation …`: the Deliberation module's commands (协商议事), for a district that
/// has enabled it (`govreg module enable deliberation --tenant T --settings s.json`).
struct DeliberationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliberation",
        abstract: "协商议事 Deliberation (module deliberation): cases, their rounds and steps, results, cost splits, demands.",
        subcommands: [Open.self, Cases.self, Show.self, Round.self, Advance.self, Close.self, Result.self, Publish.self, ToDemand.self, Summary.self])

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a case (议题) at the first step of the district's procedure.")
        @OptionGroup var target: ModuleCommandOptions
        @Option(help: "Where: an org code (village, community, grid …).") var place: String
        @Option(help: "The kind of matter, one of the district's (setting matter_kinds).") var kind: String
        @Option(help: "What is to be deliberated.") var title: String
        @Option(help: "The day it was taken up (YYYY-MM-DD).") var on: String

        func run() async throws {
            let draft = CaseDraft(placeCode: place, kind: kind, title: title, openedOn: try CommandLineValue.day(on, "--on")!)
            try await target.change { tx in try await DeliberationStore.open(draft, in: tx) }
        }
    }

    struct Cases: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cases, newest first: all, at a step, of a kind, or only the open ones.")
        @OptionGroup var target: ModuleCommandOptions
        @Option(help: "Only cases at this step.") var step: String?
        @Option(help: "Only cases of this kind of matter.") var kind: String?
        @Flag(help: "Only the cases not closed.") var open = false
        @Option(help: "How many.") var limit = 100

        func run() async throws {
            try await target.run { registry, tenant in
                let cases = try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in
                    try await DeliberationStore.cases(step: step, kind: kind, openOnly: open, limit: limit, in: tx)
                }
                if target.json { return try Terminal().json(cases) }
                DeliberationCommand.print(cases)
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A case with its rounds (residents' names masked).")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The case's number.") var id: Int64

        func run() async throws {
            try await target.run { registry, tenant in
                let detail = try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in try await DeliberationStore.show(id, in: tx) }
                if target.json { return try Terminal().json(detail) }
                DeliberationCommand.print(detail)
            }
        }
    }

    struct Round: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a round (轮次) of deliberation, with who came by role.")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The case's number.") var id: Int64
        @Option(help: "The day it was held (YYYY-MM-DD).") var on: String
        @Option(help: "Who came: ROLE=COUNT, or ROLE=COUNT:POSITION (e.g. 物业企业=1:愿承担一半); repeat per role.") var attended: [String] = []
        @Option(help: "A note.") var note: String?

        func run() async throws {
            let attendance = try attended.map { item in
                guard let equals = item.firstIndex(of: "=") else { throw ValidationError("--attended: ROLE=COUNT[:POSITION], got \(item)") }
                let rest = item[item.index(after: equals)...].split(separator: ":", maxSplits: 1)
                guard let count = rest.first.flatMap({ Int($0) }) else { throw ValidationError("--attended: ROLE=COUNT[:POSITION], got \(item)") }
                return Attendance(role: String(item[..<equals]), count: count, position: rest.count > 1 ? String(rest[1]) : nil)
            }
            let draft = RoundDraft(heldOn: try CommandLineValue.day(on, "--on")!, attendance: attendance, note: note)
            try await target.run { registry, tenant in
                let detail = try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await DeliberationStore.holdRound(id, draft, in: tx) }
                if target.json { return try Terminal().json(detail) }
                DeliberationCommand.print(detail)
            }
        }
    }

    struct Advance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move a case to the next step (no skipping, no going back).")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The case's number.") var id: Int64
        @Option(help: "The next step, as the district names it.") var to: String

        func run() async throws { try await target.change { tx in try await DeliberationStore.advance(id, to: to, in: tx) } }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close a case (办结) at the last step.")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The case's number.") var id: Int64
        @Option(help: "The day (YYYY-MM-DD; default today).") var on: String?

        func run() async throws {
            let day = try CommandLineValue.day(on, "--on")
            try await target.change { tx in try await DeliberationStore.close(id, on: day, in: tx) }
        }
    }

    struct Result: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the result: settled (达成一致), with a cost split, or unsettled.")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The case's number.") var id: Int64
        @Flag(help: "No agreement was reached (default: settled).") var unsettled = false
        @Option(help: "What was agreed, or why not.") var agreement: String
        @Option(help: "A share as PARTY=PERCENT, at most two decimals (物业企业=50); repeat; together exactly 100.") var share: [String] = []

        func run() async throws {
            let split: CostSplit?
            do { split = share.isEmpty ? nil : try CostSplit(parsing: share) } catch { throw ValidationError("--share: \(error)") }
            let draft = ResultDraft(result: unsettled ? .unsettled : .settled, agreement: agreement, split: split)
            try await target.change { tx in try await DeliberationStore.recordResult(id, draft, in: tx) }
        }
    }

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Publish the result (公示结果) with a text for the public, naming no resident.")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The case's number.") var id: Int64
        @Option(help: "The text the public reads.") var text: String
        @Option(help: "The day (YYYY-MM-DD; default today).") var on: String?

        func run() async throws {
            let day = try CommandLineValue.day(on, "--on")
            try await target.change { tx in try await DeliberationStore.publish(id, text: text, on: day, in: tx) }
        }
    }

    struct ToDemand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "to-demand",
            abstract: "File the work a settled case needs as a demand (submitted, source deliberation, at the case's place), linked both ways.")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The case's number.") var id: Int64
        @Option(help: "The category (code or name).") var category: String
        @Option(help: "The quantity, in the unit (yuan for money).") var quantity: String
        @Option(help: "计量单位 The measure unit (as `demand add` names it): yuan 元, volunteer_hours, items 件, sessions 场次, job 项.") var measureUnit: String
        @Option(help: "Priority 1–5.") var priority = 3
        @Option(help: "Due date (YYYY-MM-DD).") var dueOn: String?
        @Option(help: "The day it is filed (YYYY-MM-DD; default today).") var on: String?

        func run() async throws {
            let measure: MeasureUnit, amount: Int64
            do {
                measure = try MeasureUnit(parsing: measureUnit)
                amount = try measure.amount(quantity)
            } catch {
                throw ValidationError("--quantity/--measure-unit: \(error)")
            }
            let request = CaseDemandRequest(category: category, quantity: try Quantity(amount, measure), priority: try Priority(priority),
                                            dueOn: try CommandLineValue.day(dueOn, "--due-on"), filedOn: try CommandLineValue.day(on, "--on"))
            try await target.change { tx in try await DeliberationStore.turnIntoDemand(id, request, in: tx) }
        }
    }

    struct Summary: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The report section for a period: cases by kind and step, rounds, share settled.")
        @OptionGroup var target: ModuleCommandOptions
        @Option(help: "From (YYYY-MM-DD).") var from: String
        @Option(help: "To (YYYY-MM-DD).") var to: String

        func run() async throws {
            let (start, end) = (try CommandLineValue.day(from, "--from")!, try CommandLineValue.day(to, "--to")!)
            try await target.run { registry, tenant in
                let summary = try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in
                    try await DeliberationStore.summary(from: start, to: end, in: tx)
                }
                if target.json { return try Terminal().json(summary) }
                Terminal().print(DeliberationCommand.text(summary))
            }
        }
    }

    static func print(_ cases: [DeliberationCase]) {
        Terminal().table(
            headers: ["议题 case", "受理 opened", "地点 place", "类别 kind", "内容 title", "步骤 step", "轮次 rounds", "结果 result", "分摊 split", "需求 demand"],
            rows: cases.map { c in
                ["#\(c.id)", c.openedOn.description, c.placeName, c.kind, c.title,
                 c.closedOn.map { "已办结 closed \($0)" } ?? c.step, String(c.rounds),
                 c.result.map { "\($0.chineseName) \($0.rawValue)\(c.published ? " 已公示 published" : "")" } ?? "",
                 c.split.map(splitText) ?? "", c.demandExternalID ?? ""]
            })
    }

    static func print(_ detail: DeliberationDetail) {
        print([detail.deliberationCase])
        Terminal().table(
            headers: ["轮次 round", "日期 held on", "参与方 role", "人数 attendees", "姓名 names", "意见 position"],
            rows: detail.rounds.flatMap { round in
                round.attendance.map { a in
                    ["\(round.number)", round.heldOn.description, a.role, String(a.attendees), a.names.joined(separator: "、"), a.position ?? ""]
                }
            })
    }

    static func splitText(_ split: CostSplit) -> String {
        split.shares.map { "\($0.party) \(CostSplit.percent($0.basisPoints))" }.joined(separator: "、")
    }

    static func text(_ s: DeliberationSummary) -> String {
        let list = { (counts: [NamedCount]) in counts.map { "\($0.name) \($0.count)" }.joined(separator: "、") }
        return """
            \(s.localName) \(s.from)–\(s.to): \(s.cases) cases 议题 — by kind 按类别: \(list(s.byKind)); \
            open by step 在办按步骤: \(list(s.byStep)); closed 已办结 \(s.closed); \
            rounds per case 轮次 \(String(format: "%.1f", s.meanRounds)) mean 平均, \(s.maxRounds) max 最多; \
            settled 达成一致 \(s.settled) (\(String(format: "%.0f%%", s.settledShare * 100))); published 已公示 \(s.published); demands 转为需求 \(s.demands)
            """
    }
}

extension ModuleCommandOptions {
    /// Runs a change to one case in one transaction and prints the case.
    func change(_ body: (TenantTransaction) async throws -> DeliberationCase) async throws {
        try await run({ registry, tenant in try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await body(tx) } }) {
            DeliberationCommand.print([$0])
        }
    }
}
