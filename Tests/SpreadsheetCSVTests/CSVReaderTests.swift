import ImportIssues
import SpreadsheetCSV
import Testing

@Suite("CSVReader")
struct CSVReaderTests {
    /// Reads text and returns the rows (header first) with their lines, and the issues.
    private func read(
        _ text: String,
        separator: Separator? = nil
    ) -> (rows: [[String]], lines: [Int], issues: [ImportIssue]) {
        var issues = IssueList()
        let table = CSVReader(separator: separator).read(text, issues: &issues)
        let rows = [table.header] + table.records.map { Array($0) }
        let lines = [table.headerLine] + table.records.map(\.line)
        return (rows, lines, issues.issues)
    }

    @Test("LF, CRLF and lone CR line ends", arguments: ["\n", "\r\n", "\r"])
    func lineEnds(end: String) {
        let result = read("a,b\(end)1,2\(end)3,4\(end)")
        #expect(result.rows == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(result.lines == [1, 2, 3])
        #expect(result.issues.isEmpty)
    }

    @Test("the last line needs no line end; mixed line ends are fine")
    func mixedLineEnds() {
        let result = read("a,b\r\n1,2\n3,4\r5,6")
        #expect(result.rows == [["a", "b"], ["1", "2"], ["3", "4"], ["5", "6"]])
        #expect(result.lines == [1, 2, 3, 4])
    }

    @Test("quoted fields hold separators, doubled quotes and line breaks")
    func quoting() {
        let result = read("名称,备注\r\n\"修缮,一期\",\"他说\"\"好\"\"\"\r\n\"第一行\r\n第二行\nx\",\"\"\r\n")
        #expect(result.rows == [["名称", "备注"], ["修缮,一期", "他说\"好\""], ["第一行\r\n第二行\nx", ""]])
        #expect(result.issues.isEmpty)
    }

    @Test("records after a multi-line field carry their physical line")
    func linesAfterMultilineField() {
        let text = "a,b\n1,\"x\ny\r\nz\"\n2,\"p\rq\"\n3,w\n"
        let result = read(text)
        #expect(result.rows.map(\.first) == ["a", "1", "2", "3"])
        #expect(result.lines == [1, 2, 5, 7])
    }

    @Test("trailing empty lines and blank rows are skipped, line numbers still count")
    func blankRows() {
        let result = read("\r\na,b\r\n1,2\r\n\r\n,\r\n3,4\r\n\r\n\r\n,\r\n")
        #expect(result.rows == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(result.lines == [2, 3, 6])
        #expect(result.issues.isEmpty)
    }

    @Test("ragged rows are reported with their lines, and reading goes on")
    func raggedRows() {
        let result = read("a,b,c\n1,2,3\n1,2\n\"x\ny\",2,3,4\n5,6,7\n8\n")
        #expect(result.rows == [["a", "b", "c"], ["1", "2", "3"], ["5", "6", "7"]])
        #expect(result.lines == [1, 2, 6])
        #expect(result.issues == [
            ImportIssue(line: 3, reason: "有 2 个字段，表头有 3 个 has 2 fields, but the header has 3"),
            ImportIssue(line: 4, reason: "有 4 个字段，表头有 3 个 has 4 fields, but the header has 3"),
            ImportIssue(line: 7, reason: "有 1 个字段，表头有 3 个 has 1 field, but the header has 3"),
        ])
    }

    @Test("past the issue limit, ragged rows are counted, not kept")
    func issueLimit() {
        var issues = IssueList(limit: 3)
        let text = "a,b\n" + String(repeating: "1\n", count: 10) + "2,3\n"
        let table = CSVReader().read(text, issues: &issues)
        #expect(table.records.map { Array($0) } == [["2", "3"]])
        #expect(issues.issues.map(\.line) == [2, 3, 4])
        #expect(issues.totalCount == 10)
    }

    @Test("an unclosed quote is reported on the line it opens")
    func unclosedQuote() {
        let result = read("a,b\n1,2\n3,\"never closed\n4,5\n")
        #expect(result.rows == [["a", "b"], ["1", "2"]])
        #expect(result.issues.map(\.line) == [3])
        #expect(result.issues.first?.reason.contains("closing quote") == true)
    }

    @Test("text after a closing quote is reported; a quote inside an unquoted field is literal")
    func strayQuotes() {
        let result = read("a,b\n\"x\"y,2\nab\"c,3\n")
        #expect(result.rows == [["a", "b"], ["ab\"c", "3"]])
        #expect(result.issues.map(\.line) == [2])
    }

    @Test("a trailing separator is an empty last field")
    func trailingSeparator() {
        let result = read("a,b,\n1,2,\n")
        #expect(result.rows == [["a", "b", ""], ["1", "2", ""]])
    }

    @Test("unquoted header names are trimmed, quoted ones and data are not")
    func headerTrimming() {
        let result = read(" 名称 ,\u{3000}数量\t,\" 备注 \"\n 1 ,2,3\n")
        #expect(result.rows == [["名称", "数量", " 备注 "], [" 1 ", "2", "3"]])
    }

    @Test("the tab is detected when the header has tabs and no commas")
    func tabDetection() {
        var issues = IssueList()
        let table = CSVReader().read("名称\t金额\n\"a,b\"\t1,234\n", issues: &issues)
        #expect(table.separator == .tab)
        #expect(table.records.map { Array($0) } == [["a,b", "1,234"]])
        #expect(CSVReader().read("名称\t类型,金额\n", issues: &issues).separator == .comma)
        #expect(CSVReader().read("\"a\tb\",c\n", issues: &issues).separator == .comma)
        #expect(issues.isEmpty)
    }

    @Test("a separator given by the caller is used")
    func givenSeparator() {
        let result = read("a;b,c\n1;2,3\n", separator: .semicolon)
        #expect(result.rows == [["a", "b,c"], ["1", "2,3"]])
    }

    @Test("an empty or blank file is reported")
    func emptyFile() {
        for text in ["", "\r\n\r\n", ",,\n"] {
            let result = read(text)
            #expect(result.rows == [[]])
            #expect(result.issues == [ImportIssue(line: 1, reason: "文件为空，没有表头 the file is empty: there is no header row")])
        }
    }

    @Test("a header with no records is a table with no records")
    func headerOnly() {
        var issues = IssueList()
        let table = CSVReader().read("a,b\r\n", issues: &issues)
        #expect(table.header == ["a", "b"])
        #expect(table.records.isEmpty)
        #expect(issues.isEmpty)
    }

    @Test("GB18030 bytes are read with the encoding reported")
    func gb18030File() throws {
        var bytes = TextEncodingDecodingTests.demandNameGB + Array(",".utf8) + TextEncodingDecodingTests.quantityGB
        bytes += Array("\r\n".utf8) + [0xD0, 0xDE, 0xC9, 0xC9, 0xD0, 0xA1, 0xC7, 0xF8] + Array(",3\r\n".utf8)  // 修缮小区
        var issues = IssueList()
        let table = try CSVReader().read(bytes, issues: &issues)
        #expect(table.encoding == .gb18030)
        #expect(table.header == ["需求名称", "数量（个）"])
        #expect(table.records.map { Array($0) } == [["修缮小区", "3"]])
    }

    @Test("Excel's Unicode text: UTF-16LE, tab-separated")
    func unicodeText() throws {
        let units = Array("名称\t数量\r\n修缮\t3\r\n".utf16)
        let bytes: [UInt8] = [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        var issues = IssueList()
        let table = try CSVReader().read(bytes, issues: &issues)
        #expect(table.encoding == .utf16LittleEndian)
        #expect(table.separator == .tab)
        #expect(table.header == ["名称", "数量"])
        #expect(table.records.map { Array($0) } == [["修缮", "3"]])
    }

    @Test("a forced encoding is used")
    func forcedEncoding() throws {
        var issues = IssueList()
        let bytes = TextEncodingDecodingTests.demandNameGB + Array("\n1\n".utf8)
        #expect(try CSVReader(encoding: .gb18030).read(bytes, issues: &issues).header == ["需求名称"])
        #expect(throws: ImportIssue.self) { try CSVReader(encoding: .utf8).read(bytes, issues: &issues) }
    }

    @Test("fields carry line and header name for issues")
    func fieldContext() {
        var issues = IssueList()
        let table = CSVReader().read("名称,数量\nx,1\n\"y\nz\",oops\n", issues: &issues)
        let field = table.records[1].field(at: 1)
        #expect(field == CSVField(line: 3, column: "数量", text: "oops"))
        #expect(throws: ImportIssue(line: 3, column: "数量", value: "oops", reason: "不是整数 is not a whole number")) {
            try field.integer()
        }
    }
}
