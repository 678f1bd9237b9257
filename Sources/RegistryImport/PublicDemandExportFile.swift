public import Foundation
import Registry
public import RegistryStore
import SpreadsheetCSV

/// The CSV of `govreg export demands --public`: the disclosed projection (公示) of the demand
/// list. Public items only, their public status, where (by name) and what; no external id,
/// no personal data, no internal state, note or reason.
public struct PublicDemandExportFile: Sendable {
    /// The columns, English and Chinese.
    public static let columns: [(english: String, chinese: String)] = [
        ("id", "编号"), ("title", "需求名称"), ("category", "类别"), ("category_name", "类别名称"),
        ("org_unit", "所在组织"), ("quantity", "数量"), ("measure_unit", "计量单位"), ("priority", "优先级"),
        ("due_on", "期限"), ("public_status", "公示状态"), ("filed_on", "提出日期"), ("published_on", "公示日期"),
    ]

    /// Whether the header (and the vocabulary values) are Chinese.
    public let chinese: Bool

    public init(chinese: Bool) {
        self.chinese = chinese
    }

    /// The byte order mark and the header row.
    public var header: Data {
        var writer = CSVWriter()
        writer.writeRow(headerNames)
        return writer.data
    }

    /// The header's column names, in English or Chinese.
    public var headerNames: [String] { Self.columns.map { chinese ? $0.chinese : $0.english } }

    /// The columns' English names, which say their kinds in a workbook (``ExportColumnKind``).
    public static var englishHeader: [String] { columns.map(\.english) }

    /// The rows, without a header.
    public func rows(_ demands: [PublicDemand]) -> Data {
        var writer = CSVWriter(byteOrderMark: false)
        for row in cells(demands) { writer.writeRow(row) }
        return writer.data
    }

    /// The rows' values as the CSV writes them (before its formula guard), for a workbook.
    public func cells(_ demands: [PublicDemand]) -> [[String]] {
        demands.map { demand in
            [
                String(demand.id.rawValue), demand.title, demand.category, demand.categoryName, demand.orgUnitName,
                DemandExportFile.amount(demand.quantity),
                demand.quantity.unit.exportText(chinese: chinese), String(demand.priority.value),
                demand.dueOn?.description ?? "", demand.publicStatus.exportText(chinese: chinese),
                demand.filedOn.description, demand.publishedOn?.description ?? "",
            ]
        }
    }
}
