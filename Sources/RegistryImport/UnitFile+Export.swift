public import Foundation
import Registry
public import RegistryStore
import SpreadsheetCSV

extension UnitFile {
    /// The CSV of `govreg export units`: the import's columns in the same order, UTF-8 with a
    /// byte order mark, contacts in full (an export for the district's own use). With
    /// `chinese`, the header and the kinds are written in Chinese; the import reads both.
    public static func csv(_ rows: [UnitImportRow], chinese: Bool) -> Data {
        var writer = CSVWriter()
        writer.writeRow(header.exportHeader(chinese: chinese))
        for row in rows {
            writer.writeRow([
                row.externalID, row.name, row.kind.exportText(chinese: chinese), row.contactName ?? "",
                row.contactPhone?.unmasked ?? "", row.address ?? "", row.communityCodes.joined(separator: ";"),
            ])
        }
        return writer.data
    }

    /// The disclosed projection (`--public`): name, kind, address and contracted communities;
    /// no contact person or phone.
    public static func publicCSV(_ rows: [UnitDisclosure], chinese: Bool) -> Data {
        var writer = CSVWriter()
        writer.writeRow(chinese ? ["单位名称", "单位类型", "地址", "包联社区"] : ["name", "kind", "address", "communities"])
        for row in rows {
            writer.writeRow([row.name, row.kind.exportText(chinese: chinese), row.address ?? "", row.communities.joined(separator: chinese ? "、" : ";")])
        }
        return writer.data
    }
}
