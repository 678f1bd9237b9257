public import Foundation
import ZIPFoundation

/// Writes a workbook (.xlsx) of one sheet that Excel, WPS and LibreOffice open: a bold header
/// row that stays in view (a frozen pane) with an autofilter, typed cells (``Cell``), and
/// column widths that fit the longest cell, Chinese counted double.
///
/// The rows stream: each is written as sheet XML to a temporary file at once, and
/// ``finish(to:)`` zips that file with the other parts (through ZIPFoundation) without
/// reading it whole, so a 100,000-row export stays small in memory. Strings are written
/// inline (`t="inlineStr"`), not in a shared-string table, which would have to be held in
/// memory to the end. No cell is ever a formula: text from residents that begins with `=`
/// is a string cell, which a spreadsheet shows and never runs.
///
/// ```swift
/// let writer = try XLSXWriter(sheetName: "需求清单 demands", header: ["需求名称", "期限", "数量"])
/// try writer.appendRow([.text("修缮小区围墙"), .date(CalendarDate(year: 2024, month: 3, day: 5)!), .money(cents: 150_000)])
/// try writer.finish(to: URL(filePath: "demands.xlsx"))
/// ```
public final class XLSXWriter {
    /// The most rows and columns a sheet holds (Excel 2007 and later).
    public static let maximumRows = 1_048_576
    public static let maximumColumns = 16_384

    /// The sheet's name, as its tab shows it.
    public let sheetName: String
    /// The number of rows written, the header included.
    public private(set) var rowCount = 0

    private let columnCount: Int
    private var widths: [Int]
    private let rowsURL: URL
    private let rowsFile: FileHandle
    private var buffer: [UInt8] = []
    private var finished = false

    /// Creates a writer and writes the header row.
    ///
    /// - Parameters:
    ///   - sheetName: The sheet's name: at most 31 characters, none of `[ ] : * ? / \`.
    ///   - header: The column names, written bold in the first row.
    /// - Throws: ``XLSXWriterError`` for a bad sheet name or too many columns, or an error
    ///   creating the temporary file.
    public init(sheetName: String, header: [String]) throws {
        guard !sheetName.isEmpty, sheetName.count <= 31, !sheetName.contains(where: { "[]:*?/\\".contains($0) }) else {
            throw XLSXWriterError.badSheetName(sheetName)
        }
        guard header.count <= Self.maximumColumns else { throw XLSXWriterError.tooManyColumns(header.count) }
        self.sheetName = sheetName
        self.columnCount = header.count
        self.widths = Array(repeating: 0, count: header.count)
        rowsURL = FileManager.default.temporaryDirectory.appending(path: "govreg-sheet-\(UUID().uuidString).xml")
        guard FileManager.default.createFile(atPath: rowsURL.path, contents: nil) else {
            throw XLSXWriterError.unwritable(rowsURL.path)
        }
        rowsFile = try FileHandle(forWritingTo: rowsURL)
        try writeRow(header.map(Cell.text), style: .header)
    }

    deinit {
        try? rowsFile.close()
        try? FileManager.default.removeItem(at: rowsURL)
    }

    /// Appends one row below the last.
    ///
    /// - Parameter cells: The row's cells in column order; fewer than the header's leave
    ///   the rest empty.
    /// - Throws: ``XLSXWriterError`` when the row has more cells than the header, the sheet
    ///   is full or the workbook is finished; a file error.
    public func appendRow(_ cells: [Cell]) throws {
        guard cells.count <= columnCount else { throw XLSXWriterError.ragged(row: rowCount + 1, cells: cells.count, columns: columnCount) }
        try writeRow(cells, style: nil)
    }

    private func writeRow(_ cells: [Cell], style: Cell.Style?) throws {
        guard !finished else { throw XLSXWriterError.finished }
        guard rowCount < Self.maximumRows else { throw XLSXWriterError.tooManyRows }
        rowCount += 1
        buffer.append(contentsOf: "<row r=\"\(rowCount)\">".utf8)
        for (index, cell) in cells.enumerated() {
            let reference = CellReference.letters(index) + String(rowCount)
            cell.appendXML(to: &buffer, reference: reference, style: style)
            widths[index] = max(widths[index], cell.displayWidth)
        }
        buffer.append(contentsOf: "</row>".utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        try rowsFile.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Zips the workbook into `url`, replacing any file there. The writer takes no more
    /// rows afterwards.
    ///
    /// - Parameter url: Where the workbook goes.
    /// - Throws: A file or ZIP error; the file at `url` is then removed.
    public func finish(to url: URL) throws {
        guard !finished else { throw XLSXWriterError.finished }
        try flush()
        try rowsFile.close()
        finished = true
        try? FileManager.default.removeItem(at: url)
        do {
            let archive = try Archive(url: url, accessMode: .create)
            let parts: [(String, Data)] = [
                ("[Content_Types].xml", Parts.contentTypes),
                ("_rels/.rels", Parts.packageRelationships),
                ("docProps/app.xml", Parts.application),
                ("xl/workbook.xml", Parts.workbook(sheetName: sheetName, filterRange: filterRange)),
                ("xl/_rels/workbook.xml.rels", Parts.workbookRelationships),
                ("xl/styles.xml", Parts.styles),
            ]
            for (path, data) in parts {
                try archive.addEntry(
                    with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: Parts.modificationDate,
                    compressionMethod: .deflate, provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
            }
            try addSheet(to: archive)
        } catch {
            try? FileManager.default.removeItem(at: url)
            throw error
        }
    }

    /// The sheet part: its head (views, widths), the rows from the temporary file, its tail
    /// (autofilter), handed to the archive a chunk at a time.
    private func addSheet(to archive: Archive) throws {
        let head = Parts.sheetHead(dimension: filterRange, widths: widths.map(ColumnWidth.excelWidth))
        let tail = Parts.sheetTail(filterRange: columnCount > 0 ? filterRange : nil)
        let rows = try FileHandle(forReadingFrom: rowsURL)
        defer { try? rows.close() }
        let rowsSize = Int64(try FileManager.default.attributesOfItem(atPath: rowsURL.path)[.size] as? Int ?? 0)
        let total = Int64(head.count) + rowsSize + Int64(tail.count)
        try archive.addEntry(
            with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: total, modificationDate: Parts.modificationDate,
            compressionMethod: .deflate
        ) { position, size in
            // ZIPFoundation asks for consecutive chunks; each comes from the head, the rows
            // file or the tail, or straddles two of them.
            var chunk = Data()
            var at = position
            while chunk.count < size {
                let wanted = size - chunk.count
                if at < Int64(head.count) {
                    let end = min(Int(at) + wanted, head.count)
                    chunk.append(head.subdata(in: Int(at)..<end))
                } else if at < Int64(head.count) + rowsSize {
                    try rows.seek(toOffset: UInt64(at - Int64(head.count)))
                    let data = try rows.read(upToCount: Int(min(Int64(wanted), Int64(head.count) + rowsSize - at))) ?? Data()
                    guard !data.isEmpty else { throw XLSXWriterError.unwritable(self.rowsURL.path) }
                    chunk.append(data)
                } else {
                    let start = Int(at - Int64(head.count) - rowsSize)
                    chunk.append(tail.subdata(in: start..<min(start + wanted, tail.count)))
                }
                at = position + Int64(chunk.count)
            }
            return chunk
        }
    }

    /// `A1:Q101`: the header and every row, for the autofilter and the sheet's dimension.
    private var filterRange: String {
        "A1:\(CellReference.letters(max(columnCount, 1) - 1))\(max(rowCount, 1))"
    }
}
