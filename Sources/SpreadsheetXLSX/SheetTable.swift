import Foundation
public import ImportIssues
public import SpreadsheetCSV

/// A sheet read for import: its header row found as in a CSV file (the first non-blank row),
/// its data rows numbered as Excel numbers them, and the problems only a workbook has.
///
/// A workbook is laid out for people, so before the header is taken:
/// - a title row above the header — one text merged across the sheet (`<mergeCell ref="A1:F1"/>`)
///   — is passed over;
/// - a header cell merged down over two rows (`A2:A3`) makes the header two rows deep, and each
///   column takes its lowest name (a group title over `B2:D2` with 名称, 类别, 数量 in row 3 gives
///   those three);
/// - a header cell merged across (`C2:D2`) names its first column; the others have no name and a
///   value under them is a problem at its cell rather than silently dropped.
/// Rows and columns left empty after the last are ignored.
public struct SheetTable: Sendable {
    /// The sheet's name, as on its tab.
    public let sheetName: String
    /// The row the header is on (its last row, for a header two rows deep); 0 when none.
    public let headerRow: Int
    /// The column names from column A on, trimmed; empty for a column without one.
    public let header: [String]
    /// The data rows below the header, each as wide as the header.
    public let records: [SheetRow]
    /// Error cells, values beyond the header or under a merged header, each at its cell.
    public let issues: [ImportIssue]

    /// The rows as a ``CSVTable``: what every importer reads, with each record's `line` the
    /// Excel row number.
    public var table: CSVTable {
        CSVTable(header: header, headerLine: headerRow, records: records.map { ($0.row, $0.cells) })
    }

    /// The cell as Excel names it with its sheet: `需求!C17`, `'Sheet 1'!C17`.
    public func cellName(column: Int, row: Int) -> String {
        Self.cellName(sheet: sheetName, column: column, row: row)
    }

    /// `需求!C17`; a sheet name with spaces or punctuation is quoted as Excel quotes it.
    public static func cellName(sheet: String, column: Int, row: Int) -> String {
        let plain = sheet.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        let name = plain ? sheet : "'" + sheet.replacingOccurrences(of: "'", with: "''") + "'"
        return name + "!" + CellReference(column: column, row: row).description
    }

    /// The 0-based column whose header is `name` (the first, if two are).
    public func column(named name: String) -> Int? { header.firstIndex(of: name) }

    init(sheetName: String, parser: SheetParser) {
        self.sheetName = sheetName
        let rows = parser.rows, merges = parser.merges
        var issues: [ImportIssue] = []
        // Merged ranges by their top-left cell.
        var mergeAt: [CellReference: CellRange] = [:]
        for range in merges { mergeAt[range.first] = range }

        var first = 0
        while first < rows.count, Self.isTitle(rows[first], mergeAt) { first += 1 }
        guard first < rows.count else {
            self.headerRow = 0
            self.header = []
            self.records = []
            self.issues = [ImportIssue(line: 1, reason: "工作表为空，没有表头 the sheet is empty: there is no header row", cell: Self.cellName(sheet: sheetName, column: 0, row: 1))]
            return
        }
        let top = rows[first].row
        let bottom = merges.filter { $0.first.row == top && $0.last.row > top }.map(\.last.row).max() ?? top
        var headerRows = rows[first...].prefix { $0.row <= bottom }.map { $0 }
        // A cell merged down gives its name to the cells it covers in the header's rows.
        var covered: Set<Int> = []
        for range in merges where (top...bottom).contains(range.first.row) {
            let name = headerRows.first { $0.row == range.first.row }?[range.first.column] ?? ""
            for index in headerRows.indices where headerRows[index].row > range.first.row && headerRows[index].row <= range.last.row {
                if headerRows[index].cells.count <= range.first.column {
                    headerRows[index].cells += repeatElement("", count: range.first.column + 1 - headerRows[index].cells.count)
                }
                headerRows[index].cells[range.first.column] = name
            }
            if range.last.column > range.first.column { covered.formUnion(range.first.column + 1...range.last.column) }
        }
        let width = headerRows.map(\.cells.count).max() ?? 0
        var header = (0..<width).map { column in
            (headerRows.last { !$0[column].isEmpty }?[column] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        while header.last?.isEmpty == true { header.removeLast() }
        self.headerRow = bottom
        self.header = header

        var records: [SheetRow] = []
        records.reserveCapacity(rows.count - first - headerRows.count)
        for row in rows[(first + headerRows.count)...] {
            for column in row.cells.indices where !row.cells[column].isEmpty && (column >= header.count || header[column].isEmpty) {
                let under = covered.contains(column) ? "在合并的表头单元格之下，请取消合并表头 is under a merged header cell; unmerge the header"
                    : "上方没有表头，请补上列名或删除 has no header above it; name the column or clear the cell"
                issues.append(ImportIssue(line: row.row, value: row.cells[column], reason: "单元格有内容但 the cell has a value but " + under,
                                          cell: Self.cellName(sheet: sheetName, column: column, row: row.row)))
            }
            var cells = row.cells
            if cells.count > header.count { cells.removeSubrange(header.count...) }
            records.append(SheetRow(row: row.row, cells: cells))
        }
        for bad in parser.badCells {
            let name = bad.reference.column < header.count && !header[bad.reference.column].isEmpty ? header[bad.reference.column] : nil
            issues.append(ImportIssue(line: bad.reference.row, column: name, value: bad.value, reason: bad.reason,
                                      cell: Self.cellName(sheet: sheetName, column: bad.reference.column, row: bad.reference.row)))
        }
        self.records = records
        self.issues = issues.sorted { ($0.line, $0.cell ?? "") < ($1.line, $1.cell ?? "") }
    }

    /// Whether `row` is a title over the table: its one text is merged across columns.
    private static func isTitle(_ row: SheetRow, _ mergeAt: [CellReference: CellRange]) -> Bool {
        let filled = row.cells.indices.filter { !row.cells[$0].isEmpty }
        guard filled.count == 1, let range = mergeAt[CellReference(column: filled[0], row: row.row)] else { return false }
        return range.last.column > range.first.column
    }
}
