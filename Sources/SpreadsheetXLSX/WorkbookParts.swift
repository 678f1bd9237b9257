import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The relationships of a part (`_rels/*.rels`): which part plays which role.
final class WorkbookRelationships: NSObject, XMLParserDelegate {
    struct Relationship {
        var id: String
        var type: String
        var target: String
    }

    private(set) var relationships: [Relationship] = []

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        guard element == "Relationship", let id = attributes["Id"], let target = attributes["Target"] else { return }
        // External targets (hyperlinks) are not parts of the file.
        guard attributes["TargetMode"] != "External" else { return }
        relationships.append(Relationship(id: id, type: attributes["Type"] ?? "", target: target))
    }

    /// The first target whose type ends in `/kind` (types differ between the transitional
    /// and strict namespaces; their last word does not).
    func target(ofKind kind: String) -> String? {
        relationships.first { $0.type.hasSuffix("/" + kind) }?.target
    }
}

/// `xl/workbook.xml`: the sheets in tab order and the date system.
final class WorkbookSheetList: NSObject, XMLParserDelegate {
    private(set) var sheets: [(name: String, relationship: String, hidden: Bool)] = []
    private(set) var date1904 = false

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch element {
        case "workbookPr":
            date1904 = ["1", "true"].contains(attributes["date1904"]?.lowercased() ?? "")
        case "sheet":
            // The relationship attribute is r:id; how its prefix is reported varies.
            let relationship = attributes.first { $0.key == "id" || $0.key.hasSuffix(":id") }?.value
            // `hidden` and `veryHidden` sheets are a template's lookup lists, not what the clerk sees.
            let hidden = (attributes["state"] ?? "visible") != "visible"
            if let name = attributes["name"], let relationship { sheets.append((name, relationship, hidden)) }
        default: break
        }
    }
}

/// `xl/styles.xml`: which cell formats (`cellXfs`, indexed by a cell's `s`) show dates.
final class WorkbookStyles: NSObject, XMLParserDelegate {
    private var customCodes: [Int: String] = [:]
    private var formatIDs: [Int] = []
    private var inCellFormats = false
    private var depth = 0

    /// For each cell format index, whether it shows a date or time.
    var dateFormats: [Bool] {
        formatIDs.map { ExcelDate.isDateFormat(id: $0, code: customCodes[$0]) }
    }

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch element {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] { customCodes[id] = code }
        case "cellXfs":
            inCellFormats = true
            depth = 0
        case "xf" where inCellFormats && depth == 0:
            formatIDs.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
        default: break
        }
        if inCellFormats && element != "cellXfs" { depth += 1 }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        if element == "cellXfs" {
            inCellFormats = false
        } else if inCellFormats {
            depth -= 1
        }
    }
}
