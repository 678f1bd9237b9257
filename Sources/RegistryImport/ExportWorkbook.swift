public import Foundation
import ImportIssues
import SpreadsheetCSV
import SpreadsheetXLSX

/// An export written as an Excel workbook (`--format xlsx`): the same header and values as
/// its CSV, one sheet, each cell typed by its column (``ExportColumnKind``), the header bold
/// and frozen with an autofilter, widths fitted to Chinese text.
///
/// Rows are added a page at a time and go to a temporary file at once; ``finish(to:)`` zips
/// the workbook, so a long list never sits in memory. Cells from residents that begin with
/// `=`, `+`, `-` or `@` are string cells, never formulas, and need no apostrophe.
///
/// ```swift
/// let file = DemandExportFile(chinese: true)
/// let workbook = try ExportWorkbook(sheetName: "需求 demands", header: file.headerNames, columns: DemandExportFile.englishHeader)
/// try workbook.append(file.cells(page))
/// try workbook.finish(to: URL(filePath: "demands.xlsx"))
/// ```
public final class ExportWorkbook {
    private let writer: XLSXWriter
    private let kinds: [ExportColumnKind]
    /// The rows written, the header not counted.
    public private(set) var count = 0

    /// Starts a workbook with its header row.
    ///
    /// - Parameters:
    ///   - sheetName: The sheet's name (at most 31 characters).
    ///   - header: The header as the export writes it, in English or Chinese.
    ///   - columns: The same columns' English names, which say their kinds.
    /// - Throws: A bad sheet name, or a temporary file that cannot be made.
    public init(sheetName: String, header: [String], columns: [String]) throws {
        writer = try XLSXWriter(sheetName: sheetName, header: header)
        kinds = columns.map(ExportColumnKind.of(column:))
    }

    /// Appends rows, each a value per column as the CSV writes it.
    public func append(_ rows: [[String]]) throws {
        for row in rows {
            try writer.appendRow(row.enumerated().map { column, text in (column < kinds.count ? kinds[column] : .text).cell(text) })
        }
        count += rows.count
    }

    /// Appends the rows of an export's CSV (everything after its header), read back by
    /// ``CSVReader``, which gives each cell as it was before the CSV's formula guard.
    public func append(csv: Data) throws {
        var issues = IssueList()
        let table = try CSVReader().read(csv, issues: &issues)
        try append(table.records.map { Array($0) })
    }

    /// Writes the workbook to `url`, replacing any file there.
    public func finish(to url: URL) throws {
        try writer.finish(to: url)
    }

    /// The English column names of an export, from its CSV's header written with
    /// `chinese: false` (no rows needed).
    public static func columns(ofCSV csv: Data) throws -> [String] {
        var issues = IssueList()
        return try CSVReader().read(csv, issues: &issues).header
    }
}
