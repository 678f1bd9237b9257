public import Foundation
public import ImportIssues
public import Registry
import RegistryStore
public import SpreadsheetCSV

/// The resource file of `govreg import resources` (资源清单). Columns: docs/csv-columns.md.
///
/// The capacity is read in the row's unit of measure: yuan (with at most two decimals,
/// stored as fen) or a whole number. The category is resolved by the store, against the
/// district's own vocabulary.
public enum ResourceFile {
    /// The columns, English name first, then the Chinese names districts use.
    public static let header = HeaderMap([
        .init("external_id", aliases: ["资源编号", "编号"]),
        .init("unit_external_id", aliases: ["单位编号", "提供单位编号"]),
        .init("title", aliases: ["资源名称", "名称"]),
        .init("description", aliases: ["资源描述", "描述"], required: false),
        .init("category", aliases: ["类别", "资源类别"]),
        .init("kind", aliases: ["资源类型", "类型"]),
        .init("capacity", aliases: ["数量", "可提供数量", "容量"]),
        .init("measure_unit", aliases: ["计量单位", "单位"]),
        .init("unit_cost", aliases: ["单价"], required: false),
        .init("service_area", aliases: ["服务范围"], required: false),
        .init("available_from", aliases: ["开始日期", "可用开始"], required: false),
        .init("available_until", aliases: ["结束日期", "可用截止"], required: false),
        .init("status", aliases: ["状态"], required: false),
        .init("is_public", aliases: ["是否公示", "公示"], required: false),
        .init("published_on", aliases: ["公示日期"], required: false),
    ])

    static let kinds = Spellings(ResourceKind.self)
    static let statuses = Spellings(ResourceStatus.self)
    /// docs/csv-columns.md names volunteer hours 志愿服务时长; the domain's name is 志愿服务小时.
    static let measureUnits = Spellings(MeasureUnit.self, extra: ["志愿服务时长": .volunteerHours])

    /// The file's good rows, and every problem found in it (see ``UnitFile/read(_:encoding:)``).
    public static func read(_ data: Data, encoding: TextEncoding = .automatic) -> (rows: [ResourceImportRow], issues: IssueList) {
        var file = ImportFile(data: data, header: header, encoding: encoding)
        var rows: [ResourceImportRow] = []
        for record in file.table.records {
            let before = file.issues.totalCount
            let externalID = file.limitedText("external_id", of: record, limit: 100, required: true)
            let unit = file.requiredText("unit_external_id", of: record)
            let title = file.limitedText("title", of: record, limit: Demand.maximumTitleLength, required: true)
            let description = file.limitedText("description", of: record, limit: Demand.maximumDetailsLength)
            let category = file.requiredText("category", of: record)
            let kind = file.spelledValue(kinds, "kind", of: record, required: true)
            let measureUnit = file.spelledValue(measureUnits, "measure_unit", of: record, required: true)
            let capacity = measureUnit.flatMap { amount("capacity", of: record, in: $0, file: &file) }
            let unitCost = file.yuan("unit_cost", of: record)
            let area = file.codeList("service_area", of: record)
            let from = file.date("available_from", of: record), until = file.date("available_until", of: record)
            file.checkOrder(from, until, untilColumn: "available_until", of: record)
            let status = file.spelledValue(statuses, "status", of: record, required: false) ?? .available
            let isPublic = file.yesNo("is_public", of: record)
            let publishedOn = file.date("published_on", of: record)
            guard file.issues.totalCount == before, let externalID, let unit, let title, let category, let kind, let measureUnit, let capacity
            else { continue }
            rows.append(ResourceImportRow(
                line: record.line, externalID: externalID, unitExternalID: unit, title: title, description: description,
                category: category, kind: kind, capacity: capacity, measureUnit: measureUnit, unitCost: unitCost,
                serviceAreaCodes: area, availableFrom: from, availableUntil: until, status: status, isPublic: isPublic,
                publishedOn: publishedOn))
        }
        return (rows, file.issues)
    }

    /// Every row of a file, or every problem in it.
    ///
    /// - Throws: ``ImportRejected`` when any row is wrong.
    public static func rows(from data: Data) throws -> [ResourceImportRow] {
        let (rows, issues) = read(data)
        if !issues.isEmpty { throw ImportRejected(issues: issues) }
        return rows
    }

    /// A required positive amount in `unit`: yuan as fen, whole numbers otherwise.
    static func amount(_ name: String, of record: CSVRecord, in unit: MeasureUnit, file: inout ImportFile) -> Int64? {
        guard let field = file.field(name, of: record) else { return nil }
        guard !field.isBlank else {
            file.issues.append(field.issue("必填，不能为空 is required but empty"))
            return nil
        }
        guard let amount = unit == .yuan ? file.issues.collect(try field.fen()) : file.issues.collect(try field.integer()) else { return nil }
        guard amount > 0 else {
            file.issues.append(field.issue("须大于 0 must be greater than 0"))
            return nil
        }
        return Int64(amount)
    }
}
