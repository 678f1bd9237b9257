public import Foundation
public import ImportIssues
import Registry
public import RegistryStore
public import SpreadsheetCSV

/// The milestone file of `govreg import milestones` (项目里程碑): one row per milestone of a
/// project. Columns: docs/csv-columns.md.
public enum MilestoneFile {
    /// The columns, English name first, then the Chinese names districts use.
    public static let header = HeaderMap([
        .init("project_external_id", aliases: ["项目编号"]),
        .init("title", aliases: ["里程碑名称", "节点名称", "里程碑", "名称"]),
        .init("due_on", aliases: ["计划日期", "计划完成日期"], required: false),
        .init("done_on", aliases: ["完成日期", "实际完成日期"], required: false),
    ])

    /// The file's good rows, and every problem found in it (see ``UnitFile/read(_:encoding:)``).
    public static func read(_ data: Data, encoding: TextEncoding = .automatic) -> (rows: [MilestoneImportRow], issues: IssueList) {
        var file = ImportFile(data: data, header: header, encoding: encoding)
        var rows: [MilestoneImportRow] = []
        for record in file.records {
            let before = file.issues.totalCount
            let project = file.limitedText("project_external_id", of: record, limit: 100, required: true)
            let title = file.limitedText("title", of: record, limit: Demand.maximumTitleLength, required: true)
            let dueOn = file.date("due_on", of: record), doneOn = file.date("done_on", of: record)
            guard file.issues.totalCount == before, let project, let title else { continue }
            rows.append(MilestoneImportRow(line: record.line, projectExternalID: project, title: title, dueOn: dueOn, doneOn: doneOn))
        }
        return (rows, file.issues)
    }

    /// Every row of a file, or every problem in it.
    ///
    /// - Throws: ``ImportRejected`` when any row is wrong.
    public static func rows(from data: Data) throws -> [MilestoneImportRow] {
        let (rows, issues) = read(data)
        if !issues.isEmpty { throw ImportRejected(issues: issues) }
        return rows
    }

    /// The CSV of `govreg export milestones`: the import's columns, UTF-8 with a byte order
    /// mark; with `chinese`, a Chinese header.
    public static func csv(_ rows: [MilestoneImportRow], chinese: Bool) -> Data {
        var writer = CSVWriter()
        writer.writeRow(header.exportHeader(chinese: chinese))
        for row in rows {
            writer.writeRow([row.projectExternalID, row.title, row.dueOn?.description ?? "", row.doneOn?.description ?? ""])
        }
        return writer.data
    }

    /// The milestones of disclosed projects (`--public`, 公示).
    public static func publicCSV(_ rows: [MilestoneDisclosure], chinese: Bool) -> Data {
        var writer = CSVWriter()
        writer.writeRow(chinese ? ["项目名称", "里程碑名称", "计划日期", "完成日期"] : ["project", "title", "due_on", "done_on"])
        for row in rows {
            writer.writeRow([row.projectTitle, row.title, row.dueOn?.description ?? "", row.doneOn?.description ?? ""])
        }
        return writer.data
    }
}
