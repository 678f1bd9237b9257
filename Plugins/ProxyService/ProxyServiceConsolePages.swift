import Registry
import RegistryStore

/// The proxy service's page in the console: the open requests with their deadlines, the
/// overdue ones first (read-only; residents masked).
struct ProxyServiceConsolePages: ModuleConsolePages {
    var pages: [ModuleConsolePage] { [
        ModuleConsolePage("requests", chinese: "在办代办件", english: "Open requests") { _, tx in
            let settings = try await ProxyServiceStore.enabledSettings(tx)
            let soon = Int(settings.integer("due_soon_days") ?? 2)
            let open = try await ProxyServiceStore.openRequests(in: tx)
            let today = try tx.today()
            typealias W = ModulePageContent.Words
            let overdue = open.filter { $0.dueOn < today }.count
            return ModulePageContent([
                .init(facts: [(W("在办", "Open"), "\(open.count)"), (W("逾期", "Overdue"), "\(overdue)"),
                              (W("今天", "Today"), today.description)]),
                .init(
                    heading: W("在办代办件（逾期在前）", "Open requests, overdue first"),
                    columns: [W("编号", "No."), W("事项", "Item"), W("地点", "Place"), W("代办员", "Agent"), W("群众", "Resident"),
                              W("受理", "Received"), W("期限", "Due"), W("状态", "Step"), W("时限", "Deadline"), W("缺材料", "Missing")],
                    rows: open.map { r in
                        ["#\(r.id)", r.itemName, r.placeName, r.agent, r.resident, r.receivedOn.description, r.dueOn.description,
                         "\(r.step.chineseName) \(r.step.rawValue)", Self.standing(r.dueOn, today: today, soon: soon),
                         r.missingDocuments.joined(separator: "、")]
                    },
                    empty: W("没有在办的代办件", "No open requests")),
            ])
        },
    ] }

    /// 逾期 3 天 overdue 3 days / 剩 1 天 due soon / 剩 5 天 5 days left.
    static func standing(_ due: CivilDate, today: CivilDate, soon: Int) -> String {
        let left = today.days(until: due)
        if left < 0 { return "逾期 \(-left) 天 overdue \(-left) days" }
        return left <= soon ? "临期 剩 \(left) 天 due soon, \(left) days left" : "剩 \(left) 天 \(left) days left"
    }
}
