import Foundation
import Registry
@testable import RegistryImport
import SpreadsheetCSV
import SpreadsheetXLSX
import Testing

/// The kinds a workbook export gives its columns, and the typed cells it makes of the CSV's
/// values.
@Suite struct ExportColumnKindTests {
    /// The table of kinds agrees with what the lists declare their fields to be.
    @Test func agreesWithTheFieldDeclarations() {
        let fields = DemandDraft.Field.all + ResourceDraft.Field.all + ProjectDraft.Field.all
        for field in fields where field.doors.contains(.file) {
            let expected: ExportColumnKind = switch field.kind {
            case .date: .date
            case .money: .money
            case .quantity, .amount: .amount
            case .integer: .integer
            case .text, .boolean, .words, .allocation, .list: .text
            }
            #expect(ExportColumnKind.of(column: field.name) == expected, "\(field.name)")
        }
    }

    @Test func namesEveryExportColumnThatIsNotText() {
        let headers = [
            MemberFile.header.exportHeader(chinese: false), MilestoneFile.header.exportHeader(chinese: false),
            ProgressReportFile.header.exportHeader(chinese: false), OrgUnitFile.header.exportHeader(chinese: false),
            PublicDemandExportFile.englishHeader,
        ]
        let dates = headers.joined().filter { $0.hasSuffix("_on") || $0.hasPrefix("valid_") }
        #expect(!dates.isEmpty)
        for name in dates { #expect(ExportColumnKind.of(column: name) == .date, "\(name)") }
        #expect(ExportColumnKind.of(column: "percent") == .integer)
        #expect(ExportColumnKind.of(column: "pledged") == .amount)
        #expect(ExportColumnKind.of(column: "phone") == .text)
        #expect(ExportColumnKind.of(column: "id_card") == .text)
    }

    /// A value is typed only when the type gives back the same text; anything else stays text.
    @Test func typesAValueOnlyWhenItComesBackTheSame() {
        #expect(ExportColumnKind.date.cell("2024-03-05") == .date(CalendarDate(year: 2024, month: 3, day: 5)!))
        #expect(ExportColumnKind.date.cell("2024-3-5") == .text("2024-3-5"))
        #expect(ExportColumnKind.money.cell("1234.50") == .money(cents: 123_450))
        #expect(ExportColumnKind.money.cell("-0.05") == .money(cents: -5))
        #expect(ExportColumnKind.money.cell("12.5") == .text("12.5"))
        #expect(ExportColumnKind.amount.cell("1500.00") == .money(cents: 150_000))
        #expect(ExportColumnKind.amount.cell("40") == .integer(40))
        #expect(ExportColumnKind.integer.cell("007") == .text("007"))
        #expect(ExportColumnKind.integer.cell("+3") == .text("+3"))
        #expect(ExportColumnKind.integer.cell("99999999999999999999") == .text("99999999999999999999"))
        #expect(ExportColumnKind.text.cell("=1+1") == .text("=1+1"))
        #expect(ExportColumnKind.integer.cell("") == .empty)
    }

    /// The workbook of an export has the CSV's values, and the CSV is unchanged by it.
    @Test func writesTheCSVsValuesAsAWorkbook() throws {
        var writer = CSVWriter()
        writer.writeRow(["title", "due_on", "budget", "priority"])
        writer.writeRow(["=HYPERLINK(\"x\")", "2024-03-05", "1500.00", "3"])
        let csv = writer.data
        let url = FileManager.default.temporaryDirectory.appending(path: "export-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        let workbook = try ExportWorkbook(sheetName: "项目 projects", header: try ExportWorkbook.columns(ofCSV: csv), columns: ["title", "due_on", "budget", "priority"])
        try workbook.append(csv: csv)
        try workbook.finish(to: url)
        #expect(workbook.count == 1)
        let sheet = try Workbook(Data(contentsOf: url)).sheet()
        #expect(sheet.header == ["title", "due_on", "budget", "priority"])
        #expect(Array(sheet.table.records[0]) == ["=HYPERLINK(\"x\")", "2024-03-05", "1500", "3"])
    }
}
