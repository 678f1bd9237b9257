import ArgumentParser
import Foundation
import GovregCommandLine
import Registry
import RegistryStore

/// `govreg mediation …`: the MediationRoom module's commands (睦邻调解室), for a district that
/// has enabled it (`govreg module enable mediation_room --tenant T`).
struct MediationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mediation",
        abstract: "睦邻调解室 Mediation room (module mediation_room): disputes, four-colour tracking, outcomes.",
        subcommands: [Open.self, Move.self, Note.self, Cases.self, Show.self, Summary.self])

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a case (green) with its parties.")
        @OptionGroup var target: ModuleCommandOptions
        @Option(help: "Where: an org code.") var place: String
        @Option(help: "The dispute, briefly.") var title: String
        @Option(help: "general (the room's mediator) or difficult (joint mediation).") var grade = "general"
        @Option(help: "The mediator.") var mediator: String
        @Option(help: "Opened on (YYYY-MM-DD).") var on: String
        @Option(help: "ROLE:NAME[:PHONE], role applicant, respondent or other; repeat. Personal data: masked in every list.") var party: [String]

        func run() async throws {
            guard let level = CaseGrade(rawValue: grade) else { throw ValidationError("--grade: general or difficult") }
            let parties = try party.map { text -> PartyDraft in
                let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
                guard (2...3).contains(parts.count), let role = PartyRole(rawValue: parts[0]) else {
                    throw ValidationError("--party: ROLE:NAME[:PHONE], role applicant, respondent or other")
                }
                do {
                    return PartyDraft(role: role, name: try PersonalName(parts[1]), phone: parts.count == 3 ? try PhoneNumber(parts[2]) : nil)
                } catch { throw ValidationError("--party: \(error)") }
            }
            let draft = CaseDraft(placeCode: place, title: title, grade: level, mediator: mediator, openedOn: try CommandLineValue.day(on, "--on")!, parties: parties)
            try await target.show { registry, tenant in try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await MediationStore.open(draft, in: tx) } }
        }
    }

    struct Move: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move a case to another colour (green, blue, purple; red closes it with --outcome).")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The case's number.") var id: Int64
        @Option(help: "green, blue, purple or red.") var to: String
        @Option(help: "The day's note.") var note: String
        @Option(help: "With red: agreement, withdrawn or referred.") var outcome: String?
        @Option(help: "The day (YYYY-MM-DD; default today).") var on: String?

        func run() async throws {
            guard let colour = CaseColour(rawValue: to) else { throw ValidationError("--to: green, blue, purple or red") }
            let result = try outcome.map { text in
                guard let value = CaseOutcome(rawValue: text) else { throw ValidationError("--outcome: agreement, withdrawn or referred") }
                return value
            }
            let day = try CommandLineValue.day(on, "--on")
            try await target.show { registry, tenant in
                try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await MediationStore.move(id, to: colour, note: note, outcome: result, on: day, in: tx) }
            }
        }
    }

    struct Note: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a day's note to an open case's log.")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The case's number.") var id: Int64
        @Option(help: "The note.") var note: String
        @Option(help: "The day (YYYY-MM-DD; default today).") var on: String?

        func run() async throws {
            let day = try CommandLineValue.day(on, "--on")
            try await target.show { registry, tenant in try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await MediationStore.note(id, note, on: day, in: tx) } }
        }
    }

    struct Cases: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cases, newest first, by colour or grade.")
        @OptionGroup var target: ModuleCommandOptions
        @Option(help: "green, blue, purple or red.") var colour: String?
        @Option(help: "general or difficult.") var grade: String?

        func run() async throws {
            let wantedColour = try colour.map { text in
                guard let value = CaseColour(rawValue: text) else { throw ValidationError("--colour: green, blue, purple or red") }
                return value
            }
            let wantedGrade = try grade.map { text in
                guard let value = CaseGrade(rawValue: text) else { throw ValidationError("--grade: general or difficult") }
                return value
            }
            try await target.run { registry, tenant in
                let cases = try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in try await MediationStore.cases(colour: wantedColour, grade: wantedGrade, in: tx) }
                if target.json { return try Terminal().json(cases) }
                Terminal().table(
                    headers: ["案件 case", "受理 opened", "地点 place", "纠纷 title", "等级 grade", "颜色 colour", "当事人 parties", "结果 outcome"],
                    rows: cases.map { c in
                        ["#\(c.id)", c.openedOn.description, c.placeName, c.title, c.grade.rawValue, c.colour.chineseName,
                         c.parties.joined(separator: ", "), c.outcome?.rawValue ?? ""]
                    })
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A case with its day-by-day log.")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The case's number.") var id: Int64

        func run() async throws {
            try await target.show { registry, tenant in try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in try await MediationStore.show(id, in: tx) } }
        }
    }

    struct Summary: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The report section for a period: cases by colour and grade, the success rate.")
        @OptionGroup var target: ModuleCommandOptions
        @Option(help: "From (YYYY-MM-DD).") var from: String
        @Option(help: "To (YYYY-MM-DD).") var to: String

        func run() async throws {
            let (start, end) = (try CommandLineValue.day(from, "--from")!, try CommandLineValue.day(to, "--to")!)
            try await target.run { registry, tenant in
                let s = try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in try await MediationStore.summary(from: start, to: end, in: tx) }
                if target.json { return try Terminal().json(s) }
                let colours = CaseColour.allCases.map { "\($0.chineseName) \(s.byColour[$0.rawValue] ?? 0)" }.joined(separator: ", ")
                Terminal().print("""
                    \(s.roomName) \(s.from)–\(s.to): \(s.cases) cases 件 (\(colours)); general 一般 \(s.byGrade["general"] ?? 0), \
                    difficult 疑难 \(s.byGrade["difficult"] ?? 0); closed 结案 \(s.closed), agreements 调解成功 \(s.agreements) \
                    (\(String(format: "%.0f%%", s.successRate * 100)))
                    """)
            }
        }
    }
}

extension ModuleCommandOptions {
    /// Runs a command that returns a case, and prints it with its log.
    func show(_ body: (RegistryDatabase, UUID) async throws -> MediationCase) async throws {
        try await run(body) { c in
            let terminal = Terminal()
            terminal.print("案件 case #\(c.id) \(c.title) — \(c.placeName), \(c.grade.rawValue), \(c.colour.chineseName)\(c.outcome.map { ", \($0.rawValue)" } ?? ""); mediator \(c.mediator); parties \(c.parties.joined(separator: ", "))")
            terminal.table(headers: ["日期 day", "颜色 colour", "记录 note"],
                           rows: c.log.map { [$0.on.description, $0.colour.chineseName + ($0.moved ? " ←" : ""), $0.note] })
        }
    }
}
