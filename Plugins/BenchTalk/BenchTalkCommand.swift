import ArgumentParser
import Foundation
import GovregCommandLine
import Registry
import RegistryStore

/// `govreg bench-talk …`: the BenchTalk module's commands (板凳会), for a district that has
/// enabled it (`govreg module enable bench_talk --tenant T`).
struct BenchTalkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-talk",
        abstract: "板凳会 Bench talks (module bench_talk): meetings, their topics, and what became of each.",
        subcommands: [Meeting.self, Topics.self, Answer.self, Refer.self, ToDemand.self, Summary.self])

    struct Meeting: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a meeting and the topics raised (each starts open).")
        @OptionGroup var target: ModuleCommandOptions
        @Option(help: "The day it was held (YYYY-MM-DD).") var on: String
        @Option(help: "Where: an org code (community, grid, compound …).") var place: String
        @Option(help: "Who hosted it.") var host: String
        @Option(help: "How many residents came.") var attendees = 0
        @Option(help: "A link (http or https) to a photo; repeat for several.") var photo: [String] = []
        @Option(help: "A note.") var note: String?
        @Option(help: "A topic raised; repeat for several.") var topic: [String] = []

        func run() async throws {
            let draft = MeetingDraft(heldOn: try CommandLineValue.day(on, "--on")!, placeCode: place, host: host, attendees: attendees,
                                     photos: photo, note: note, topics: topic)
            try await target.run { registry, tenant in
                let meeting = try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await BenchTalkStore.hold(draft, in: tx) }
                if target.json { return try Terminal().json(meeting) }
                Terminal().print("会议 meeting #\(meeting.id) \(meeting.heldOn) \(meeting.placeName), \(meeting.attendees) attendees 人")
                BenchTalkCommand.print(meeting.topics)
            }
        }
    }

    struct Topics: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Topics, newest meeting first: all, by outcome, or those overdue.")
        @OptionGroup var target: ModuleCommandOptions
        @Option(help: "open, answered, demand or referred.") var outcome: String?
        @Option(help: "Only open topics whose reply was due before this day (YYYY-MM-DD).") var overdueOn: String?
        @Option(help: "How many.") var limit = 100

        func run() async throws {
            let wanted = try outcome.map { text in
                guard let value = TopicOutcome(rawValue: text) else { throw ValidationError("--outcome: open, answered, demand or referred") }
                return value
            }
            let day = try CommandLineValue.day(overdueOn, "--overdue-on")
            try await target.run { registry, tenant in
                let topics = try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in try await BenchTalkStore.topics(outcome: wanted, overdueOn: day, limit: limit, in: tx) }
                if target.json { return try Terminal().json(topics) }
                BenchTalkCommand.print(topics)
            }
        }
    }

    struct Answer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the answer given: open → answered (当场答复).")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The topic's number.") var topic: Int64
        @Option(help: "The answer.") var answer: String
        @Option(help: "The day (YYYY-MM-DD; default today).") var on: String?

        func run() async throws {
            let day = try CommandLineValue.day(on, "--on")
            try await target.settle { registry, tenant in try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await BenchTalkStore.answer(topic, answer: answer, on: day, in: tx) } }
        }
    }

    struct Refer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Refer a topic up: open → referred (上报).")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The topic's number.") var topic: Int64
        @Option(help: "To whom: a level or a department.") var to: String
        @Option(help: "The day (YYYY-MM-DD; default today).") var on: String?

        func run() async throws {
            let day = try CommandLineValue.day(on, "--on")
            try await target.settle { registry, tenant in try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await BenchTalkStore.refer(topic, to: to, on: day, in: tx) } }
        }
    }

    struct ToDemand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "to-demand",
            abstract: "Turn a topic into a demand on the demand list (submitted, source bench talk, at the meeting's place), linked both ways.")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The topic's number.") var topic: Int64
        @Option(help: "The category (code or name).") var category: String
        @Option(help: "The quantity, in the unit (yuan for money).") var quantity: String
        @Option(help: "计量单位 The measure unit (as `demand add` names it): yuan 元, volunteer_hours, items 件, sessions 场次, job 项.") var measureUnit: String
        @Option(help: "Priority 1–5.") var priority = 3
        @Option(help: "Due date (YYYY-MM-DD).") var dueOn: String?

        func run() async throws {
            let measure: MeasureUnit
            let amount: Int64
            do {
                measure = try MeasureUnit(parsing: measureUnit)
                amount = try measure.amount(quantity)
            } catch {
                throw ValidationError("--quantity/--measure-unit: \(error)")
            }
            let request = TopicDemandRequest(
                category: category, quantity: try Quantity(amount, measure), priority: try Priority(priority), dueOn: try CommandLineValue.day(dueOn, "--due-on"))
            try await target.settle { registry, tenant in try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await BenchTalkStore.turnIntoDemand(topic, request, in: tx) } }
        }
    }

    struct Summary: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The report section for a period: meetings, topics and what became of them.")
        @OptionGroup var target: ModuleCommandOptions
        @Option(help: "From (YYYY-MM-DD).") var from: String
        @Option(help: "To (YYYY-MM-DD).") var to: String

        func run() async throws {
            let (start, end) = (try CommandLineValue.day(from, "--from")!, try CommandLineValue.day(to, "--to")!)
            try await target.run { registry, tenant in
                let summary = try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in try await BenchTalkStore.summary(from: start, to: end, in: tx) }
                if target.json { return try Terminal().json(summary) }
                Terminal().print(BenchTalkCommand.text(summary))
            }
        }
    }

    static func print(_ topics: [BenchTalkTopic]) {
        Terminal().table(
            headers: ["议题 topic", "会议 meeting", "地点 place", "内容 title", "结果 outcome", "答复期限 due", "去向 detail"],
            rows: topics.map { topic in
                ["#\(topic.id)", topic.meetingHeldOn.description, topic.placeName, topic.title,
                 "\(topic.outcome.chineseName) \(topic.outcome.rawValue)", topic.replyDueOn.description,
                 topic.answer ?? topic.referredTo ?? topic.demandExternalID.map { "需求 \($0)\(topic.demandResolvedOn == nil ? "" : " 已解决 resolved")" } ?? ""]
            })
    }

    static func text(_ s: BenchTalkSummary) -> String {
        let share = String(format: "%.0f%%", s.answeredShare * 100)
        return """
            \(s.localName) \(s.from)–\(s.to): \(s.meetings) meetings 场, \(s.attendees) attendees 人次, \(s.topics) topics 议题 — \
            answered 当场答复 \(s.answered) (\(share)), demands 转为需求 \(s.turnedIntoDemands) (resolved 已解决 \(s.demandsResolved)), \
            referred 上报 \(s.referred), open 待答复 \(s.open) (overdue 逾期 \(s.overdue))
            """
    }
}

extension ModuleCommandOptions {
    /// Runs a command that settles a topic and prints the topic.
    func settle(_ body: (RegistryDatabase, UUID) async throws -> BenchTalkTopic) async throws {
        try await run(body) { BenchTalkCommand.print([$0]) }
    }
}
