import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads a worksheet part (`xl/worksheets/sheetN.xml`) as `XMLParser` streams it: each
/// `<row>` becomes a ``SheetRow`` of texts, and nothing else of the sheet is kept but its
/// merged ranges and its error cells.
final class SheetParser: NSObject, XMLParserDelegate {
    private let sharedStrings: [String]
    private let dateFormats: [Bool]
    private let date1904: Bool

    /// The rows with at least one non-empty cell, in sheet order.
    private(set) var rows: [SheetRow] = []
    /// The `<mergeCells>` ranges (they follow the sheet data).
    private(set) var merges: [CellRange] = []
    /// Cells holding an error value (`#DIV/0!`, `#N/A`) and cells whose content could not be
    /// read (a shared string index out of range).
    private(set) var badCells: [(reference: CellReference, value: String, reason: String)] = []
    /// Set when the sheet holds more cells than ``cellLimit``; parsing stops there.
    private(set) var limitReached: WorkbookError?

    /// The columns a list's sheet may use (A … AMJ, LibreOffice's old limit): no list has
    /// near this many, and a cell far to the right would make every row that long in memory.
    static let columnLimit = 1_024
    /// The cells (up to each row's last) a sheet may hold: 20 million is 100,000 rows of 200
    /// columns, far beyond a district's list, and bounds what a small, highly compressed
    /// file can make this process hold.
    static let cellLimit = 20_000_000
    /// Excel's last row.
    static let rowLimit = 1_048_576

    // The row and cell being read.
    private var rowNumber = 0
    private var cells: [String] = []
    private var column = 0
    private var type = ""
    private var style = 0
    private var value = ""
    private var inlineText = ""
    private var reading: Text = .nothing
    private var phoneticDepth = 0
    private var hasFormula = false
    private var cellsHeld = 0

    private enum Text { case nothing, value, inline }

    init(sharedStrings: [String], dateFormats: [Bool], date1904: Bool) {
        self.sharedStrings = sharedStrings
        self.dateFormats = dateFormats
        self.date1904 = date1904
    }

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch element {
        case "c":
            // A cell without `r` follows the previous one (allowed, and some writers do it).
            column = attributes["r"].flatMap(CellReference.init).map(\.column) ?? column
            type = attributes["t"] ?? "n"
            style = attributes["s"].flatMap(Int.init) ?? 0
            value = ""
            inlineText = ""
            hasFormula = false
        case "f": hasFormula = true
        case "v": reading = .value
        case "t" where phoneticDepth == 0 && type == "inlineStr": reading = .inline
        case "rPh": phoneticDepth += 1
        case "row":
            // Rows come in order, each within Excel's sheet; a number out of that is a
            // damaged or hand-made file, said at the row it stands for.
            cells.removeAll(keepingCapacity: true)
            column = 0
            let given = attributes["r"]
            let next = given.flatMap(Int.init) ?? rowNumber + 1
            if next > rowNumber, next <= Self.rowLimit {
                rowNumber = next
            } else {
                rowNumber = min(rowNumber + 1, Self.rowLimit)
                bad("行号无效 row number \(given ?? "") is out of order or past row \(Self.rowLimit); open the workbook and save it again")
            }
        case "mergeCell":
            if let range = attributes["ref"].flatMap(CellRange.init) { merges.append(range) }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        switch reading {
        case .value: value += string
        case .inline: inlineText += string
        case .nothing: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        switch element {
        case "v", "t": reading = .nothing
        case "rPh": phoneticDepth -= 1
        case "c":
            let text = cellText()
            if !text.isEmpty {
                if column >= Self.columnLimit {
                    bad("超出第 \(Self.columnLimit) 列，导入不读取 is past column \(CellReference.letters(Self.columnLimit - 1)), which an import does not read; move it left or delete it")
                } else {
                    if cells.count <= column { cells.append(contentsOf: repeatElement("", count: column + 1 - cells.count)) }
                    cells[column] = text
                }
            } else if hasFormula && type != "inlineStr" {
                // openpyxl and report generators write formulas without computing them: the
                // cell would read as empty and its value be lost without a word.
                bad("公式没有计算结果，请在 Excel、WPS 或 LibreOffice 中打开并保存 holds a formula with no saved value; open the workbook in Excel, WPS or LibreOffice and save it")
            }
            column += 1
        case "row":
            if cells.contains(where: { !$0.isEmpty }) {
                cellsHeld += cells.count
                guard cellsHeld <= Self.cellLimit else {
                    limitReached = .tooManyCells(Self.cellLimit)
                    parser.abortParsing()
                    return
                }
                rows.append(SheetRow(row: rowNumber, cells: cells))
            }
        default: break
        }
    }

    /// The cell's text by its type: shared or inline string, a formula's cached string,
    /// boolean, error, or a number (a date when its format shows one).
    private func cellText() -> String {
        switch type {
        case "s":
            guard let index = Int(value), sharedStrings.indices.contains(index) else {
                if !value.isEmpty { bad("共享字符串编号无效 points at shared string \(value), which the workbook does not have") }
                return ""
            }
            return sharedStrings[index]
        case "inlineStr": return inlineText.isEmpty ? value : inlineText
        case "str", "d": return value
        case "b": return value.isEmpty ? "" : SheetCell.boolean(value)
        case "e":
            bad("单元格为错误值，请修正公式或填入数值 holds the error \(value); correct the formula or type the value")
            return value
        default:
            guard !value.isEmpty else { return "" }
            if dateFormats.indices.contains(style), dateFormats[style], let serial = Double(value),
               let date = ExcelDate.text(serial: serial, date1904: date1904) {
                return date
            }
            return SheetCell.number(value)
        }
    }

    private func bad(_ reason: String) {
        badCells.append((CellReference(column: column, row: rowNumber), value, reason))
    }
}

/// One row of a sheet: its number as Excel shows it and its cells' texts from column A on
/// (empty texts where the sheet has no cell).
public struct SheetRow: Sendable, Hashable {
    public var row: Int
    public var cells: [String]

    public init(row: Int, cells: [String]) {
        self.row = row
        self.cells = cells
    }

    /// The text in a 0-based column; empty past the row's last cell.
    public subscript(column: Int) -> String { column < cells.count ? cells[column] : "" }
}
