import Foundation
import Hummingbird
import ImportIssues
import Registry
import RegistryImport
import RegistryStore

/// Imports (导入): upload a spreadsheet (CSV or an Excel workbook's sheet, the columns of
/// `docs/csv-columns.md`), read the
/// dry run's report (every problem with its line and column, or what would change), then
/// import it, all or nothing, with the same code as `govreg import` and the API
/// (``SpreadsheetImport``). The file waits on the shelf between the two steps, so it is sent once.
enum ImportPages {
    static let routes = [
        ConsoleRoute(.get, "/imports", .tenantAdmin) { try await show($0) },
        ConsoleRoute(.post, "/imports", .tenantAdmin, uploads: true, dryRun),
        ConsoleRoute(.post, "/imports/commit", .tenantAdmin, commit),
    ]

    static func listName(_ list: String, _ w: Words) -> String {
        switch list {
        case "org": w("组织架构", "hierarchy")
        case "units": w("共建单位", "units")
        case "members": w("双报到成员", "members")
        case "demands": w("需求清单", "demands")
        case "resources": w("资源清单", "resources")
        case "projects": w("项目清单", "projects")
        case "milestones": w("里程碑", "milestones")
        case "progress": w("进度报告", "progress reports")
        default: list
        }
    }

    static func show(_ visit: Visit, report: [ConsolePage.Section] = [], error: String? = nil, list: String? = nil, sheet: String? = nil) async throws -> Response {
        let w = visit.words
        let batches = try await visit.read { tx in try await ImportBatchStore.list(limit: 20, in: tx) }
        var upload = ConsolePage.Section(w("上传文件（先试导入）", "Upload a file (checked first)"))
        var form = ConsolePage.Form(action: visit.href("imports"), submit: w("检查文件", "Check the file"), csrf: visit.csrf, id: "upload", multipart: true)
        form.fields = [
            .select("list", w("导入到", "Into"), SpreadsheetImport.lists.map { ($0, listName($0, w)) }, value: list ?? "demands"),
            .init(name: "file", label: w("CSV 文件（UTF-8 或 GB18030）或 Excel 工作簿（.xlsx），中文或英文表头", "CSV file (UTF-8 or GB18030) or Excel workbook (.xlsx), Chinese or English headers"),
                  kind: .file, required: true),
            .init(name: "sheet", label: w("工作表（仅 .xlsx，不填则读第一个）", "Sheet (.xlsx only; the first when left empty)"), value: sheet ?? ""),
        ]
        upload.forms = [form]
        var history = ConsolePage.Section(w("导入记录", "Past imports"))
        history.table = .init(
            columns: [w("编号", "No."), w("时间", "When"), w("操作人", "By"), w("清单", "List"), w("文件", "File"), w("行数", "Rows"),
                      w("新增", "Added"), w("更新", "Updated")],
            rows: batches.map { b in
                ConsolePage.Row(cells: [.init("#\(b.id)"), .init(ConsoleFormat.time(b.at)), .init(b.actor), .init(listName(b.list, w)),
                                        .init(b.origin.fileName ?? "—"), .init("\(b.rows)"), .init("\(b.inserted)"), .init("\(b.updated)")])
            },
            emptyText: w("尚无导入记录（需求清单的导入留有记录）", "No imports recorded yet (demand imports keep a record)"))
        var page = ConsolePage(w("导入", "Imports"), sections: report + [upload, history])
        page.error = error
        return visit.render(page, status: error == nil ? .ok : .unprocessableContent)
    }

    static func dryRun(_ visit: Visit) async throws -> Response {
        let w = visit.words
        let list = visit.form["list"] ?? ""
        guard SpreadsheetImport.lists.contains(list) else { return try await show(visit, error: w("请选择清单", "Choose a list")) }
        guard let file = visit.files["file"], !file.data.isEmpty else {
            return try await show(visit, error: w("请选择要上传的文件", "Choose a file to upload"), list: list)
        }
        if let name = file.fileName, let problem = SpreadsheetImport.fileNameProblem(name) {
            return try await show(visit, error: problem, list: list)
        }
        let sheet = visit.form["sheet"].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        do {
            let outcome = try await run(visit, list, file, sheet: sheet, dryRun: true)
            let ticket = await visit.console.uploads.keep(.init(
                tenant: visit.tenantID, account: visit.account.accountID, list: list, file: file, stored: .now, sheet: sheet))
            var report = ConsolePage.Section(w("检查通过：可以导入", "The file passed: it can be imported"))
            report.facts = facts(outcome, file, w)
            var commit = ConsolePage.Form(action: visit.href("imports/commit"), submit: w("导入", "Import it"), csrf: visit.csrf, id: "commit")
            commit.fields = [.init(name: "ticket", label: "", kind: .hidden, value: ticket)]
            report.forms = [commit]
            return try await show(visit, report: [report], list: list)
        } catch let rejected as ImportRejected {
            var report = ConsolePage.Section(w("文件有 \(rejected.issues.totalCount) 处问题，未写入任何内容", "The file has \(rejected.issues.totalCount) problems; nothing was written"))
            report.table = issues(rejected.issues, w)
            if rejected.issues.totalCount > rejected.issues.issues.count {
                report.text = w("只列出前 \(rejected.issues.issues.count) 处", "Only the first \(rejected.issues.issues.count) are listed")
            }
            return try await show(visit, report: [report], error: w("文件未通过检查：请按下表改正后重新上传", "The file did not pass: correct it as listed and upload it again"), list: list, sheet: sheet)
        } catch let unreadable as ImportSource.Unreadable {
            return try await show(visit, error: unreadable.message, list: list, sheet: sheet)
        }
    }

    static func commit(_ visit: Visit) async throws -> Response {
        let w = visit.words
        guard let ticket = visit.form["ticket"],
              let item = await visit.console.uploads.take(ticket, tenant: visit.tenantID, account: visit.account.accountID) else {
            return try await show(visit, error: w("上传的文件已过期，请重新上传", "The uploaded file has expired; upload it again"))
        }
        do {
            let outcome = try await run(visit, item.list, item.file, sheet: item.sheet, dryRun: false)
            let c = outcome.counts
            return visit.redirect(visit.href("imports"), notice: w(
                "已导入\(listName(item.list, w))：新增 \(c.inserted)，更新 \(c.updated)，未变 \(c.unchanged)",
                "Imported into \(listName(item.list, w)): \(c.inserted) added, \(c.updated) updated, \(c.unchanged) unchanged"))
        } catch let rejected as ImportRejected {
            // The lists moved between the check and the import.
            var report = ConsolePage.Section(w("导入时发现问题，未写入任何内容", "The import found problems; nothing was written"))
            report.table = issues(rejected.issues, w)
            return try await show(visit, report: [report], error: w("未导入", "Not imported"), list: item.list)
        }
    }

    private static func run(_ visit: Visit, _ list: String, _ file: UploadedFile, sheet: String?, dryRun: Bool) async throws -> SpreadsheetImport.Outcome {
        guard let outcome = try await SpreadsheetImport.run(
            list, data: file.data, sheet: sheet, fileName: file.fileName, on: visit.console.database, tenant: visit.tenantID, actor: visit.account.actor, dryRun: dryRun)
        else { throw ConsoleRefusal(.notFound, visit.words("没有这个清单", "No such list")) }
        return outcome
    }

    private static func facts(_ outcome: SpreadsheetImport.Outcome, _ file: UploadedFile, _ w: Words) -> [ConsolePage.Fact] {
        var facts: [ConsolePage.Fact] = [
            .init(name: w("文件", "File"), value: file.fileName ?? "—"),
            .init(name: w("将新增", "Would add"), value: "\(outcome.counts.inserted)"),
            .init(name: w("将更新", "Would update"), value: "\(outcome.counts.updated)"),
            .init(name: w("不变", "Unchanged"), value: "\(outcome.counts.unchanged)"),
        ]
        if !outcome.ignoredColumns.isEmpty {
            facts.append(.init(name: w("忽略的列", "Columns left out"), value: outcome.ignoredColumns.joined(separator: "、")))
        }
        return facts
    }

    private static func issues(_ list: IssueList, _ w: Words) -> ConsolePage.Table {
        .init(
            columns: [w("行", "Line"), w("单元格", "Cell"), w("列", "Column"), w("值", "Value"), w("问题", "Problem")],
            rows: list.issues.map { issue in
                ConsolePage.Row(cells: [.init(issue.line > 0 ? "\(issue.line)" : "—"), .init(issue.cell ?? ""), .init(issue.column ?? ""), .init(issue.value ?? ""),
                                        .init(issue.reason)])
            },
            emptyText: "")
    }
}
