import Foundation
import SpreadsheetCSV
@testable import SpreadsheetXLSX
import Testing
import ZIPFoundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The writer's workbooks, taken apart with ZIPFoundation (not our reader): the parts, the
/// cells' types and styles, escaping, the formula guard, the frozen header and the widths.
@Suite struct XLSXWriterTests {
    /// A workbook written by `body` into a scratch file, and its parts by path.
    static func parts(sheetName: String = "需求 demands", header: [String], _ body: (XLSXWriter) throws -> Void) throws -> [String: String] {
        let url = FileManager.default.temporaryDirectory.appending(path: "writer-test-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        let writer = try XLSXWriter(sheetName: sheetName, header: header)
        try body(writer)
        try writer.finish(to: url)
        let archive = try Archive(url: url, accessMode: .read)
        var parts: [String: String] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            parts[entry.path] = String(decoding: data, as: UTF8.self)
        }
        return parts
    }

    /// Whether Foundation's XML parser reads `xml` without an error.
    static func isWellFormed(_ xml: String) -> Bool {
        XMLParser(data: Data(xml.utf8)).parse()
    }

    static let day = CalendarDate(year: 2024, month: 3, day: 5)!

    @Test func writesEveryPartOfAWorkbook() throws {
        let parts = try Self.parts(header: ["需求名称"]) { try $0.appendRow([.text("修路灯")]) }
        #expect(Set(parts.keys) == [
            "[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
            "xl/styles.xml", "xl/worksheets/sheet1.xml",
        ])
        for (path, xml) in parts { #expect(Self.isWellFormed(xml), "\(path)") }
        #expect(parts["[Content_Types].xml"]!.contains(#"PartName="/xl/worksheets/sheet1.xml""#))
        #expect(parts["xl/workbook.xml"]!.contains(#"<sheet name="需求 demands" sheetId="1" r:id="rId1"/>"#))
        #expect(parts["xl/workbook.xml"]!.contains("&apos;需求 demands&apos;!$A$1:$A$2</definedName>"))
        #expect(parts["xl/_rels/workbook.xml.rels"]!.contains(#"Target="worksheets/sheet1.xml""#))
    }

    @Test func typesCellsAndStylesThem() throws {
        let parts = try Self.parts(header: ["名称", "期限", "预算", "优先级", "登记", "空"]) { writer in
            try writer.appendRow([
                .text("修缮小区围墙"), .date(Self.day), .money(cents: 123_456_789), .integer(3),
                .dateTime(Self.day, secondsIntoDay: 12 * 3600), .empty,
            ])
            try writer.appendRow([.text("负数"), .empty, .money(cents: -5)])
        }
        let sheet = try #require(parts["xl/worksheets/sheet1.xml"])
        // The header: bold (style 1), inline strings.
        #expect(sheet.contains(#"<c r="A1" t="inlineStr" s="1"><is><t>名称</t></is></c>"#))
        // 2024-03-05 is day 45356 of the 1900 system; style 2 is yyyy-mm-dd.
        #expect(sheet.contains(#"<c r="B2" s="2"><v>45356</v></c>"#))
        #expect(sheet.contains(#"<c r="C2" s="4"><v>1234567.89</v></c>"#))
        #expect(sheet.contains(#"<c r="D2" s="5"><v>3</v></c>"#))
        #expect(sheet.contains(#"<c r="E2" s="3"><v>45356.5</v></c>"#))
        #expect(!sheet.contains(#"r="F2""#))
        #expect(sheet.contains(#"<c r="C3" s="4"><v>-0.05</v></c>"#))
        let styles = try #require(parts["xl/styles.xml"])
        #expect(styles.contains(#"<numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>"#))
        #expect(styles.contains(#"<cellXfs count="6">"#))
        #expect(styles.contains(#"<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#))
        #expect(styles.contains("<b/>"))
    }

    @Test func freezesTheHeaderFiltersItAndFitsWidths() throws {
        let parts = try Self.parts(header: ["需求名称", "code"]) { writer in
            try writer.appendRow([.text("修缮小区围墙"), .text("S01")])
            try writer.appendRow([.text(String(repeating: "长", count: 100))])
        }
        let sheet = try #require(parts["xl/worksheets/sheet1.xml"])
        #expect(sheet.contains(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#))
        #expect(sheet.contains(#"<autoFilter ref="A1:B3"/>"#))
        #expect(sheet.contains(#"<dimension ref="A1:B3"/>"#))
        // The first column holds 100 Chinese characters (200 wide): capped at 60. The second's
        // widest cell is its header, 4 wide, raised to the minimum of 8.
        #expect(sheet.contains(#"<col min="1" max="1" width="60.0" customWidth="1"/>"#))
        #expect(sheet.contains(#"<col min="2" max="2" width="8.0" customWidth="1"/>"#))
    }

    @Test func countsChineseAndFullWidthCharactersDouble() {
        #expect(ColumnWidth.of("修缮小区围墙") == 12)
        #expect(ColumnWidth.of("S01，东段（一期）") == 3 + 2 * 7)
        #expect(ColumnWidth.of("abc") == 3)
        #expect(ColumnWidth.of("第一行\nlonger second line") == 18)
        #expect(ColumnWidth.excelWidth(12) == 15)
    }

    @Test func escapesMarkupAndReplacesWhatXMLCannotCarry() throws {
        let text = "a & b < c > \"d\" 'e'\r\n行二\tx\u{1}y\u{FFFF}"
        let parts = try Self.parts(header: ["t", "u"]) { try $0.appendRow([.text(text), .text("  两端空格 ")]) }
        let sheet = try #require(parts["xl/worksheets/sheet1.xml"])
        #expect(Self.isWellFormed(sheet))
        #expect(sheet.contains(
            "<t xml:space=\"preserve\">a &amp; b &lt; c &gt; &quot;d&quot; &apos;e&apos;&#13;\n行二\tx\u{FFFD}y\u{FFFD}</t>"))
        #expect(sheet.contains("<t xml:space=\"preserve\">  两端空格 </t>"))
        // The sheet name is escaped in the workbook part as well.
        let named = try Self.parts(sheetName: "R&D 'x'", header: ["t"]) { _ in }
        #expect(Self.isWellFormed(named["xl/workbook.xml"]!))
        #expect(named["xl/workbook.xml"]!.contains(#"<sheet name="R&amp;D &apos;x&apos;""#))
    }

    /// A cell that a spreadsheet would run is a string cell: no part has a formula.
    @Test func neverWritesAFormula() throws {
        let attacks = ["=HYPERLINK(\"http://evil.example\",\"点我\")", "+cmd|' /C calc'!A0", "-1+1", "@SUM(1+1)", "\t=1+1", "\r=1", "=1+1"]
        let parts = try Self.parts(header: ["title"]) { writer in
            for attack in attacks { try writer.appendRow([.text(attack)]) }
        }
        for (path, xml) in parts { #expect(!xml.contains("<f>") && !xml.contains("<f "), "\(path)") }
        let sheet = try #require(parts["xl/worksheets/sheet1.xml"])
        for row in 2...(attacks.count + 1) { #expect(sheet.contains("<c r=\"A\(row)\" t=\"inlineStr\"><is><t")) }
        #expect(sheet.contains("<t>=HYPERLINK(&quot;http://evil.example&quot;,&quot;点我&quot;)</t>"))
        // The string is the text itself: no apostrophe in front, unlike CSV's guard.
        #expect(!sheet.contains("<t>'"))
    }

    @Test func numbersDaysInThe1900System() {
        func serial(_ year: Int, _ month: Int, _ day: Int) -> Int? { ExcelDate.serial(of: CalendarDate(year: year, month: month, day: day)!) }
        #expect(serial(1900, 1, 1) == 1)
        #expect(serial(1900, 2, 28) == 59)
        // Serial 60 is Excel's 1900-02-29, which never was.
        #expect(serial(1900, 3, 1) == 61)
        #expect(serial(1970, 1, 1) == 25569)
        #expect(serial(2024, 3, 5) == 45356)
        #expect(serial(9999, 12, 31) == 2_958_465)
        #expect(serial(1899, 12, 31) == nil)
        #expect(XLSXWriter.Cell.decimal(5) == "0.05")
        #expect(XLSXWriter.Cell.decimal(-123_400) == "-1234.00")
    }

    @Test func aDayBefore1900IsWrittenAsText() throws {
        let parts = try Self.parts(header: ["d"]) { try $0.appendRow([.date(CalendarDate(year: 1899, month: 1, day: 2)!)]) }
        #expect(parts["xl/worksheets/sheet1.xml"]!.contains(#"<c r="A2" t="inlineStr"><is><t>1899-01-02</t></is></c>"#))
    }

    @Test func namesColumnsPastZ() {
        #expect(CellReference.letters(0) == "A")
        #expect(CellReference.letters(25) == "Z")
        #expect(CellReference.letters(26) == "AA")
        #expect(CellReference.letters(16_383) == "XFD")
    }

    @Test func refusesBadSheetNamesAndRaggedRows() throws {
        #expect(throws: XLSXWriterError.self) { try XLSXWriter(sheetName: "a/b", header: ["x"]) }
        #expect(throws: XLSXWriterError.self) { try XLSXWriter(sheetName: String(repeating: "长", count: 32), header: ["x"]) }
        let writer = try XLSXWriter(sheetName: "s", header: ["x"])
        #expect(throws: XLSXWriterError.self) { try writer.appendRow([.text("1"), .text("2")]) }
        let url = FileManager.default.temporaryDirectory.appending(path: "writer-test-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        try writer.finish(to: url)
        #expect(throws: XLSXWriterError.self) { try writer.appendRow([.text("late")]) }
        #expect(throws: XLSXWriterError.self) { try writer.finish(to: url) }
    }

    /// Rows stream through the temporary file and come out whole, in order, across the
    /// chunks ZIPFoundation asks for (the head, the rows and the tail straddled).
    @Test func streamsManyRows() throws {
        let count = 20_000
        let parts = try Self.parts(header: ["编号", "名称", "数量"]) { writer in
            for row in 1...count { try writer.appendRow([.text("D-\(row)"), .text("第\(row)条需求：修缮"), .integer(Int64(row))]) }
        }
        let sheet = try #require(parts["xl/worksheets/sheet1.xml"])
        #expect(Self.isWellFormed(sheet))
        #expect(sheet.components(separatedBy: "<row ").count - 1 == count + 1)
        #expect(sheet.contains("<c r=\"C\(count + 1)\" s=\"5\"><v>\(count)</v></c></row></sheetData>"))
        #expect(sheet.hasSuffix("<autoFilter ref=\"A1:C\(count + 1)\"/></worksheet>"))
    }

    /// The workbook reads back through the import's reader with every value as written.
    @Test func readsBackThroughTheWorkbookReader() throws {
        let url = FileManager.default.temporaryDirectory.appending(path: "writer-test-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        let writer = try XLSXWriter(sheetName: "需求", header: ["需求名称", "期限", "数量", "优先级"])
        try writer.appendRow([.text("=1+1 路灯"), .date(Self.day), .money(cents: 150_050), .integer(4)])
        try writer.appendRow([.text("007"), .empty, .money(cents: 200), .integer(1)])
        try writer.finish(to: url)
        let sheet = try Workbook(Data(contentsOf: url)).sheet()
        #expect(sheet.header == ["需求名称", "期限", "数量", "优先级"])
        #expect(Array(sheet.table.records[0]) == ["=1+1 路灯", "2024-03-05", "1500.5", "4"])
        #expect(Array(sheet.table.records[1]) == ["007", "", "2", "1"])
    }
}
