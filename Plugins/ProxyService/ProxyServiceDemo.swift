import Foundation
import GovregCommandLine
import Registry
import RegistryStore

/// The demo's proxy service (帮代办), after Gaohu town's "网格+帮代办": a
/// small catalogue of town- and village-level items, and five requests taken in one town's
/// villages — one returned on time, one decided late, one refused by the department, one
/// still with the department past its deadline, one waiting for a document.
struct ProxyServiceDemo: ModuleDemo {
    let settings = "{}"
    /// A rural town's code (`T02`) and three of its villages (`T02C01` …).
    var town = "T02"
    var villages = ["T02C01", "T02C02", "T02C03"]

    static let catalogue: [(String, String, String, String, Int, String, String)] = [
        ("GH-T001", "城乡居民养老保险参保登记", "town", "县人力资源和社会保障局", 5, "working", "身份证；户口簿"),
        ("GH-T002", "残疾人证办理", "town", "县残疾人联合会", 20, "working", "身份证；户口簿；近期一寸照片；医院诊断证明"),
        ("GH-T003", "临时救助申请", "town", "镇民政办", 10, "working", "身份证；户口簿；困难情况说明；银行卡"),
        ("GH-T004", "高龄补贴申领", "town", "县民政局", 15, "working", "身份证；户口簿；银行卡"),
        ("GH-T005", "城乡居民医保报销", "town", "县医疗保障局", 30, "calendar", "身份证；医保卡；住院发票；出院小结"),
        ("GH-V001", "居住证明开具", "village", "村民委员会", 1, "working", "身份证；户口簿"),
        ("GH-V002", "就业创业证申领", "village", "镇劳动保障所", 3, "working", "身份证；近期一寸照片"),
    ]

    /// Imports the catalogue (matched on codes: a second run changes
    /// nothing) and takes the requests unless taken before; returns the year's summary.
    func load(_ demo: DemoContext) async throws -> ModuleDemoSummary {
        let rows = Self.catalogue.enumerated().map { index, item in
            ServiceItemRow(line: index + 2, code: item.0, name: item.1, level: item.2, department: item.3,
                           deadlineDays: String(item.4), deadlineKind: item.5, documents: item.6)
        }
        _ = try await demo.write { tx in try await ProxyServiceStore.importItems(rows, in: tx) }
        let taken = try await demo.read { tx in try await ProxyServiceStore.requests(limit: 1, in: tx) }
        if taken.isEmpty {
            demo.terminal.progress("模块 proxy_service 帮代办: a catalogue and five requests …")
            try await demo.write { tx in try await self.takeRequests(demo, tx) }
        }
        let summary = try await demo.read { tx in try await ProxyServiceStore.summary(from: try demo.day(1, 1), to: try demo.day(12, 31), in: tx) }
        return ModuleDemoSummary(text: ProxyServiceCommand.text(summary), figures: summary)
    }

    /// The five requests, in one transaction: all of them or none.
    private func takeRequests(_ demo: DemoContext, _ tx: TenantTransaction) async throws {
        func take(_ item: String, _ place: String, _ resident: String, _ on: CivilDate, _ documents: [String]) async throws -> Int64 {
            try await ProxyServiceStore.receive(RequestDraft(itemCode: item, placeCode: place, agent: "网格代办员", residentName: try PersonalName(resident),
                                                             receivedOn: on, documentsReceived: documents), in: tx).id
        }
        let elderly = try await take("GH-T004", villages[0], "陈寿生", try demo.day(3, 4), ["身份证", "户口簿", "银行卡"])
        try await ProxyServiceStore.move(elderly, to: .submitted, on: try demo.day(3, 5), in: tx)
        try await ProxyServiceStore.move(elderly, to: .completed, on: try demo.day(3, 15), in: tx)
        try await ProxyServiceStore.move(elderly, to: .returned, on: try demo.day(3, 16), in: tx)

        let disability = try await take("GH-T002", villages[1], "李桂英", try demo.day(4, 8), ["身份证", "户口簿", "近期一寸照片"])
        try await ProxyServiceStore.receiveDocuments(disability, ["医院诊断证明"], on: try demo.day(4, 10), in: tx)
        try await ProxyServiceStore.move(disability, to: .submitted, on: try demo.day(4, 11), in: tx)
        try await ProxyServiceStore.move(disability, to: .completed, on: try demo.day(5, 20), in: tx)
        try await ProxyServiceStore.move(disability, to: .returned, on: try demo.day(5, 22), in: tx)

        let relief = try await take("GH-T003", villages[0], "王德明", try demo.day(6, 3), ["身份证", "户口簿", "困难情况说明", "银行卡"])
        try await ProxyServiceStore.move(relief, to: .submitted, on: try demo.day(6, 4), in: tx)
        try await ProxyServiceStore.move(relief, to: .refused, reason: "家庭人均收入高于临时救助标准", on: try demo.day(6, 12), in: tx)
        try await ProxyServiceStore.move(relief, to: .returned, on: try demo.day(6, 13), in: tx)

        let pension = try await take("GH-T001", villages[2], "刘小芳", try demo.day(11, 18), ["身份证", "户口簿"])
        try await ProxyServiceStore.move(pension, to: .submitted, on: try demo.day(11, 19), in: tx)

        _ = try await take("GH-V001", town, "张建国", try demo.day(12, 27), ["身份证"])
    }

}
