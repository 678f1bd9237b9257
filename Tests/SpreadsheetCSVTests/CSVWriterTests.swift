import ImportIssues
import SpreadsheetCSV
import Testing

@Suite("CSVWriter")
struct CSVWriterTests {
    @Test("quotes only where needed, with BOM and CRLF by default")
    func quoting() {
        var writer = CSVWriter()
        writer.writeRow(["plain", "a,b", "say \"hi\"", "two\nlines", "cr\rx", " lead", "trail ", "007", "", "中文"])
        let expected = "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rx\",\" lead\",\"trail \",007,,中文\r\n"
        #expect(writer.bytes == [0xEF, 0xBB, 0xBF] + Array(expected.utf8))
    }

    @Test("LF, no BOM, tab separator")
    func options() {
        var writer = CSVWriter(separator: .tab, lineEnding: .lf, byteOrderMark: false)
        writer.writeRow(["a,b", "c\td"])
        writer.writeRow(["1", "2"])
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "\"a,b\"\t\"c\td\"\n1\t2\n")
    }

    static let trickyRows: [[String]] = [
        [" 名称 ", "备注", "编号", "金额（元）"],
        ["修缮\"幸福\"小区,一期", "第一行\r\n第二行\n第三行", "007", "1,234.50"],
        ["", "\"", ",", "\r"],
        ["  ", "\u{3000}全角空格\u{3000}", "0012300", "末尾逗号,"],
        ["𠀀 emoji 🎉", "'=1+1", "000", "\"\""],
    ]

    @Test("writer to reader round trip", arguments: [CSVWriter.LineEnding.crlf, .lf], [true, false])
    func roundTrip(lineEnding: CSVWriter.LineEnding, byteOrderMark: Bool) throws {
        var writer = CSVWriter(lineEnding: lineEnding, byteOrderMark: byteOrderMark)
        for row in Self.trickyRows {
            writer.writeRow(row)
        }
        var issues = IssueList()
        let table = try CSVReader().read(writer.bytes, issues: &issues)
        #expect(issues.isEmpty)
        #expect(table.encoding == (byteOrderMark ? .utf8WithByteOrderMark : .utf8))
        #expect([table.header] + table.records.map { Array($0) } == Self.trickyRows)
        // Row 2 spans lines 2–4 and row 3 lines 5–6 (its last field is a lone CR).
        #expect(table.records.map(\.line) == [2, 5, 7, 8])
    }

    /// OWASP's CSV injection: a cell a spreadsheet would run is written as text, and read back
    /// as it was given.
    @Test("formula-like cells are defused on export and restored on import")
    func formulas() throws {
        let attacks = [
            "=HYPERLINK(\"http://evil.example\",\"点我\")", "+cmd|' /C calc'!A0", "@SUM(1+1)", "-1+1", "\t=1+1", "\r=1",
            "'=already quoted", "''", "'tis", "-3", "+12", "2024-03-05", "路灯 = 坏了",
        ]
        var writer = CSVWriter(byteOrderMark: false)
        writer.writeRow(["title"])
        for attack in attacks { writer.writeRow([attack]) }
        let written = String(decoding: writer.bytes, as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        #expect(written[1] == #""'=HYPERLINK(""http://evil.example"",""点我"")""#)
        #expect(written[2] == "'+cmd|' /C calc'!A0")
        #expect(written[3] == "'@SUM(1+1)")
        #expect(written[4] == "'-1+1")
        #expect(written[10] == "-3")
        #expect(written[11] == "+12")
        // No written cell starts with a trigger, quoted or not.
        for cell in written.dropFirst() where !cell.isEmpty {
            let unquoted = cell.hasPrefix("\"") ? String(cell.dropFirst()) : cell
            #expect(!["=", "+", "@", "\t", "\r"].contains(where: unquoted.hasPrefix) || Double(unquoted) != nil, "\(cell)")
        }
        var issues = IssueList()
        let table = try CSVReader().read(writer.bytes, issues: &issues)
        #expect(issues.isEmpty)
        #expect(table.records.map { $0[0] } == attacks)
    }
}
