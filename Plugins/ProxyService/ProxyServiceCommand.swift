import ArgumentParser
import Foundation
import GovregCommandLine
import ImportIssues
import Registry
import RegistryImport
import RegistryStore
import SpreadsheetCSV

/// `govreg proxy-service …`: the ProxyService module's commands (帮代办), for a district that
/// has enabled it (`govreg module enable proxy_service --tenant T`).
struct ProxyServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proxy-service",
        abstract: "帮代办 Proxy service (module proxy_service): the catalogue of service items, and the requests agents carry for residents.",
        subcommands: [Items.self, ImportItems.self, Receive.self, Documents.self, Move.self, Requests.self, Show.self, Summary.self])

    struct Items: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The catalogue of service items 服务事项目录, town items first.")
        @OptionGroup var target: ModuleCommandOptions
        @Option(help: "town 镇级 or village 村级.") var level: String?

        func run() async throws {
            let wanted = try level.map { text in
                guard let value = ServiceLevel(parsing: text) else { throw ValidationError("--level: town 镇级 or village 村级") }
                return value
            }
            try await target.run { registry, tenant in
                let items = try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in try await ProxyServiceStore.items(level: wanted, in: tx) }
                if target.json { return try Terminal().json(items) }
                Terminal().table(
                    headers: ["编码 code", "事项 item", "层级 level", "审批部门 department", "时限 deadline", "材料 documents"],
                    rows: items.map { ["\($0.code)", $0.name, "\($0.level.chineseName) \($0.level.rawValue)", $0.department,
                                       $0.deadline.description, $0.documents.joined(separator: "、")] })
            }
        }
    }

    struct ImportItems: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-items",
            abstract: "Import service items from a CSV file, matched on their code: all or nothing, every problem listed by line.",
            discussion: """
                Columns (Chinese names accepted): code 事项编码, name 事项名称, level 层级 (镇级/村级), department 审批部门, \
                deadline_days 办理时限, deadline_kind 时限单位 (工作日/自然日; default working days), documents 所需材料 (separated by ；).
                """)
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The CSV file.") var file: String
        @Flag(help: "Check the file against the catalogue and count what would change; write nothing.") var dryRun = false

        func run() async throws {
            let data: Data
            do { data = try Data(contentsOf: URL(filePath: file)) } catch { throw ValidationError("无法读取文件 cannot read \(file): \(error.localizedDescription)") }
            let terminal = Terminal()
            let summary: ImportSummary
            do {
                let rows = try ProxyServiceCommand.rows(data)
                summary = try await target.run { registry, tenant in
                    do {
                        return try await registry.withTenant(tenant, actor: commandLineActor) { tx in
                            let summary = try await ProxyServiceStore.importItems(rows, in: tx)
                            if dryRun { throw DryRun(summary: summary) }   // rolls the import back
                            return summary
                        }
                    } catch let finished as DryRun { return finished.summary }
                }
            } catch let rejected as ImportRejected {
                if target.json { try terminal.json(ImportRejection(rejected.issues)) } else { terminal.warn(rejected.description) }
                throw ExitCode(1)
            }
            if target.json { return try terminal.json(summary) }
            terminal.print("\(dryRun ? "检查通过，未写入 checked, nothing written (--dry-run); would be" : "服务事项 items:") "
                + "\(summary.inserted) new 新增, \(summary.updated) updated 更新, \(summary.unchanged) unchanged 未变")
        }

        struct DryRun: Error { var summary: ImportSummary }
    }

    struct Receive: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take a request for a resident 受理代办: the deadline comes from the item.")
        @OptionGroup var target: ModuleCommandOptions
        @Option(help: "The service item's code.") var item: String
        @Option(help: "Where: an org code (village, community, grid …).") var place: String
        @Option(help: "The agent 代办员: an account login or a name.") var agent: String
        @Option(help: "The resident's name (masked in every list).") var resident: String
        @Option(help: "The resident's phone (masked in every list).") var phone: String?
        @Option(help: "The day it was received (YYYY-MM-DD; default today).") var on: String?
        @Option(help: "A checklist document handed over now; repeat for several.") var document: [String] = []
        @Option(help: "A note.") var note: String?

        func run() async throws {
            let name: PersonalName, number: PhoneNumber?
            do { (name, number) = (try PersonalName(resident), try phone.map(PhoneNumber.init)) } catch { throw ValidationError("--resident/--phone: \(error)") }
            let day = try CommandLineValue.day(on, "--on")
            try await target.show { registry, tenant in
                try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await ProxyServiceStore.receive(
                    RequestDraft(itemCode: item, placeCode: place, agent: agent, residentName: name, residentPhone: number,
                                 receivedOn: try day ?? tx.today(), documentsReceived: document, note: note), in: tx) }
            }
        }
    }

    struct Documents: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tick checklist documents received from the resident 补收材料.")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The request's number.") var request: Int64
        @Option(help: "A document received; repeat for several.") var document: [String]
        @Option(help: "The day (YYYY-MM-DD; default today).") var on: String?

        func run() async throws {
            let day = try CommandLineValue.day(on, "--on")
            try await target.show { registry, tenant in
                try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await ProxyServiceStore.receiveDocuments(request, document, on: day, in: tx) }
            }
        }
    }

    struct Move: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move a request: received 已受理 → submitted 已报送 → completed 已办结 or refused 不予办理 (--reason) → returned 已送达.")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The request's number.") var request: Int64
        @Option(help: "submitted, completed, refused or returned.") var to: String
        @Option(help: "Why the department refused it (refused only).") var reason: String?
        @Option(help: "The day (YYYY-MM-DD; default today).") var on: String?

        func run() async throws {
            guard let step = RequestStep(rawValue: to) else { throw ValidationError("--to: submitted, completed, refused or returned") }
            let day = try CommandLineValue.day(on, "--on")
            try await target.show { registry, tenant in
                try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await ProxyServiceStore.move(request, to: step, reason: reason, on: day, in: tx) }
            }
        }
    }

    struct Requests: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Requests 代办件, newest first: all, at one step, or those overdue on a day (longest overdue first).")
        @OptionGroup var target: ModuleCommandOptions
        @Option(help: "received, submitted, completed, refused or returned.") var step: String?
        @Option(help: "Only open requests whose deadline passed before this day (YYYY-MM-DD).") var overdueOn: String?
        @Option(help: "How many.") var limit = 100

        func run() async throws {
            let wanted = try step.map { text in
                guard let value = RequestStep(rawValue: text) else { throw ValidationError("--step: received, submitted, completed, refused or returned") }
                return value
            }
            let day = try CommandLineValue.day(overdueOn, "--overdue-on")
            try await target.run { registry, tenant in
                let requests = try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in
                    try await ProxyServiceStore.requests(step: wanted, overdueOn: day, limit: limit, in: tx) }
                if target.json { return try Terminal().json(requests) }
                ProxyServiceCommand.print(requests)
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One request with its documents 代办件详情.")
        @OptionGroup var target: ModuleCommandOptions
        @Argument(help: "The request's number.") var request: Int64

        func run() async throws {
            try await target.show { registry, tenant in
                try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in try await ProxyServiceStore.request(request, in: tx) }
            }
        }
    }

    struct Summary: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The report section for a period: requests per item, decided on time, overdue, median days.")
        @OptionGroup var target: ModuleCommandOptions
        @Option(help: "From (YYYY-MM-DD).") var from: String
        @Option(help: "To (YYYY-MM-DD).") var to: String

        func run() async throws {
            let (start, end) = (try CommandLineValue.day(from, "--from")!, try CommandLineValue.day(to, "--to")!)
            try await target.run { registry, tenant in
                let summary = try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in try await ProxyServiceStore.summary(from: start, to: end, in: tx) }
                if target.json { return try Terminal().json(summary) }
                Terminal().print(ProxyServiceCommand.text(summary))
            }
        }
    }

    /// The CSV's rows as written, or the file's own problems (encoding, header).
    static func rows(_ data: Data) throws -> [ServiceItemRow] {
        let header = HeaderMap(ServiceItemRow.columns.map { column in
            HeaderMap.Field(column.name, aliases: column.aliases, required: !["deadline_kind", "documents"].contains(column.name))
        })
        let file = ImportFile(data: data, header: header)
        let rows = Array(file.records.map { record in
            let text = { (name: String) in file.optionalText(name, of: record) ?? "" }
            return ServiceItemRow(line: record.line, code: text("code"), name: text("name"), level: text("level"), department: text("department"),
                                  deadlineDays: text("deadline_days"), deadlineKind: text("deadline_kind"), documents: text("documents"))
        })
        guard file.issues.isEmpty else { throw ImportRejected(issues: file.issues) }
        // The store checks the rows again; checked here, the problems name the file's own columns (层级, not level).
        if case .failure(let rejected) = ServiceItemRow.checked(rows) {
            var issues = IssueList()
            issues.append(contentsOf: rejected.issues.issues.map { issue in
                ImportIssue(line: issue.line, column: issue.column.map(file.columnName), value: issue.value, reason: issue.reason)
            })
            throw ImportRejected(issues: issues)
        }
        return rows
    }

    static func print(_ requests: [ProxyRequest]) {
        Terminal().table(
            headers: ["代办件 no.", "事项 item", "地点 place", "代办员 agent", "群众 resident", "受理 received", "期限 due", "状态 step", "缺材料 missing"],
            rows: requests.map { r in
                ["#\(r.id)", r.itemName, r.placeName, r.agent, r.resident, r.receivedOn.description, r.dueOn.description,
                 "\(r.step.chineseName) \(r.step.rawValue)" + (r.refusalReason.map { "：\($0)" } ?? ""), r.missingDocuments.joined(separator: "、")]
            })
    }

    static func text(_ s: ProxyServiceSummary) -> String {
        let top = s.topItems.map { "\($0.name) \($0.requests)" }.joined(separator: "; ")
        return """
            \(s.localName) \(s.from)–\(s.to): catalogue 事项 \(s.townItems) town 镇级 + \(s.villageItems) village 村级; \(s.requests) requests 代办件\
            \(top.isEmpty ? "" : " (\(top))") — completed 已办结 \(s.completed), refused 不予办理 \(s.refused), \
            on time 按时 \(s.decidedOnTime) of \(s.decided) (\(String(format: "%.0f%%", s.onTimeShare * 100))), overdue 逾期 \(s.overdue), \
            median 中位数 \(s.medianDays.map { String(format: "%.1f", $0) } ?? "—") days 天, returned 已送达 \(s.returned)
            """
    }
}

extension ModuleCommandOptions {
    /// Runs a command that answers one request and prints it with its documents.
    func show(_ body: (RegistryDatabase, UUID) async throws -> ProxyRequest) async throws {
        try await run(body) { request in
            ProxyServiceCommand.print([request])
            Terminal().table(headers: ["材料 document", "收到 received", "退还 returned"],
                             rows: request.documents.map { [$0.name, $0.receivedOn?.description ?? "未收 missing", $0.returnedOn?.description ?? ""] })
        }
    }
}
