import Foundation
import ImportIssues
import SpreadsheetCSV
import SpreadsheetXLSX
import Testing

/// The reader on workbooks written by openpyxl and re-saved by LibreOffice
/// (scripts/lib/make_workbooks.py), never by govreg's own writer.
@Suite struct WorkbookReaderTests {
    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: URL(filePath: #filePath).deletingLastPathComponent().appending(path: "Fixtures/\(name).xlsx"))
    }

    static let writers = ["openpyxl", "libreoffice"]

    @Test(arguments: writers) func demandSheet(writer: String) throws {
        let workbook = try Workbook(Self.fixture("demands-\(writer)"))
        #expect(workbook.sheetNames == ["需求", "资源"])
        let sheet = try workbook.sheet()
        // The merged title row is passed over; trailing formatted rows and columns are ignored.
        #expect(sheet.headerRow == 2)
        #expect(sheet.header == ["需求编号", "需求名称", "类别", "所在组织编码", "数量", "计量单位", "期限"])
        #expect(sheet.issues.isEmpty)
        let table = sheet.table
        #expect(table.records.map(\.line) == [3, 4, 5])
        #expect(Array(table.records[0]) == ["D-001", "修缮楼道灯", "设施维修", "110101001001", "12", "盏", "2024-03-05"])
        // Text stays text ("00123"); rich-text runs are joined; a date with a time keeps it.
        #expect(Array(table.records[1]) == ["00123", "老年助餐", "为老服务", "110101001001", "2.5", "次", "2024-12-31 14:30"])
        #expect(table.records[2][1] == "  清理小广告 ")
        #expect(table.records[2][4] == "0.1")
        #expect(table.records[2][6] == "")
    }

    @Test(arguments: writers) func secondSheetByName(writer: String) throws {
        let sheet = try Workbook(Self.fixture("demands-\(writer)")).sheet(named: "资源")
        #expect(sheet.header == ["资源编号", "资源名称"])
        #expect(sheet.records == [SheetRow(row: 2, cells: ["R-1", "活动室"])])
        #expect(sheet.cellName(column: 1, row: 2) == "资源!B2")
    }

    @Test func unknownSheetListsTheSheets() throws {
        let workbook = try Workbook(Self.fixture("demands-openpyxl"))
        #expect(throws: WorkbookError.self) { try workbook.sheet(named: "项目") }
        do {
            _ = try workbook.sheet(named: "项目")
        } catch {
            #expect(error.isUnknownSheet)
            #expect(error.sheetNames == ["需求", "资源"])
            #expect(error.message.contains("需求、资源"))
        }
    }

    @Test(arguments: writers) func dates1904(writer: String) throws {
        let workbook = try Workbook(Self.fixture("dates1904-\(writer)"))
        #expect(workbook.usesDate1904)
        let table = try workbook.sheet().table
        #expect(table.records.map { $0[1] } == ["2024-03-05", "1904-01-02"])
    }

    @Test(arguments: writers) func dates1900(writer: String) throws {
        let workbook = try Workbook(Self.fixture("dates1900-\(writer)"))
        #expect(!workbook.usesDate1904)
        let values = try workbook.sheet().table.records.map { $0[1] }
        // Serial 60 is the 1900-02-29 that never was: kept so that the date check refuses it.
        #expect(values == ["1900-01-01", "1900-02-28", "1900-02-29", "1900-03-01", "2024-03-05", "2024-03-05", "45356"])
    }

    @Test(arguments: writers) func mergedHeader(writer: String) throws {
        let sheet = try Workbook(Self.fixture("merged-header-\(writer)")).sheet()
        #expect(sheet.headerRow == 2)
        #expect(sheet.header == ["编号", "名称", "类别", "备注"])
        #expect(sheet.records.map(\.cells) == [["1", "甲", "乙", "x"], ["2", "丙", "丁", ""]])
        // The value under the merged-over column is not dropped silently.
        #expect(sheet.issues.map(\.cell) == ["Sheet1!E4"])
        #expect(sheet.issues.first?.value == "stray")
    }

    @Test func formulasCachedValuesAndErrorCells() throws {
        let sheet = try Workbook(Self.fixture("formulas-libreoffice")).sheet()
        #expect(sheet.header == ["名称", "数量", "合计", "标记"])
        #expect(sheet.records.map(\.cells) == [["a", "2", "6", "TRUE"], ["b", "0", "#DIV/0!", "FALSE"], ["c", "5", "xc", "#N/A"]])
        #expect(sheet.issues.map(\.cell) == ["Calc!C3", "Calc!D4"])
        #expect(sheet.issues.map(\.line) == [3, 4])
        #expect(sheet.issues.first?.column == "合计")
        #expect(sheet.issues.first?.value == "#DIV/0!")
    }

    @Test func openpyxlErrorValueAndUncachedFormula() throws {
        let sheet = try Workbook(Self.fixture("formulas-openpyxl")).sheet()
        // openpyxl stores no cached value: the formula's cell is a problem, not a silent blank.
        #expect(sheet.records[0][2] == "")
        #expect(sheet.issues.map(\.cell).contains("Calc!D4"))
        #expect(sheet.issues.contains { $0.cell == "Calc!C2" && $0.reason.contains("no saved value") })
    }

    @Test func notAWorkbook() throws {
        #expect(SpreadsheetKind(of: Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0])) == .legacyExcel)
        #expect(SpreadsheetKind(of: Data("需求名称\n".utf8)) == .text)
        #expect(SpreadsheetKind(of: try Self.fixture("demands-openpyxl")) == .workbook)
        #expect(throws: WorkbookError.self) { try Workbook(Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0])) }
        #expect(throws: WorkbookError.self) { try Workbook(Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3])) }
    }

    @Test func cellReferencesAndNumbers() {
        #expect(CellReference("C17") == CellReference(column: 2, row: 17))
        #expect(CellReference("$AB$3") == CellReference(column: 27, row: 3))
        #expect(CellReference("17C") == nil)
        #expect(CellReference.letters(0) == "A")
        #expect(CellReference.letters(27) == "AB")
        #expect(CellReference.letters(16_383) == "XFD")
        #expect(SheetTable.cellName(sheet: "Sheet 1", column: 0, row: 1) == "'Sheet 1'!A1")
        #expect(ExcelDate.text(serial: 45356.5, date1904: false) == "2024-03-05 12:00")
        #expect(ExcelDate.text(serial: 0.25, date1904: false) == "06:00")
        #expect(ExcelDate.isDateFormat(id: 14, code: nil))
        #expect(!ExcelDate.isDateFormat(id: 2, code: nil))
        #expect(ExcelDate.isDateFormat(id: 200, code: "[$-804]yyyy\"年\"m\"月\"d\"日\""))
        #expect(!ExcelDate.isDateFormat(id: 201, code: "[Red]\"d\"0.00_)"))
    }
}
