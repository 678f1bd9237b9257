public import Foundation
public import ImportIssues
import Registry
public import RegistryStore
public import SpreadsheetCSV

/// The member file of `govreg import members`: people registered for duty (双报到) by a unit
/// at a community. Names, phones and ID card numbers are checked (the ID card's check digit
/// too) and never repeated in a problem report. Columns: docs/csv-columns.md.
public enum MemberFile {
    /// The columns, English name first, then the Chinese names districts use.
    public static let header = HeaderMap([
        .init("external_id", aliases: ["人员编号", "编号"]),
        .init("name", aliases: ["姓名"]),
        .init("phone", aliases: ["手机号", "联系电话"], required: false),
        .init("id_card", aliases: ["身份证号"], required: false),
        .init("unit_external_id", aliases: ["报到单位编号", "单位编号"]),
        .init("community_code", aliases: ["报到社区编码", "社区编码"]),
        .init("registered_on", aliases: ["报到日期"]),
    ])

    /// The file's good rows, and every problem found in it (see ``UnitFile/read(_:encoding:)``).
    public static func read(_ data: Data, encoding: TextEncoding = .automatic) -> (rows: [MemberImportRow], issues: IssueList) {
        var file = ImportFile(data: data, header: header, encoding: encoding)
        var rows: [MemberImportRow] = []
        let today = try? CivilDate.todayInChina()
        for record in file.records {
            let before = file.issues.totalCount
            let externalID = file.limitedText("external_id", of: record, limit: 100, required: true)
            let name = file.personal("name", of: record, required: true) { try PersonalName($0) }
            let phone = file.personal("phone", of: record, required: false) { try PhoneNumber($0) }
            let idCard = file.personal("id_card", of: record, required: false) { try IDCardNumber($0) }
            let unit = file.requiredText("unit_external_id", of: record)
            let community = file.requiredText("community_code", of: record)
            let registeredOn = file.date("registered_on", of: record)
            if let registeredOn, let today, registeredOn > today, let field = file.field("registered_on", of: record) {
                file.issues.append(field.issue("报到日期晚于今天 the day of registration is after today"))
            }
            if registeredOn == nil, let field = file.field("registered_on", of: record), field.isBlank {
                file.issues.append(field.issue("必填，不能为空 is required but empty"))
            }
            guard file.issues.totalCount == before, let externalID, let name, let unit, let community, let registeredOn else { continue }
            rows.append(MemberImportRow(
                line: record.line, externalID: externalID, name: name, phone: phone, idCard: idCard,
                unitExternalID: unit, communityCode: community, registeredOn: registeredOn))
        }
        return (rows, file.issues)
    }

    /// Every row of a file, or every problem in it.
    ///
    /// - Throws: ``ImportRejected`` when any row is wrong.
    public static func rows(from data: Data) throws -> [MemberImportRow] {
        let (rows, issues) = read(data)
        if !issues.isEmpty { throw ImportRejected(issues: issues) }
        return rows
    }

    /// The CSV of `govreg export members`: the import's columns, personal data in full (for
    /// the district's own use only; there is no public member list, see ``publicCSV(_:chinese:)``).
    public static func csv(_ rows: [MemberImportRow], chinese: Bool) -> Data {
        var writer = CSVWriter()
        writer.writeRow(header.exportHeader(chinese: chinese))
        for row in rows {
            writer.writeRow([
                row.externalID, row.name.unmasked, row.phone?.unmasked ?? "", row.idCard?.unmasked ?? "",
                row.unitExternalID, row.communityCode, row.registeredOn.description,
            ])
        }
        return writer.data
    }

    /// The disclosed projection (`--public`): how many members each unit registered at each
    /// community, no person named.
    public static func publicCSV(_ rows: [MemberDisclosure], chinese: Bool) -> Data {
        var writer = CSVWriter()
        writer.writeRow(chinese ? ["报到单位", "报到社区", "人数"] : ["unit", "community", "members"])
        for row in rows { writer.writeRow([row.unitName, row.communityName, String(row.members)]) }
        return writer.data
    }
}
