public import Foundation
public import ImportIssues
import Registry
public import RegistryStore
public import SpreadsheetCSV

/// The progress file of `govreg import progress` (进度报告): one row per report of a project.
/// Columns: docs/csv-columns.md.
public enum ProgressReportFile {
    /// The columns, English name first, then the Chinese names districts use.
    public static let header = HeaderMap([
        .init("project_external_id", aliases: ["项目编号"]),
        .init("reported_on", aliases: ["汇报日期", "报告日期", "日期"]),
        .init("percent", aliases: ["进度", "完成进度"]),
        .init("note", aliases: ["进展情况", "说明", "备注"], required: false),
        .init("attachments", aliases: ["附件", "附件链接"], required: false),
    ])

    /// The file's good rows, and every problem found in it (see ``UnitFile/read(_:encoding:)``).
    public static func read(_ data: Data, encoding: TextEncoding = .automatic) -> (rows: [ProgressReportImportRow], issues: IssueList) {
        var file = ImportFile(data: data, header: header, encoding: encoding)
        var rows: [ProgressReportImportRow] = []
        for record in file.records {
            let before = file.issues.totalCount
            let project = file.limitedText("project_external_id", of: record, limit: 100, required: true)
            let reportedOn = file.date("reported_on", of: record)
            if reportedOn == nil, file.optionalText("reported_on", of: record) == nil, let field = file.field("reported_on", of: record) {
                file.issues.append(field.issue("须填写汇报日期 the day of the report is required"))
            }
            let percent = file.wholeNumber("percent", of: record, in: 0...100)
            if percent == nil, file.optionalText("percent", of: record) == nil, let field = file.field("percent", of: record) {
                file.issues.append(field.issue("须填写进度 the percentage is required"))
            }
            let note = file.limitedText("note", of: record, limit: DemandWorkflow.maximumTextLength)
            var links: [URL] = []
            for text in attachmentTexts(file.optionalText("attachments", of: record)) {
                do { links.append(try ProjectStore.attachmentLink(text)) } catch {
                    file.issues.append(ImportIssue(line: record.line, column: file.field("attachments", of: record)?.column, value: text,
                        reason: "附件须为 http(s) 链接 an attachment must be an http(s) link"))
                }
            }
            guard file.issues.totalCount == before, let project, let reportedOn, let percent else { continue }
            rows.append(ProgressReportImportRow(
                line: record.line, projectExternalID: project, reportedOn: reportedOn, percent: percent, note: note, attachments: links))
        }
        return (rows, file.issues)
    }

    /// The links of an attachments cell: separated by `;`, `；` or line breaks, in their
    /// order, repeats kept (a link may hold `、`, so that does not separate).
    static func attachmentTexts(_ cell: String?) -> [String] {
        guard let cell else { return [] }
        return cell.split(whereSeparator: { $0 == ";" || $0 == "；" || $0.isNewline })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Every row of a file, or every problem in it.
    ///
    /// - Throws: ``ImportRejected`` when any row is wrong.
    public static func rows(from data: Data) throws -> [ProgressReportImportRow] {
        let (rows, issues) = read(data)
        if !issues.isEmpty { throw ImportRejected(issues: issues) }
        return rows
    }

    /// The CSV of `govreg export progress`: the import's columns, UTF-8 with a byte order
    /// mark; with `chinese`, a Chinese header. Links are separated by `;`.
    public static func csv(_ rows: [ProgressReportImportRow], chinese: Bool) -> Data {
        var writer = CSVWriter()
        writer.writeRow(header.exportHeader(chinese: chinese))
        for row in rows {
            writer.writeRow([
                row.projectExternalID, row.reportedOn.description, String(row.percent), row.note ?? "",
                row.attachments.map(\.absoluteString).joined(separator: ";"),
            ])
        }
        return writer.data
    }

    /// The reports of disclosed projects (`--public`, 公示): day and percentage only.
    public static func publicCSV(_ rows: [ProgressDisclosure], chinese: Bool) -> Data {
        var writer = CSVWriter()
        writer.writeRow(chinese ? ["项目名称", "汇报日期", "进度"] : ["project", "reported_on", "percent"])
        for row in rows { writer.writeRow([row.projectTitle, row.reportedOn.description, String(row.percent)]) }
        return writer.data
    }
}
