import ArgumentParser
import Foundation
import GovregCommandLine
import Registry
import RegistryStore

/// `govreg red-property …`: the RedProperty module's commands (红色物业), for a district that
/// has enabled it (`govreg module enable red_property --tenant T`).
struct RedPropertyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "red-property",
        abstract: "红色物业 Red property (module red_property): compounds' companies, branches, appointments, the problem ledger.",
        subcommands: [Assign.self, Branch.self, Appoint.self, Raise.self, Escalate.self, Respond.self, Close.self, Problems.self, Summary.self])

    struct Assign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record which property company serves a compound.")
        @OptionGroup var target: ModuleCommandOptions
        @Option(help: "The compound's org code.") var compound: String
        @Option(help: "The property company (unit external id).") var company: String
        @Option(help: "Since (YYYY-MM-DD).") var since: String?

        func run() async throws {
            let day = try CommandLineValue.day(since, "--since")
            try await target.run { registry, tenant in
                try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await RedPropertyStore.assign(compound: compound, company: company, since: day, in: tx) }
                Terminal().print("小区 \(compound) 由 \(company) 服务 compound \(compound) is served by \(company)")
            }
        }
    }

    struct Branch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a party branch set up in a property company.")
        @OptionGroup var target: ModuleCommandOptions
        @Option(help: "The property company (unit external id).") var company: String
        @Option(help: "The branch's name.") var name: String
        @Option(help: "Set up on (YYYY-MM-DD).") var setUpOn: String
        @Option(help: "Members.") var members = 0

        func run() async throws {
            let day = try CommandLineValue.day(setUpOn, "--set-up-on")!
            try await target.run { registry, tenant in
                try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await RedPropertyStore.setUpBranch(company: company, name: name, setUpOn: day, members: members, in: tx) }
                Terminal().print("支部 branch \(name) recorded")
            }
        }
    }

    struct Appoint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a cross-appointment (双向进入、交叉任职).")
        @OptionGroup var target: ModuleCommandOptions
        @Option(help: "The person's name (personal data: never disclosed).") var name: String
        @Option(help: "community_to_company or company_to_community.") var direction: String
        @Option(help: "The community's org code.") var community: String
        @Option(help: "The property company (unit external id).") var company: String
        @Option(help: "The role taken.") var role: String
        @Option(help: "Since (YYYY-MM-DD).") var since: String

        func run() async throws {
            guard let way = AppointmentDirection(rawValue: direction) else {
                throw ValidationError("--direction: community_to_company or company_to_community")
            }
            let draft = AppointmentDraft(personName: name, direction: way, communityCode: community, company: company, role: role,
                                         since: try CommandLineValue.day(since, "--since")!)
            try await target.run { registry, tenant in
                try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await RedPropertyStore.appoint(draft, in: tx) }
                Terminal().print("任职 appointment recorded")
            }
        }
    }

    struct Raise: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Log a problem in a compound (居民吹哨 / 物业报到).")
        @OptionGroup var target: ModuleCommandOptions
        @Option(help: "The compound's org code.") var compound: String
        @Option(help: "What is wrong.") var title: String
        @Option(help: "resident, company or grid_worker.") var by: String
        @Option(help: "The day (YYYY-MM-DD; default today).") var on: String?

        func run() async throws {
            guard let source = ProblemSource(rawValue: by) else { throw ValidationError("--by: resident, company or grid_worker") }
            let day = try CommandLineValue.day(on, "--on")
            try await target.problem { registry, tenant in
                try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await RedPropertyStore.raise(compound: compound, title: title, by: source, on: day, in: tx) }
            }
        }
    }

    struct Escalate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Hand a problem to the compound's company, with the district's response deadline.")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The problem's number.") var problem: Int64
        @Option(help: "The day (YYYY-MM-DD; default today).") var on: String?

        func run() async throws {
            let day = try CommandLineValue.day(on, "--on")
            try await target.problem { registry, tenant in try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await RedPropertyStore.escalate(problem, on: day, in: tx) } }
        }
    }

    struct Respond: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the company's response.")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The problem's number.") var problem: Int64
        @Option(help: "The response.") var response: String
        @Option(help: "The day (YYYY-MM-DD; default today).") var on: String?

        func run() async throws {
            let day = try CommandLineValue.day(on, "--on")
            try await target.problem { registry, tenant in try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await RedPropertyStore.respond(problem, response: response, on: day, in: tx) } }
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close a problem (销号): the fix is required.")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The problem's number.") var problem: Int64
        @Option(help: "What was done.") var fix: String
        @Option(help: "The day (YYYY-MM-DD; default today).") var on: String?

        func run() async throws {
            let day = try CommandLineValue.day(on, "--on")
            try await target.problem { registry, tenant in try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await RedPropertyStore.close(problem, fix: fix, on: day, in: tx) } }
        }
    }

    struct Problems: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The problem ledger: all, by status, or escalated ones past their deadline.")
        @OptionGroup var target: ModuleCommandOptions
        @Option(help: "open, escalated, responded or closed.") var status: String?
        @Option(help: "Only escalated problems not answered by their deadline before this day.") var overdueOn: String?

        func run() async throws {
            let wanted = try status.map { text in
                guard let value = ProblemStatus(rawValue: text) else { throw ValidationError("--status: open, escalated, responded or closed") }
                return value
            }
            let day = try CommandLineValue.day(overdueOn, "--overdue-on")
            try await target.run { registry, tenant in
                let problems = try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in try await RedPropertyStore.problems(status: wanted, overdueOn: day, in: tx) }
                if target.json { return try Terminal().json(problems) }
                RedPropertyCommand.print(problems)
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
                let summary = try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in try await RedPropertyStore.summary(from: start, to: end, in: tx) }
                if target.json { return try Terminal().json(summary) }
                Terminal().print(RedPropertyCommand.text(summary))
            }
        }
    }

    static func print(_ problems: [PropertyProblem]) {
        Terminal().table(
            headers: ["问题 problem", "小区 compound", "物业 company", "内容 title", "来源 by", "状态 status", "回应期限 respond by", "销号 fix"],
            rows: problems.map { p in
                ["#\(p.id)", p.compoundName, p.companyName, p.title, p.raisedBy.rawValue, "\(p.status.chineseName) \(p.status.rawValue)",
                 p.respondBy?.description ?? "", p.fix ?? ""]
            })
    }

    static func text(_ s: RedPropertySummary) -> String {
        let rate = String(format: "%.0f%%", s.closureRate * 100)
        return """
            红色物业 \(s.from)–\(s.to): \(s.compounds) compounds 小区, \(s.branches) branches 支部, \(s.appointments) cross-appointments 交叉任职; \
            problems 问题 \(s.problemsLogged) logged, \(s.problemsClosed) closed 销号 (\(rate)), \(s.overdueResponses) overdue 逾期未回应
            """
    }
}

extension ModuleCommandOptions {
    /// Runs a command that returns one problem, and prints it.
    func problem(_ body: (RegistryDatabase, UUID) async throws -> PropertyProblem) async throws {
        try await run(body) { RedPropertyCommand.print([$0]) }
    }
}
