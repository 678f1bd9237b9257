import Foundation
import ImportIssues
import RegistryImport
import SpreadsheetCSV
import Testing

/// A workbook's sheet handed to the list readers as CSV, and problems named back at their cells.
@Suite struct ImportSourceReaderTests {
    static func workbook(_ name: String) throws -> Data {
        try Data(contentsOf: URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "SpreadsheetXLSXTests/Fixtures/\(name).xlsx"))
    }

    @Test func recordsKeepTheirExcelRows() throws {
        let source = try ImportSource(Self.workbook("store-demands-bad-openpyxl"))
        #expect(source.sheetName == "需求")
        var issues = IssueList()
        let table = try CSVReader().read(source.data, issues: &issues)
        #expect(issues.isEmpty)
        #expect(table.headerLine == 2)
        #expect(table.records.map(\.line) == Array(3...17))
        #expect(table.records.last?[2] == "不存在的类别")
    }

    @Test(arguments: ["openpyxl", "libreoffice"]) func problemsBelowALineBreakAreStillAtTheirCells(writer: String) throws {
        let source = try ImportSource(Self.workbook("multiline-\(writer)"))
        var issues = IssueList()
        let table = try CSVReader().read(source.data, issues: &issues)
        // Texts come back exactly: the line break, a formula-like text, a leading apostrophe.
        #expect(table.records.map { Array($0) } == [["第一行\n第二行", "=不是公式"], ["b", "'c"]])
        let record = table.records[1]
        var found = IssueList()
        found.append(ImportIssue(line: record.line, column: "类别", value: "'c", reason: "is not a category"))
        found.append(ImportIssue(line: table.headerLine, column: "名称", reason: "header"))
        let placed = source.placed(ImportRejected(issues: found)).issues
        #expect(placed.issues.map(\.cell) == ["Sheet1!A1", "Sheet1!B3"])
        #expect(placed.issues.map(\.line) == [1, 3])
        #expect(placed.totalCount == 2)
    }

    @Test func csvPassesThroughAndHasNoSheets() throws {
        let csv = Data("需求名称\n修路灯\n".utf8)
        let source = try ImportSource(csv)
        #expect(source.data == csv && !source.isWorkbook && source.problems.isEmpty)
        let issue = ImportIssue(line: 2, column: "需求名称", reason: "x")
        var list = IssueList()
        list.append(issue)
        #expect(source.placed(list).issues == [issue])
        #expect(throws: ImportSource.Unreadable.self) { try ImportSource(csv, sheet: "需求") }
    }

    @Test func anotherZIPIsNoWorkbook() throws {
        let zip = Data([0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0, count: 60))
        do {
            _ = try ImportSource(zip)
            Issue.record("a ZIP that is no workbook should be refused")
        } catch {
            #expect(error.message.contains(".xlsx"))
        }
    }
}
