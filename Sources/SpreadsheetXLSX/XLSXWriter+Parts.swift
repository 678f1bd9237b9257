import Foundation

extension XLSXWriter {
    /// The parts of the workbook other than the sheet's rows (ECMA-376 Part 1, SpreadsheetML):
    /// the package's content types and relationships, the workbook with its one sheet, the
    /// styles the cells name (``Cell/Style``), and the sheet's head and tail around the rows.
    enum Parts {
        static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"

        /// Every entry's date: fixed, so the same rows make the same bytes.
        static let modificationDate = Date(timeIntervalSince1970: 1_577_836_800)  // 2020-01-01

        static let contentTypes = Data((declaration + """
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
            <Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>\
            </Types>
            """).utf8)

        static let packageRelationships = Data((declaration + """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(relationshipNamespace)/officeDocument" Target="xl/workbook.xml"/>\
            <Relationship Id="rId2" Type="\(relationshipNamespace)/extended-properties" Target="docProps/app.xml"/>\
            </Relationships>
            """).utf8)

        /// Which program wrote the file, as Excel's File › Info shows it.
        static let application = Data((declaration + """
            <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">\
            <Application>govreg</Application></Properties>
            """).utf8)

        static let workbookRelationships = Data((declaration + """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(relationshipNamespace)/worksheet" Target="worksheets/sheet1.xml"/>\
            <Relationship Id="rId2" Type="\(relationshipNamespace)/styles" Target="styles.xml"/>\
            </Relationships>
            """).utf8)

        /// The workbook: its one sheet, and the hidden name Excel keeps for the autofilter's
        /// range (without it Excel still filters, but rewrites the file on saving).
        static func workbook(sheetName: String, filterRange: String) -> Data {
            let quoted = "'" + sheetName.replacingOccurrences(of: "'", with: "''") + "'"
            let absolute = filterRange.split(separator: ":").map { reference in
                let letters = reference.prefix { $0.isLetter }
                return "$\(letters)$\(reference.dropFirst(letters.count))"
            }.joined(separator: ":")
            return Data((declaration + """
                <workbook xmlns="\(mainNamespace)" xmlns:r="\(relationshipNamespace)">\
                <bookViews><workbookView/></bookViews>\
                <sheets><sheet name="\(XMLText.escaped(sheetName))" sheetId="1" r:id="rId1"/></sheets>\
                <definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">\
                \(XMLText.escaped(quoted + "!" + absolute))</definedName></definedNames>\
                </workbook>
                """).utf8)
        }

        /// The styles, in the order of ``Cell/Style``: plain, bold header, date, date and
        /// time, money with two decimals and thousands separators (built-in format 4), whole
        /// number (built-in 1).
        static let styles = Data((declaration + """
            <styleSheet xmlns="\(mainNamespace)">\
            <numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>\
            <numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>\
            <fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
            <font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>\
            <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
            <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
            <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
            <cellXfs count="6">\
            <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
            <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
            <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
            <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
            <xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
            <xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
            </cellXfs>\
            <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
            </styleSheet>
            """).utf8)

        /// The sheet up to its first row: the range it covers, the header row frozen (a pane
        /// split below row 1), and the columns' widths.
        static func sheetHead(dimension: String, widths: [Double]) -> Data {
            var xml = declaration + "<worksheet xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipNamespace)\">"
            xml += "<dimension ref=\"\(dimension)\"/>"
            xml += "<sheetViews><sheetView workbookViewId=\"0\">"
            xml += "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            xml += "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
            xml += "<sheetFormatPr defaultRowHeight=\"15\"/>"
            if !widths.isEmpty {
                xml += "<cols>"
                for (index, width) in widths.enumerated() {
                    // Rounded to a tenth: the unit is a digit's width, finer means nothing.
                    let shown = (width * 10).rounded() / 10
                    xml += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(shown)\" customWidth=\"1\"/>"
                }
                xml += "</cols>"
            }
            xml += "<sheetData>"
            return Data(xml.utf8)
        }

        /// The sheet after its last row: the autofilter on the header, if there are columns.
        static func sheetTail(filterRange: String?) -> Data {
            var xml = "</sheetData>"
            if let filterRange { xml += "<autoFilter ref=\"\(filterRange)\"/>" }
            xml += "</worksheet>"
            return Data(xml.utf8)
        }
    }
}
