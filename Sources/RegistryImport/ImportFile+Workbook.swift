public import Foundation
public import ImportIssues
import SpreadsheetCSV
import SpreadsheetXLSX

/// A file given to an import, CSV or Excel workbook, told apart by its first bytes, so that
/// the CLI, the API and the console take either without being told which.
///
/// A workbook's chosen sheet is read (``Workbook``) and handed to the list readers as the CSV
/// text of the same rows: every list's reader, header matching and rule then applies to it
/// unchanged. What was found wrong is named back in the workbook's terms with
/// ``placed(_:)-(ImportRejected)``: the CSV's lines become Excel rows and each column its
/// letter, `需求!C17`.
///
/// ```swift
/// let source = try ImportSource(bytes, sheet: "需求")
/// let (rows, issues) = UnitFile.read(source.data)
/// … catch let rejected as ImportRejected { throw source.placed(rejected) }
/// ```
public struct ImportSource: Sendable {
    /// What the list readers read: the file's bytes, or the chosen sheet as UTF-8 CSV.
    public let data: Data
    /// The file as given, for the import's record (its name and digest).
    public let original: Data
    /// The workbook's own problems, at their cells: error values (`#DIV/0!`), values with
    /// no header above them. Empty for a CSV file.
    public let problems: [ImportIssue]
    /// The sheet read, for a workbook.
    public let sheetName: String?
    /// The Excel row of each CSV line (index 0 is unused), for a workbook.
    private let rowOfLine: [Int]
    /// The 0-based column of each header name (the first, if two are the same).
    private let columnOfName: [String: Int]

    /// Why a file cannot be imported at all: not a workbook that can be read, or no such sheet.
    public struct Unreadable: Error, Sendable, CustomStringConvertible {
        /// What to show, in Chinese with English beside it.
        public let message: String
        /// Whether the chosen sheet is the problem (the API names its `sheet` parameter).
        public let isSheet: Bool
        public var description: String { message }
    }

    /// Reads `file` as a workbook's sheet, or takes it as CSV.
    ///
    /// - Parameters:
    ///   - file: The file's bytes.
    ///   - sheet: The sheet to read, by name; `nil` for the first. Only for a workbook.
    /// - Throws: ``Unreadable`` for an old .xls, another kind of ZIP, a damaged workbook, an
    ///   unknown sheet (the message lists the sheets), or a sheet named for a CSV file.
    public init(_ file: Data, sheet: String? = nil) throws(Unreadable) {
        original = file
        switch SpreadsheetKind(of: file) {
        case .text:
            if let sheet {
                throw Unreadable(message: "只有 Excel 工作簿（.xlsx）才有工作表，这是 CSV 文件 \(sheet): only an Excel workbook (.xlsx) has sheets; this file is CSV text", isSheet: true)
            }
            data = file
            problems = []
            sheetName = nil
            rowOfLine = []
            columnOfName = [:]
            return
        case .legacyExcel, .zip, .workbook:
            break
        }
        let table: SheetTable
        do {
            table = try Workbook(file).sheet(named: sheet)
        } catch {
            throw Unreadable(message: error.message, isSheet: error.isUnknownSheet)
        }
        var columns: [String: Int] = [:]
        for (column, name) in table.header.enumerated() where !name.isEmpty && columns[name] == nil { columns[name] = column }
        let written = Self.csv(table)
        data = written.data
        rowOfLine = written.rowOfLine
        columnOfName = columns
        // An empty sheet is said once, by the reader of the CSV it became.
        problems = table.header.isEmpty ? [] : table.issues
        sheetName = table.sheetName
    }

    /// Whether the file was a workbook.
    public var isWorkbook: Bool { sheetName != nil }

    /// The same refusal with each problem at its workbook cell (unchanged for a CSV file).
    public func placed(_ rejected: ImportRejected) -> ImportRejected {
        ImportRejected(issues: placed(rejected.issues))
    }

    /// The same problems with each at its workbook cell, in sheet order.
    public func placed(_ issues: IssueList) -> IssueList {
        guard let sheetName else { return issues }
        return issues.rearranged { issues in
            issues.map { issue -> ImportIssue in
                // The workbook's own problems are placed already.
                guard issue.cell == nil else { return issue }
                var placed = issue
                placed.line = issue.line < rowOfLine.count ? rowOfLine[issue.line] : issue.line
                if let column = issue.column.flatMap({ columnOfName[$0] }) {
                    placed.cell = SheetTable.cellName(sheet: sheetName, column: column, row: placed.line)
                }
                return placed
            }.sorted { ($0.line, columnOfName[$0.column ?? ""] ?? Int.max) < ($1.line, columnOfName[$1.column ?? ""] ?? Int.max) }
        }
    }

    /// The sheet's header and rows as CSV (every field quoted; texts written so that the
    /// reader gives them back exactly), and the Excel row of each line.
    ///
    /// Blank lines stand in for the rows above the header and between records, so that a
    /// record's line is its Excel row (the line a demand's import record keeps) unless a
    /// cell above it holds line breaks; the map places problems right in either case.
    private static func csv(_ table: SheetTable) -> (data: Data, rowOfLine: [Int]) {
        var bytes: [UInt8] = []
        var rowOfLine = [0]
        func write(_ fields: [String], row: Int, guarded: Bool) {
            while rowOfLine.count < row {
                rowOfLine.append(rowOfLine.count)
                bytes.append(UInt8(ascii: "\n"))
            }
            rowOfLine.append(row)
            for (index, field) in fields.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                bytes.append(UInt8(ascii: "\""))
                let text = guarded ? FormulaGuard.defused(field) : field
                var previous: UInt8 = 0
                for byte in text.utf8 {
                    if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                    // A line break inside a field moves the next record's line; keep the map in step.
                    if byte == UInt8(ascii: "\n") || (previous == UInt8(ascii: "\r") && byte != UInt8(ascii: "\n")) { rowOfLine.append(row) }
                    bytes.append(byte)
                    previous = byte
                }
                if previous == UInt8(ascii: "\r") { rowOfLine.append(row) }
                bytes.append(UInt8(ascii: "\""))
            }
            bytes.append(UInt8(ascii: "\n"))
        }
        guard !table.header.isEmpty else { return (Data(), [0]) }
        write(table.header, row: table.headerRow, guarded: false)
        for record in table.records {
            var cells = record.cells
            if cells.count < table.header.count { cells += repeatElement("", count: table.header.count - cells.count) }
            write(cells, row: record.row, guarded: true)
        }
        return (Data(bytes), rowOfLine)
    }
}

extension IssueList {
    /// The list with `more` added (the workbook's own problems joining a reader's).
    public func adding(_ more: [ImportIssue]) -> IssueList {
        var list = self
        list.append(contentsOf: more)
        return list
    }
}
