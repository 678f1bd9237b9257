import Foundation
import ImportIssues
import SpreadsheetXLSX
import Testing
import ZIPFoundation

/// Workbooks no spreadsheet program writes, made part by part here: what a careless generator
/// or a hostile upload can hand the reader, which must answer with a problem at a cell or a
/// refusal, never hold memory out of all proportion to the file.
@Suite struct HostileWorkbookTests {
    /// A workbook of the given sheets (name, `<sheetData>` rows, `state` attribute or nil).
    static func workbook(_ sheets: [(name: String, rows: String, state: String?)]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        try add("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/></Types>
            """)
        try add("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(relations)/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """)
        let entries = sheets.indices.map { index in
            let state = sheets[index].state.map { " state=\"\($0)\"" } ?? ""
            return "<sheet name=\"\(sheets[index].name)\" sheetId=\"\(index + 1)\"\(state) r:id=\"rId\(index + 1)\"/>"
        }
        try add("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\(main)" xmlns:r="\(relations)"><sheets>\(entries.joined())</sheets></workbook>
            """)
        let links = sheets.indices.map { "<Relationship Id=\"rId\($0 + 1)\" Type=\"\(relations)/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>" }
        try add("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(links.joined())</Relationships>
            """)
        for (index, sheet) in sheets.enumerated() {
            try add("xl/worksheets/sheet\(index + 1).xml", """
                <?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="\(main)"><sheetData>\(sheet.rows)</sheetData></worksheet>
                """)
        }
        return try #require(archive.data)
    }

    static let header = #"<row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c><c r="B1" t="inlineStr"><is><t>数量</t></is></c></row>"#

    @Test func aRowNumberPastExcelsLastRowIsAProblemNotAMillionBlankLines() throws {
        let rows = Self.header + #"<row r="2000000000"><c r="A2000000000" t="inlineStr"><is><t>x</t></is></c></row>"#
        let sheet = try Workbook(Self.workbook([("需求", rows, nil)])).sheet()
        #expect(sheet.issues.count == 1)
        #expect(sheet.issues.first?.reason.contains("row number 2000000000") == true)
        #expect(sheet.records.map(\.row) == [2])
    }

    @Test func rowsOutOfOrderAreAProblem() throws {
        let rows = Self.header + #"<row r="5"><c r="A5"><v>1</v></c></row><row r="3"><c r="A3"><v>2</v></c></row>"#
        let sheet = try Workbook(Self.workbook([("需求", rows, nil)])).sheet()
        #expect(sheet.issues.map(\.cell) == ["需求!A6"])
    }

    @Test func aValueFarToTheRightIsAProblemAndNoRowIsPaddedToIt() throws {
        let rows = Self.header + #"<row r="2"><c r="A2"><v>1</v></c><c r="XFD2" t="inlineStr"><is><t>far</t></is></c></row>"#
        let sheet = try Workbook(Self.workbook([("需求", rows, nil)])).sheet()
        #expect(sheet.issues.map(\.cell) == ["需求!XFD2"])
        #expect(sheet.records.first?.cells.count ?? 0 <= 2)
    }

    @Test func aFormulaWithNoSavedValueIsAProblemAtItsCell() throws {
        let rows = Self.header + #"<row r="2"><c r="A2" t="inlineStr"><is><t>灯</t></is></c><c r="B2"><f>1+1</f></c></row>"#
        let sheet = try Workbook(Self.workbook([("需求", rows, nil)])).sheet()
        #expect(sheet.issues.map(\.cell) == ["需求!B2"])
        #expect(sheet.issues.first?.reason.contains("no saved value") == true)
    }

    @Test func aHiddenFirstSheetIsNotTheDefault() throws {
        let lookup = #"<row r="1"><c r="A1" t="inlineStr"><is><t>代码表</t></is></c></row>"#
        let data = try Self.workbook([("代码", lookup, "hidden"), ("需求", Self.header, nil)])
        let workbook = try Workbook(data)
        #expect(workbook.sheetNames == ["代码", "需求"])
        #expect(try workbook.sheet().sheetName == "需求")
        #expect(try workbook.sheet(named: "代码").header == ["代码表"])
    }

    @Test func computedNumbersReadAsExcelShowsThem() throws {
        let rows = Self.header + #"<row r="2"><c r="A2" t="inlineStr"><is><t>a</t></is></c><c r="B2"><v>1358.0000000000002</v></c></row>"#
            + #"<row r="3"><c r="A3" t="inlineStr"><is><t>b</t></is></c><c r="B3"><v>0.30000000000000004</v></c></row>"#
        let sheet = try Workbook(Self.workbook([("需求", rows, nil)])).sheet()
        #expect(sheet.records.map { $0[1] } == ["1358", "0.3"])
    }
}
