import ArgumentParser
import Foundation
import GovregCommandLine
import ImportIssues
import RegistryImport
import RegistryStore
import SpreadsheetCSV

/// `govreg import LIST FILE --tenant T`: loads one of the lists from a spreadsheet file, all
/// or nothing. Each list is a subcommand in its own file (`ImportCommand+Demands.swift` …);
/// adding a list is adding one there and naming it in `subcommands`.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "导入清单 Import a list from a CSV file (UTF-8, UTF-8 with BOM or GB18030) or an Excel workbook (.xlsx); Chinese or English headers.",
        discussion: """
            All or nothing: if any row is wrong nothing is written and every problem is listed (line, column, \
            value, reason; up to 100; in a workbook, the cell too, as 需求!C17). A workbook's first sheet is read \
            unless --sheet names another. Rows are matched by external id, so importing the same file twice changes \
            nothing and an edited file updates its rows in place. Columns: docs/csv-columns.md.
            """,
        subcommands: [Org.self, Units.self, Members.self, Demands.self, Resources.self, Projects.self, Milestones.self, Progress.self]
    )
}

/// What every `govreg import LIST` takes.
struct ImportOptions: ParsableArguments {
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var migrations: MigrationOptions
    @OptionGroup var tenant: TenantOption
    @Argument(help: "The CSV file or Excel workbook (.xlsx).") var file: String
    @Option(help: "工作表 The workbook's sheet to read, by name (the first when not given).") var sheet: String?
    @Flag(help: "Check the file, references included, and count what would change; write nothing.") var dryRun = false
    @Flag(help: "Print the result (or the problems) as JSON.") var json = false

    /// The file's bytes, with a readable error when it cannot be read.
    func contents() throws -> Data {
        do {
            return try Data(contentsOf: URL(filePath: file))
        } catch {
            throw ValidationError("无法读取文件 cannot read \(file): \(error.localizedDescription)")
        }
    }

    /// The file read as CSV or as the workbook's chosen sheet, with a readable error for an
    /// old .xls, a damaged workbook or an unknown sheet (listing the sheets).
    func source() throws -> ImportSource {
        let data = try contents()
        do {
            return try ImportSource(data, sheet: sheet)
        } catch {
            throw ValidationError(error.message)
        }
    }
}

/// What an import of any list reports: its counts, and notes for the operator.
protocol ImportCounts: Encodable {
    var inserted: Int { get }
    var updated: Int { get }
    var unchanged: Int { get }
    /// Lines to print after the counts.
    var notes: [String] { get }
}

extension ImportSummary: ImportCounts {
    var notes: [String] {
        guard replaced > 0 else { return [] }
        return ["替换 replaced: \(replaced) report(s) a project file wrote for its percentage (note 导入 import), now told by the filed history"]
    }
}

extension DemandImportSummary: ImportCounts {
    var notes: [String] {
        var notes = importID.map { ["导入记录 import record #\($0) (govreg audit imports; the new demands carry its number and their line)"] } ?? []
        if statesKept > 0 {
            notes.append("注意 note: \(statesKept) stored demand(s) keep their state although the file gives another; "
                + "states change only through `govreg demand transition` 状态只能通过流程变更")
        }
        return notes
    }
}

/// How an import's outcome is shown: counts, or the problems and exit status 1.
enum ImportReport {
    /// Runs `body` (the import) and reports its outcome; a refused import exits with 1
    /// after listing every problem (on stdout as JSON with `--json`, else on stderr).
    ///
    /// `ignored`: the file's columns the import left out (remarks, running numbers), named in
    /// the report so that nobody believes they were read.
    static func run<Summary: ImportCounts>(
        _ options: ImportOptions, list: String, ignored: [String] = [], on terminal: Terminal, _ body: () async throws -> Summary
    ) async throws {
        let summary: Summary
        do {
            summary = try await body()
        } catch let rejected as ImportRejected {
            if options.json {
                try terminal.json(ImportRejection(rejected.issues))
            } else {
                terminal.warn(rejected.description)
            }
            throw ExitCode(1)
        }
        if options.json {
            try terminal.json(Counted(summary: summary, ignoredColumns: ignored))
            return
        }
        let verb = options.dryRun ? "检查通过，未写入 checked, nothing written (--dry-run); \(list) would be" : "\(list):"
        terminal.print(
            "\(verb) \(summary.inserted) new 新增, \(summary.updated) updated 更新, \(summary.unchanged) unchanged 未变")
        if !ignored.isEmpty { terminal.print("未导入的列 columns not imported: \(ignored.joined(separator: ", "))") }
        summary.notes.forEach(terminal.print)
    }

    /// A summary as JSON, with the columns left out (`ignored_columns`) when there were any.
    struct Counted<Summary: Encodable>: Encodable {
        var summary: Summary
        var ignoredColumns: [String]

        func encode(to encoder: any Encoder) throws {
            try summary.encode(to: encoder)
            guard !ignoredColumns.isEmpty else { return }
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(ignoredColumns, forKey: .ignoredColumns)
        }
        enum Keys: String, CodingKey { case ignoredColumns }
    }
}
