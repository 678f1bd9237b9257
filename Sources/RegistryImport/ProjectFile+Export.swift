public import Foundation
public import Registry
public import RegistryStore
import SpreadsheetCSV

extension ProjectFile {
    /// The CSV of `govreg export projects`: the import's columns in the same order, UTF-8
    /// with a byte order mark. With `chinese`, the header and statuses are in Chinese.
    public static func csv(_ rows: [ProjectImportRow], chinese: Bool) -> Data {
        var writer = CSVWriter()
        writer.writeRow(header.exportHeader(chinese: chinese))
        for row in rows {
            writer.writeRow([
                row.externalID, row.title, row.description ?? "", row.responsibleUnitExternalID,
                row.demandExternalIDs.joined(separator: ";"), row.allocations.map { "\($0.resource):\($0.quantity)" }.joined(separator: ";"),
                row.budget.map { ResourceStore.amountText($0.fen, in: .yuan) } ?? "", row.startsOn?.description ?? "",
                row.dueOn?.description ?? "", row.status.exportText(chinese: chinese), String(row.progressPercent),
                exportYesNo(row.isPublic, chinese: chinese), row.publishedOn?.description ?? "",
                row.rating.map { String($0.score) } ?? "", row.rating?.comment ?? "", row.completedOn?.description ?? "",
                row.checkedOn?.description ?? "", row.cancelReason ?? "",
            ])
        }
        return writer.data
    }

    /// The disclosed project list (`--public`, 公示): public items only, no personal data.
    public static func publicCSV(_ rows: [ProjectDisclosure], chinese: Bool) -> Data {
        var writer = CSVWriter()
        writer.writeRow(chinese
            ? ["项目名称", "责任单位", "预算", "开始日期", "完成时限", "状态", "进度", "完工日期", "验收日期", "居民评分", "公示日期"]
            : ["title", "responsible_unit", "budget", "starts_on", "due_on", "status", "progress_percent", "completed_on", "checked_on", "rating", "published_on"])
        for row in rows {
            writer.writeRow([
                row.title, row.responsibleUnitName, row.budget.map { ResourceStore.amountText($0.fen, in: .yuan) } ?? "",
                row.startsOn?.description ?? "", row.dueOn?.description ?? "", row.status.exportText(chinese: chinese),
                String(row.progressPercent), row.completedOn?.description ?? "", row.checkedOn?.description ?? "",
                row.rating.map(String.init) ?? "", row.publishedOn?.description ?? "",
            ])
        }
        return writer.data
    }
}
