public import Foundation
public import ImportIssues
import Registry
public import RegistryStore
public import SpreadsheetCSV

/// The hierarchy file of `govreg org import`: one row per street, community, grid, compound
/// or building, each naming its parent by code.
public enum OrgUnitFile {
    /// Columns, with the Chinese names districts use. See the README's CSV reference.
    public static let header = HeaderMap([
        .init("code", aliases: ["编码", "代码", "组织编码"]),
        .init("name", aliases: ["名称", "组织名称"]),
        .init("kind", aliases: ["类型", "层级"]),
        .init("parent_code", aliases: ["上级编码", "上级代码"], required: false),
        .init("valid_from", aliases: ["生效日期", "起始日期"], required: false),
        .init("valid_to", aliases: ["失效日期", "截止日期"], required: false),
    ])

    /// The file's rows and every problem found in it. A row whose dates are wrong is still
    /// given (its code, parent and kind are checked against the others); a row without a
    /// readable code, name or kind is not.
    public static func read(_ data: Data, encoding: TextEncoding = .automatic) -> (rows: [OrgUnitImportRow], issues: IssueList) {
        var file = ImportFile(data: data, header: header, encoding: encoding)
        var rows: [OrgUnitImportRow] = []
        for record in file.records {
            let code = file.limitedText("code", of: record, limit: OrgUnit.maximumCodeLength, required: true)
            let name = file.requiredText("name", of: record)
            let kind = file.vocabulary(OrgUnitKind.self, "kind", of: record)
            let validFrom = file.date("valid_from", of: record)
            let validTo = file.date("valid_to", of: record)
            file.checkOrder(validFrom, validTo, untilColumn: "valid_to", of: record)
            guard let code, let name, let kind else { continue }
            rows.append(OrgUnitImportRow(
                line: record.line, code: code, name: name, kind: kind,
                parentCode: file.optionalText("parent_code", of: record), validFrom: validFrom, validUntil: validTo))
        }
        return (rows, file.issues)
    }

    /// The file's rows, or every problem found in it.
    ///
    /// - Throws: ``ImportRejected`` listing each problem with its line and column.
    public static func rows(from data: Data) throws -> [OrgUnitImportRow] {
        let (rows, issues) = read(data)
        if !issues.isEmpty { throw ImportRejected(issues: issues) }
        return rows
    }

    /// The CSV of `govreg export org`: the import's columns, parents first; with `chinese`, the
    /// header and kinds in Chinese.
    public static func csv(_ rows: [OrgUnitImportRow], chinese: Bool) -> Data {
        var writer = CSVWriter()
        writer.writeRow(header.exportHeader(chinese: chinese))
        for row in rows {
            writer.writeRow([
                row.code, row.name, row.kind.exportText(chinese: chinese), row.parentCode ?? "",
                row.validFrom?.description ?? "", row.validUntil?.description ?? "",
            ])
        }
        return writer.data
    }
}
