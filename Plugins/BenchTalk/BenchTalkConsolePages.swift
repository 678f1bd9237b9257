import Registry
import RegistryStore

/// The bench talk's page in the console: the topics residents raised, newest meeting first,
/// with what became of each, filtered by outcome.
struct BenchTalkConsolePages: ModuleConsolePages {
    var pages: [ModuleConsolePage] { [
        ModuleConsolePage("topics", chinese: "议题", english: "Topics") { query, tx in
            let outcome = query["outcome"].flatMap { TopicOutcome(rawValue: $0) }
            let topics = try await BenchTalkStore.topics(outcome: outcome, limit: 100, in: tx)
            let today = try tx.today()
            let overdue = try await BenchTalkStore.topics(overdueOn: today, limit: 100, in: tx)
            typealias W = ModulePageContent.Words
            return ModulePageContent([
                .init(facts: [(W("逾期未答复", "Open past the reply deadline"), "\(overdue.count)")]),
                .init(
                    heading: W("最近的议题", "Recent topics"),
                    columns: [W("会议日期", "Meeting"), W("地点", "Place"), W("议题", "Topic"), W("结果", "Outcome"), W("需求", "Demand")],
                    rows: topics.map { t in
                        [t.meetingHeldOn.description, t.placeName, t.title, t.outcome.rawValue,
                         t.demandID.map { "#\($0.rawValue)" } ?? (t.answer ?? t.referredTo ?? "")]
                    },
                    empty: W("尚无议题", "No topics yet")),
            ])
        },
    ] }
}
