public import Foundation
public import Registry
public import RegistryStore
import SpreadsheetCSV

/// The CSV of `govreg export demands`: the columns of ``DemandFile/header`` in the same
/// order, so that an export imports back unchanged (docs/csv-columns.md).
///
/// UTF-8 with a byte order mark (Excel on a Chinese Windows needs it), CRLF. With the
/// Chinese header the vocabulary values are written by their Chinese names too (已列入清单,
/// 入户走访, 元, 是); the import reads both. The category is always its code, which a
/// rename does not change. Written a page at a time, so a large export never sits in memory.
///
/// ```swift
/// let file = DemandExportFile(chinese: false)
/// output.write(file.header)
/// try await database.withTenant(id, actor: actor, readOnly: true, isolation: .repeatableRead) { tx in try await DemandStore.export(in: tx) { output.write(file.rows($0)) } }
/// ```
public struct DemandExportFile: Sendable {
    /// Whether the header (and the vocabulary values) are Chinese.
    public let chinese: Bool
    /// The channels' names, the modules' included.
    public let channels: SourceChannels

    public init(chinese: Bool, channels: SourceChannels = .core) {
        self.chinese = chinese
        self.channels = channels
    }

    /// The byte order mark and the header row.
    public var header: Data {
        var writer = CSVWriter()
        writer.writeRow(headerNames)
        return writer.data
    }

    /// The header's column names, in English or Chinese.
    public var headerNames: [String] { DemandFile.header.exportHeader(chinese: chinese) }

    /// The columns' English names, which say their kinds in a workbook (``ExportColumnKind``).
    public static var englishHeader: [String] { DemandFile.header.exportHeader(chinese: false) }

    /// The rows, without a header.
    public func rows(_ rows: [DemandExportRow]) -> Data {
        var writer = CSVWriter(byteOrderMark: false)
        for row in cells(rows) { writer.writeRow(row) }
        return writer.data
    }

    /// The rows' values as the CSV writes them (before its formula guard), for a workbook.
    public func cells(_ rows: [DemandExportRow]) -> [[String]] {
        rows.map { row in
            [
                row.externalID, row.title, row.details ?? "", row.category, row.orgCode,
                chinese ? channels.chineseName(of: row.sourceChannel) : row.sourceChannel.rawValue,
                Self.amount(row.quantity), row.quantity.unit.exportText(chinese: chinese),
                String(row.priority.value), row.beneficiaries.map(String.init) ?? "", row.dueOn?.description ?? "",
                row.state.exportText(chinese: chinese), row.filedOn.description,
                exportYesNo(row.isPublic, chinese: chinese),
                row.publishedOn?.description ?? "",
                row.escalationLevel.exportText(chinese: chinese), row.settledLevel?.exportText(chinese: chinese) ?? "",
            ]
        }
    }

    /// A quantity as the file writes it: yuan with two decimals (`1234.50`), other units
    /// as whole numbers.
    public static func amount(_ quantity: Quantity) -> String {
        guard quantity.unit == .yuan else { return String(quantity.amount) }
        let cents = quantity.amount % 100
        return "\(quantity.amount / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}
