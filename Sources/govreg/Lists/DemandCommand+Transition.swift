import ArgumentParser
import Foundation
import GovregCommandLine
import Registry
import RegistryStore

extension DemandCommand {
    /// `govreg demand transition ID STATE --tenant T [--note] [--reason] [--merged-into] [--rating] [--public]`.
    struct Transition: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move a demand along its workflow (draft → submitted → accepted → matched → in_project → resolved → rated).",
            discussion: """
                Side exits: rejected (needs --reason), merged (needs --merged-into), withdrawn. A move the workflow does \
                not allow is refused with the current state and the allowed ones. The event is internal unless --public: \
                then residents see it, with its --note.
                """)
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @OptionGroup var tenant: TenantOption
        @Argument(help: "The demand: its external id (需求编号) or its number.") var id: String
        @Argument(help: "The state to move to (English or Chinese: accepted, 已列入清单, …).") var state: String
        @Option(help: "A note; disclosed with the event when --public.") var note: String?
        @Option(help: "Why (required to reject; always internal).") var reason: String?
        @Option(help: "The demand it is merged into (external id or number; to merge).") var mergedInto: String?
        @Option(help: "The resident's rating 1–5 (to mark it rated).") var rating: Int?
        @Flag(help: "Disclose the event (and its note) to residents.") var `public` = false

        func validate() throws {
            _ = try DemandCommand.parse(DemandState.self, state)
            if let rating, !Rating.scores.contains(rating) { throw ValidationError("--rating 须为 1–5 must be 1 to 5") }
        }

        func run() async throws {
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let tenant = try await tenant.resolve(in: registry)
                let event = try await registry.withTenant(tenant, actor: commandLineActor) { tx in
                    let target = try await DemandStore.id(of: id, in: tx)
                    let mergeTarget: DemandID? = if let mergedInto {
                        try await DemandStore.id(of: mergedInto, in: tx)
                    } else {
                        nil
                    }
                    return try await DemandStore.transition(
                        target, to: try DemandCommand.parse(DemandState.self, state), note: note, reason: reason,
                        mergedInto: mergeTarget, rating: try rating.map { try Rating(score: $0) },
                        visibility: `public` ? .public : .internal, in: tx)
                }
                terminal.print(
                    "需求 demand \(event.demand): \(event.from.chineseName) \(event.from.rawValue) → "
                        + "\(event.to.chineseName) \(event.to.rawValue) (\(event.visibility.chineseName) \(event.visibility.rawValue))")
            }
        }
    }

    /// `govreg demand escalate ID LEVEL --tenant T --reason TEXT` (吹哨).
    struct Escalate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Hand a demand up to a higher level (吹哨): grid → community → street → district.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @OptionGroup var tenant: TenantOption
        @Argument(help: "The demand: its external id (需求编号) or its number.") var id: String
        @Argument(help: "The level: community 社区, street 街道 or district 区县.") var level: String
        @Option(help: "Why the current level cannot settle it.") var reason: String

        func validate() throws {
            _ = try DemandCommand.parse(EscalationLevel.self, level)
        }

        func run() async throws {
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let tenant = try await tenant.resolve(in: registry)
                let escalation = try await registry.withTenant(tenant, actor: commandLineActor) { tx in
                    try await DemandStore.escalate(
                        try await DemandStore.id(of: id, in: tx),
                        to: try DemandCommand.parse(EscalationLevel.self, level), reason: reason, in: tx)
                }
                terminal.print(
                    "需求 demand \(escalation.demand): 上报 escalated \(escalation.from.chineseName) \(escalation.from.rawValue) → "
                        + "\(escalation.to.chineseName) \(escalation.to.rawValue)")
            }
        }
    }
}
