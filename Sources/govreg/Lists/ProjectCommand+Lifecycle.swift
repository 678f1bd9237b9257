import ArgumentParser
import Foundation
import GovregCommandLine
import Registry
import RegistryStore

extension ProjectCommand {
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a project from demands and resources, in one transaction.",
            discussion: """
                The demands (accepted or matched) move to in_project and each allocation is drawn from its resource; \
                if anything is refused (a demand in another state, not enough remaining) nothing is written. \
                Example: govreg project create --tenant langao --title 幸福路修补 --unit U001 --demand D00017 --allocate R0003:20000
                """)
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @OptionGroup var tenant: TenantOption
        @Option(help: "What is done, e.g. 幸福路路面修补.") var title: String
        @Option(help: "The responsible unit (external id or id).") var unit: String
        @Option(help: "A demand served (external id or id); repeat for several.") var demand: [String]
        @Option(help: "RESOURCE:QTY drawn (resource external id or id; quantity in its unit, yuan for funds); repeat.") var allocate: [String] = []
        @Option(help: "The district's own id (default GR-P<id>).") var externalID: String?
        @Option(help: "A longer description.") var description: String?
        @Option(help: "Budget in yuan.") var budget: String?
        @Option(help: "Planned start (YYYY-MM-DD).") var startsOn: String?
        @Option(help: "Planned end (YYYY-MM-DD).") var dueOn: String?
        @Flag(help: "Disclose it on the public list.") var `public` = false
        @Option(help: "Day of disclosure (YYYY-MM-DD).") var publishedOn: String?
        @Flag(help: "Print the project as JSON.") var json = false

        func run() async throws {
            let allocations = try allocate.map { text in
                guard let request = ProjectAllocationRequest(parsing: text) else {
                    throw ValidationError("--allocate 须写作 RESOURCE:QTY must be RESOURCE:QTY, got \(text)")
                }
                return request
            }
            let draft = ProjectDraft(
                externalID: externalID, title: title, description: description, responsibleUnit: unit, demands: demand,
                allocations: allocations, budget: try budget.map { text in
                    do { return try Money(parsing: text) } catch { throw ValidationError("--budget: \(error)") }
                },
                startsOn: try CommandLineValue.day(startsOn, "--starts-on"), dueOn: try CommandLineValue.day(dueOn, "--due-on"),
                isPublic: `public`, publishedOn: try CommandLineValue.day(publishedOn, "--published-on"))
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let detail = try await registry.withTenant(try await tenant.resolve(in: registry), actor: commandLineActor) { tx in try await ProjectStore.create(draft, in: tx) }
                if json { try terminal.json(detail) } else { ProjectCommand.print(detail, on: terminal) }
            }
        }
    }

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "planned → in_progress: work starts.")
        @OptionGroup var target: ProjectCommandTarget
        @Option(help: "A note (projects are disclosed: write it for residents).") var note: String?

        func run() async throws {
            try await target.run { tx in try await ProjectStore.start(target.project, note: note, in: tx) }
        }
    }

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "公示 Disclose a project: the public site and public lists show it from the day given.")
        @OptionGroup var target: ProjectCommandTarget
        @Option(help: "The day of disclosure (YYYY-MM-DD; default today).") var on: String?

        func run() async throws {
            let day = try CommandLineValue.day(on, "--on")
            try await target.run { tx in try await ProjectStore.publish(target.project, on: day, in: tx) }
        }
    }

    struct Progress: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report progress (每季度汇报): a percentage that never goes back, a note, links to photos or documents.")
        @OptionGroup var target: ProjectCommandTarget
        @Option(help: "How far along, 0–100.") var percent: Int
        @Option(help: "The day of the report (YYYY-MM-DD; default today).") var on: String?
        @Option(help: "What was done.") var note: String?
        @Option(help: "A link (http or https) to a photo or document; repeat for several.") var attachment: [String] = []

        func run() async throws {
            let day = try CommandLineValue.day(on, "--on")
            try await target.run { tx in
                try await ProjectStore.report(target.project, percent: percent, on: day, note: note, attachments: attachment, in: tx)
            }
        }
    }

    struct Milestone: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a milestone (--title, --due-on), or mark one reached (--reached ID, --on).")
        @OptionGroup var target: ProjectCommandTarget
        @Option(help: "A new milestone's title, e.g. 材料到位.") var title: String?
        @Option(help: "The new milestone's due day (YYYY-MM-DD).") var dueOn: String?
        @Option(help: "The id of a milestone now reached (see `project show`).") var reached: Int64?
        @Option(help: "The day it was reached (YYYY-MM-DD; default today).") var on: String?

        func validate() throws {
            guard (title == nil) != (reached == nil) else { throw ValidationError("给出 --title 或 --reached 之一 give either --title or --reached") }
        }

        func run() async throws {
            let due = try CommandLineValue.day(dueOn, "--due-on"), day = try CommandLineValue.day(on, "--on")
            try await target.run { tx in
                if let reached {
                    return try await ProjectStore.reachMilestone(target.project, milestone: reached, on: day, in: tx)
                }
                return try await ProjectStore.addMilestone(target.project, title: title ?? "", dueOn: due, in: tx)
            }
        }
    }

    struct Complete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "in_progress → completed; its demands are resolved (with the level they were settled at).")
        @OptionGroup var target: ProjectCommandTarget
        @Option(help: "The day it was completed (YYYY-MM-DD; default today).") var on: String?
        @Option(help: "A note.") var note: String?

        func run() async throws {
            let day = try CommandLineValue.day(on, "--on")
            try await target.run { tx in try await ProjectStore.complete(target.project, on: day, note: note, in: tx) }
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "completed → checked (验收): inspected and accepted.")
        @OptionGroup var target: ProjectCommandTarget
        @Option(help: "The day of the check (YYYY-MM-DD; default today).") var on: String?
        @Option(help: "A note.") var note: String?

        func run() async throws {
            let day = try CommandLineValue.day(on, "--on")
            try await target.run { tx in try await ProjectStore.check(target.project, on: day, note: note, in: tx) }
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cancel a planned or running project: what it holds goes back to the resources, its demands back on the list.")
        @OptionGroup var target: ProjectCommandTarget
        @Option(help: "Why (required).") var reason: String
        @Option(help: "A note.") var note: String?

        func run() async throws {
            try await target.run { tx in try await ProjectStore.cancel(target.project, reason: reason, note: note, in: tx) }
        }
    }

    struct Rate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the residents' rating (评单) of a completed or checked project: 1–5 and a comment.")
        @OptionGroup var target: ProjectCommandTarget
        @Option(help: "1 (very dissatisfied) to 5 (very satisfied).") var score: Int
        @Option(help: "What the residents said.") var comment: String?

        func run() async throws {
            try await target.run { tx in try await ProjectStore.rate(target.project, score: score, comment: comment, in: tx) }
        }
    }
}
