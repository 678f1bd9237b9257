import Foundation
import ImportIssues
import Postgres
import Registry
import RegistryImport
import RegistryStore
import Testing

/// Excel workbooks (written by openpyxl, re-saved by LibreOffice) loaded into a real district
/// through the same door as the API and the console (``SpreadsheetImport``).
@Suite struct WorkbookImportTests {
    static func workbook(_ name: String) throws -> Data {
        try Data(contentsOf: URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "SpreadsheetXLSXTests/Fixtures/\(name).xlsx"))
    }

    static func load(_ f: DemandFixture, _ data: Data, sheet: String? = nil, dryRun: Bool = false) async throws -> SpreadsheetImport.Outcome? {
        try await SpreadsheetImport.run("demands", data: data, sheet: sheet, fileName: "需求.xlsx", on: f.database, tenant: f.tenant, actor: f.actor, dryRun: dryRun)
    }

    @Test(arguments: ["openpyxl", "libreoffice"]) func rowsLand(writer: String) async throws {
        try await DemandFixture.with { f in
            let outcome = try await Self.load(f, Self.workbook("store-demands-\(writer)"))
            #expect(outcome?.counts == ImportSummary(inserted: 15))
            let states = try await f.states()
            #expect(states.count == 15)
            #expect(states["X003"] == .accepted && states["X017"] == .accepted)
            // Each demand's import record keeps its Excel row (the title row and header come first).
            let lines = try await f.database.operatorPool.query("SELECT external_id, import_line FROM demand ORDER BY import_line")
            #expect(try lines.map { try $0.decode(Int.self, "import_line") } == Array(3...17))
            #expect(try lines.first?.decode(String.self, "external_id") == "X003")
            // Importing the same workbook again changes nothing.
            #expect(try await Self.load(f, Self.workbook("store-demands-\(writer)"))?.counts == ImportSummary(unchanged: 15))
        }
    }

    @Test(arguments: ["openpyxl", "libreoffice"]) func aBadCellIsNamedAsExcelShowsItAndNothingIsWritten(writer: String) async throws {
        try await DemandFixture.with { f in
            let before = try await f.total("demand")
            do {
                _ = try await Self.load(f, Self.workbook("store-demands-bad-\(writer)"))
                Issue.record("the import should have been refused")
            } catch let rejected as ImportRejected {
                let issues = rejected.issues.issues
                #expect(issues.map(\.cell) == ["需求!C17"])
                #expect(issues.map(\.line) == [17])
                #expect(issues.first?.column == "类别")
                #expect(issues.first?.description.hasPrefix("cell 需求!C17, column 类别") == true)
            }
            #expect(try await f.total("demand") == before)
        }
    }

    @Test func theSheetIsChosenByNameAndAnUnknownOneListsTheSheets() async throws {
        try await DemandFixture.with { f in
            let data = try Self.workbook("store-demands-openpyxl")
            await #expect(throws: ImportSource.Unreadable.self) { try await Self.load(f, data, sheet: "项目") }
            do {
                _ = try await Self.load(f, data, sheet: "项目")
            } catch let error as ImportSource.Unreadable {
                #expect(error.isSheet)
                #expect(error.message.contains("需求、说明"))
            }
            // The notes sheet has none of the demand columns: its header cell is named.
            do {
                _ = try await Self.load(f, data, sheet: "说明")
                Issue.record("the import should have been refused")
            } catch let rejected as ImportRejected {
                #expect(rejected.issues.issues.first?.cell == "说明!A1")
                #expect(rejected.issues.issues.allSatisfy { $0.line == 1 })
            }
            #expect(try await Self.load(f, data, sheet: "需求", dryRun: true)?.counts == ImportSummary(inserted: 15))
            #expect(try await f.total("demand") == 0)
        }
    }

    @Test func anOldExcelFileIsToldToBeSavedAsXLSX() async throws {
        try await DemandFixture.with { f in
            let xls = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 504))
            do {
                _ = try await Self.load(f, xls)
                Issue.record("the import should have been refused")
            } catch let error as ImportSource.Unreadable {
                #expect(error.message.contains(".xlsx"))
                #expect(!error.isSheet)
            }
        }
    }
}
