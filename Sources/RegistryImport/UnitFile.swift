public import Foundation
public import ImportIssues
import Registry
public import RegistryStore
public import SpreadsheetCSV

/// The unit file of `govreg import units` (双报到单位 / 共建单位): one row per registered unit,
/// with the org codes of the communities it contracts (包联). Columns: docs/csv-columns.md.
///
/// ```swift
/// let (rows, issues) = UnitFile.read(try Data(contentsOf: url))
/// let summary = try await UnitStore.importRows(rows, issues: issues, on: db, tenant: id, actor: actor)
/// ```
public enum UnitFile {
    /// The columns, English name first, then the Chinese names districts use.
    public static let header = HeaderMap([
        .init("external_id", aliases: ["单位编号", "编号"]),
        .init("name", aliases: ["单位名称", "名称"]),
        .init("kind", aliases: ["单位类型", "类型"]),
        .init("contact_name", aliases: ["联系人"], required: false),
        .init("contact_phone", aliases: ["联系电话"], required: false),
        .init("address", aliases: ["地址"], required: false),
        .init("communities", aliases: ["包联社区"], required: false),
    ])

    static let kinds = Spellings(UnitKind.self)

    /// The file's good rows, and every problem found in it (a row with a problem is left out).
    /// Pass both to ``UnitStore/importRows(_:issues:on:tenant:actor:dryRun:)``, which adds the
    /// problems only the registry can see and writes nothing if there is any.
    public static func read(_ data: Data, encoding: TextEncoding = .automatic) -> (rows: [UnitImportRow], issues: IssueList) {
        var file = ImportFile(data: data, header: header, encoding: encoding)
        var rows: [UnitImportRow] = []
        for record in file.records {
            let before = file.issues.totalCount
            let externalID = file.limitedText("external_id", of: record, limit: 100, required: true)
            let name = file.limitedText("name", of: record, limit: 200, required: true)
            let kind = file.spelledValue(kinds, "kind", of: record, required: true)
            // Free text (a role such as 联络员 is common), but personal data: never echoed.
            let contact = file.personal("contact_name", of: record, required: false) { text in
                guard text.count <= 50, !text.contains(where: { $0.isNewline }) else {
                    throw RegistryError(.invalidValue, field: "contact_name", chinese: "联系人须为 1–50 个字符的一行文字", english: "a contact must be one line of 1–50 characters")
                }
                return text
            }
            let phone = file.personal("contact_phone", of: record, required: false) { try PhoneNumber($0) }
            let address = file.limitedText("address", of: record, limit: 500)
            let communities = file.codeList("communities", of: record)
            guard file.issues.totalCount == before, let externalID, let name, let kind else { continue }
            rows.append(UnitImportRow(
                line: record.line, externalID: externalID, name: name, kind: kind, contactName: contact,
                contactPhone: phone, address: address, communityCodes: communities))
        }
        return (rows, file.issues)
    }

    /// Every row of a file, or every problem in it.
    ///
    /// - Throws: ``ImportRejected`` when any row is wrong.
    public static func rows(from data: Data) throws -> [UnitImportRow] {
        let (rows, issues) = read(data)
        if !issues.isEmpty { throw ImportRejected(issues: issues) }
        return rows
    }
}
