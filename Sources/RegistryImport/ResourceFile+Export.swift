public import Foundation
public import Registry
public import RegistryStore
import SpreadsheetCSV

extension ResourceFile {
    /// The CSV of `govreg export resources`: the import's columns in the same order, UTF-8
    /// with a byte order mark; the capacity is everything pledged, so the export imports back
    /// as the same list. With `chinese`, the header and vocabulary values are in Chinese.
    public static func csv(_ rows: [ResourceImportRow], chinese: Bool) -> Data {
        var writer = CSVWriter()
        writer.writeRow(header.exportHeader(chinese: chinese))
        for row in rows {
            writer.writeRow([
                row.externalID, row.unitExternalID, row.title, row.description ?? "", row.category,
                row.kind.exportText(chinese: chinese), ResourceStore.amountText(row.capacity, in: row.measureUnit),
                row.measureUnit.exportText(chinese: chinese),
                row.unitCost.map { ResourceStore.amountText($0.fen, in: .yuan) } ?? "", row.serviceAreaCodes.joined(separator: ";"),
                row.availableFrom?.description ?? "", row.availableUntil?.description ?? "",
                row.status.exportText(chinese: chinese), exportYesNo(row.isPublic, chinese: chinese),
                row.publishedOn?.description ?? "",
            ])
        }
        return writer.data
    }

    /// The disclosed resource list (`--public`, 公示): public items that are not withdrawn,
    /// what was pledged and what remains; no personal data.
    public static func publicCSV(_ rows: [ResourceDisclosure], chinese: Bool) -> Data {
        var writer = CSVWriter()
        writer.writeRow(chinese
            ? ["资源名称", "提供单位", "类别", "资源类型", "承诺数量", "剩余数量", "计量单位", "开始日期", "结束日期", "状态", "公示日期"]
            : ["title", "unit", "category", "kind", "pledged", "remaining", "measure_unit", "available_from", "available_until", "status", "published_on"])
        for row in rows {
            writer.writeRow([
                row.title, row.unitName, row.category, row.kind.exportText(chinese: chinese),
                ResourceStore.amountText(row.pledged, in: row.measureUnit), ResourceStore.amountText(row.remaining, in: row.measureUnit),
                row.measureUnit.exportText(chinese: chinese), row.availableFrom?.description ?? "",
                row.availableUntil?.description ?? "", row.status.exportText(chinese: chinese),
                row.publishedOn?.description ?? "",
            ])
        }
        return writer.data
    }
}
