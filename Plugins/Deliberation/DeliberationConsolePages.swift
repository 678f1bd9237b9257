import Registry
import RegistryStore

/// The deliberation page of the console (read-only): open cases by step, in the district's
/// order, and the open cases themselves.
struct DeliberationConsolePages: ModuleConsolePages {
    var pages: [ModuleConsolePage] { [
        ModuleConsolePage("cases", chinese: "在办议题", english: "Open cases") { query, tx in
            let byStep = try await DeliberationStore.openByStep(in: tx)
            let open = try await DeliberationStore.cases(step: query["step"], openOnly: true, limit: 100, in: tx)
            typealias W = ModulePageContent.Words
            return ModulePageContent([
                .init(heading: W("按步骤", "By step"), columns: [W("步骤", "Step"), W("在办议题", "Open cases")],
                      rows: byStep.map { [$0.name, String($0.count)] }, empty: W("尚无步骤", "No steps")),
                .init(
                    heading: W("在办议题", "Open cases"),
                    columns: [W("受理日期", "Opened"), W("地点", "Place"), W("类别", "Kind"), W("议题", "Case"), W("步骤", "Step"),
                              W("轮次", "Rounds"), W("结果", "Result")],
                    rows: open.map { c in
                        [c.openedOn.description, c.placeName, c.kind, c.title, c.step, String(c.rounds), c.result?.chineseName ?? ""]
                    },
                    empty: W("没有在办议题", "No open cases")),
            ])
        },
    ] }
}
