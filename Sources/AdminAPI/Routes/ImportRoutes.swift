import APISchema
import Foundation
import HTTPTypes
import Hummingbird
import ImportIssues
import Registry
import RegistryImport
import RegistryStore
import SpreadsheetCSV

/// `POST /v1/tenants/{tenant}/imports/{list}`: the files `govreg import` takes (CSV in UTF-8,
/// UTF-8 with BOM or GB18030, or an Excel workbook's sheet; Chinese or English headers), all
/// or nothing, with the same report: the counts, or every problem by line and column (and
/// cell, `需求!C17`, for a workbook) and nothing written.
enum ImportRoutes {
    static let lists = SpreadsheetImport.lists

    static let routes: [APIRoute] = [
        APIRoute(
            method: .post, path: "/v1/tenants/{tenant}/imports/{list}", access: .tenantAdmin, tag: "imports",
            summary: "批量导入（全部成功或全部不写）Import a spreadsheet file: org, demands, units, members, resources, projects, milestones or progress",
            query: [.init(name: "dry_run", schema: .boolean(), description: "Check only; write nothing"),
                    .init(name: "file_name", schema: .string(maxLength: 255), description: "The file's name, for the import's record (demands)"),
                    .init(name: "sheet", schema: .string(maxLength: 255), description: "工作表 The workbook's sheet to read (the first when not given); only for an .xlsx body")],
            bodyKind: .csv, body: nil,
            response: .object([("list", .string()), ("import_id", .integer()), ("inserted", .integer()), ("updated", .integer()), ("unchanged", .integer()),
                               ("replaced", .integer()), ("dry_run", .boolean()), ("ignored_columns", .array(.string()))])
        ) { call in
            let dryRun = try call.query("dry_run") { text -> Bool in
                guard let value = Bool(text) else { throw APIProblem.validation(field: "query:dry_run", "须为 true 或 false must be true or false") }
                return value
            } ?? false
            guard !call.body.isEmpty else { throw APIProblem.malformed("请求体为空 send the file as the body (text/csv, or an .xlsx workbook)") }
            let sheet = try call.query("sheet") { text -> String in
                guard !text.isEmpty, text.count <= 255 else { throw APIProblem.validation(field: "query:sheet", "工作表名须为 1–255 个字符 a sheet name is 1–255 characters") }
                return text
            }
            // The file's name is checked for every list; only demands keep it (their import record).
            let fileName = try call.query("file_name") { text -> String in
                if let problem = SpreadsheetImport.fileNameProblem(text) { throw APIProblem.validation(field: "query:file_name", problem) }
                return text
            }
            let found: SpreadsheetImport.Outcome?
            do {
                found = try await SpreadsheetImport.run(
                    call.parameter("list"), data: call.body, sheet: sheet, fileName: fileName, on: call.services.database, tenant: try call.tenantID,
                    actor: try call.account.actor, dryRun: dryRun)
            } catch let unreadable as ImportSource.Unreadable {
                throw APIProblem.validation(field: unreadable.isSheet ? "query:sheet" : "body", unreadable.message)
            }
            guard let outcome = found else {
                throw APIProblem.notFound("没有这个清单 no list \(call.parameter("list")); one of \(lists.joined(separator: ", "))")
            }
            return try APIAnswer.json(outcome).response
        },
        APIRoute(
            method: .get, path: "/v1/tenants/{tenant}/imports", access: .tenantAdmin, tag: "imports",
            summary: "导入记录 The district's imports, newest first: who loaded which file (SHA-256), when, and what it changed",
            query: [.init(name: "limit", schema: .integer(minimum: 1, maximum: 200), description: "Page size, 50 by default"),
                    .init(name: "cursor", schema: .integer(minimum: 1), description: "next_cursor of the previous page")],
            response: .object([("items", .array(.object([
                ("id", .integer()), ("at", .string(format: "date-time")), ("actor", .string()), ("list", .string()),
                ("file_name", .string()), ("file_sha256", .string()), ("rows", .integer()), ("inserted", .integer()), ("updated", .integer()),
            ]))), ("next_cursor", .integer())])
        ) { call in
            let limit = try call.pageSize(), before = try call.cursor()
            return try await call.read { tx in
                let items = try await ImportBatchStore.list(limit: limit, before: before, in: tx)
                return try .json(ImportPage(items: items, nextCursor: items.count == limit ? items.last?.id : nil))
            }
        },
    ]

    /// A page of import records.
    struct ImportPage: Encodable {
        var items: [ImportBatch]
        var nextCursor: Int64?
    }
}
