public import Foundation
public import ImportIssues
public import Registry
import RegistryStore
public import SpreadsheetCSV

/// The project file of `govreg import projects` (项目清单). Columns: docs/csv-columns.md.
///
/// `allocations` is `RESOURCE_ID:QUANTITY` pairs separated by `;` (quantities in each
/// resource's unit, yuan for funds); they are read against the resources by the store.
public enum ProjectFile {
    /// The columns, English name first, then the Chinese names districts use.
    public static let header = HeaderMap([
        .init("external_id", aliases: ["项目编号", "编号"]),
        .init("title", aliases: ["项目名称", "名称"]),
        .init("description", aliases: ["项目描述", "描述"], required: false),
        .init("responsible_unit_external_id", aliases: ["责任单位编号"]),
        .init("demand_external_ids", aliases: ["对应需求编号", "需求编号"]),
        .init("allocations", aliases: ["资源分配"], required: false),
        .init("budget", aliases: ["预算", "预算金额"], required: false),
        .init("starts_on", aliases: ["开始日期"], required: false),
        .init("due_on", aliases: ["完成时限", "截止日期"], required: false),
        .init("status", aliases: ["状态"], required: false),
        .init("progress_percent", aliases: ["进度"], required: false),
        .init("is_public", aliases: ["是否公示", "公示"], required: false),
        .init("published_on", aliases: ["公示日期"], required: false),
        .init("rating", aliases: ["居民评分", "评分"], required: false),
        .init("rating_comment", aliases: ["评价意见", "评价"], required: false),
        .init("completed_on", aliases: ["完工日期", "完成日期"], required: false),
        .init("checked_on", aliases: ["验收日期"], required: false),
        .init("cancel_reason", aliases: ["取消原因"], required: false),
    ])

    /// docs/csv-columns.md writes 计划 and 已完成, the domain 计划中 and 已完工: both are read.
    static let statuses = Spellings(ProjectStatus.self, extra: ["计划": .planned, "已完成": .completed, "进行中": .inProgress])

    /// The file's good rows, and every problem found in it (see ``UnitFile/read(_:encoding:)``).
    public static func read(_ data: Data, encoding: TextEncoding = .automatic) -> (rows: [ProjectImportRow], issues: IssueList) {
        var file = ImportFile(data: data, header: header, encoding: encoding)
        var rows: [ProjectImportRow] = []
        for record in file.table.records {
            let before = file.issues.totalCount
            let externalID = file.limitedText("external_id", of: record, limit: 100, required: true)
            let title = file.limitedText("title", of: record, limit: Demand.maximumTitleLength, required: true)
            let description = file.limitedText("description", of: record, limit: Demand.maximumDetailsLength)
            let unit = file.requiredText("responsible_unit_external_id", of: record)
            let demands = file.codeList("demand_external_ids", of: record)
            if demands.isEmpty, let field = file.field("demand_external_ids", of: record) {
                file.issues.append(field.issue("须列出至少一条需求编号 at least one demand is required"))
            }
            var allocations: [ProjectAllocationRequest] = []
            for pair in file.codeList("allocations", of: record) {
                guard let request = ProjectAllocationRequest(parsing: pair) else {
                    file.issues.append(ImportIssue(line: record.line, column: file.field("allocations", of: record)?.column, value: pair,
                        reason: "须写作「资源编号:数量」 must be RESOURCE_ID:QUANTITY"))
                    continue
                }
                allocations.append(request)
            }
            let budget = file.yuan("budget", of: record)
            let startsOn = file.date("starts_on", of: record), dueOn = file.date("due_on", of: record)
            file.checkOrder(startsOn, dueOn, untilColumn: "due_on", of: record)
            let spelled = file.spelledValue(statuses, "status", of: record, required: false)
            // A status that could not be read is reported once, not again through its days.
            let statusRead = spelled != nil || file.optionalText("status", of: record) == nil
            let status = spelled ?? .planned
            let progress = file.wholeNumber("progress_percent", of: record, in: 0...100) ?? 0
            let isPublic = file.yesNo("is_public", of: record)
            let publishedOn = file.date("published_on", of: record)
            let score = file.wholeNumber("rating", of: record, in: 1...5)
            let comment = file.limitedText("rating_comment", of: record, limit: DemandWorkflow.maximumTextLength)
            if score == nil, comment != nil, let field = file.field("rating_comment", of: record) {
                file.issues.append(field.issue("有评价意见须有评分 a comment needs its rating"))
            }
            let rating = score.flatMap { try? Rating(score: $0, comment: comment) }
            let closing = closing(of: record, status: statusRead ? status : nil, in: &file)
            guard file.issues.totalCount == before, let externalID, let title, let unit else { continue }
            rows.append(ProjectImportRow(
                line: record.line, externalID: externalID, title: title, description: description, responsibleUnitExternalID: unit,
                demandExternalIDs: demands, allocations: allocations, budget: budget, startsOn: startsOn, dueOn: dueOn,
                status: status, progressPercent: progress, isPublic: isPublic, publishedOn: publishedOn, rating: rating,
                completedOn: closing.completedOn, checkedOn: closing.checkedOn, cancelReason: closing.cancelReason))
        }
        return (rows, file.issues)
    }

    /// How the row's project ended: the completion and check days and the cancel reason,
    /// each only where the status has one (a planned project has no completion day); with
    /// no readable status (nil), only the days' order is checked.
    private static func closing(
        of record: CSVRecord, status: ProjectStatus?, in file: inout ImportFile
    ) -> (completedOn: CivilDate?, checkedOn: CivilDate?, cancelReason: String?) {
        let completedOn = file.date("completed_on", of: record), checkedOn = file.date("checked_on", of: record)
        let reason = file.limitedText("cancel_reason", of: record, limit: DemandWorkflow.maximumTextLength)
        func refuse(_ column: String, _ reason: String) {
            if let field = file.field(column, of: record) { file.issues.append(field.issue(reason)) }
        }
        if let completedOn, let checkedOn, checkedOn < completedOn {
            refuse("checked_on", "验收日期早于完工日期 \(completedOn) the check is before the completion on \(completedOn)")
        }
        guard let status else { return (completedOn, checkedOn, reason) }
        if completedOn != nil, status != .completed, status != .checked {
            refuse("completed_on", "只有已完工或已验收的项目才有完工日期 only a completed or checked project has a completion date")
        }
        if checkedOn != nil, status != .checked {
            refuse("checked_on", "只有已验收的项目才有验收日期 only a checked project has a check date")
        }
        if reason != nil, status != .cancelled {
            refuse("cancel_reason", "只有已取消的项目才有取消原因 only a cancelled project has a cancel reason")
        }
        return (completedOn, checkedOn, reason)
    }

    /// Every row of a file, or every problem in it.
    ///
    /// - Throws: ``ImportRejected`` when any row is wrong.
    public static func rows(from data: Data) throws -> [ProjectImportRow] {
        let (rows, issues) = read(data)
        if !issues.isEmpty { throw ImportRejected(issues: issues) }
        return rows
    }
}
