extension CSVTable {
    /// A table from rows already split into cells — an Excel sheet's, read by SpreadsheetXLSX —
    /// so that every importer reads a workbook through the same ``CSVRecord``s as a CSV file.
    ///
    /// Each record's text is kept exactly (a leading apostrophe or `=` included): it is
    /// stored as ``FormulaGuard/defused(_:)`` writes it, which ``CSVRecord`` undoes.
    ///
    /// ```swift
    /// let table = CSVTable(header: ["需求名称", "数量"], headerLine: 2, records: [(line: 3, fields: ["修路灯", "3"])])
    /// table.records[0].line   // 3
    /// ```
    ///
    /// - Parameters:
    ///   - header: The column names, already trimmed.
    ///   - headerLine: The row the header is on.
    ///   - records: Each data row's row number and cells; a row shorter than the header is
    ///     padded with empty cells, a longer one cut to the header's width.
    public init(header: [String], headerLine: Int, records: [(line: Int, fields: [String])]) {
        var parser = CSVParser(separator: .comma)
        var bytes: [UInt8] = []
        func append(_ text: String) {
            bytes.append(contentsOf: FormulaGuard.defused(text).utf8)
            parser.fieldEnds.append(UInt32(truncatingIfNeeded: bytes.count))
        }
        parser.columnCount = header.count
        parser.headerQuoted = Array(repeating: true, count: header.count)
        parser.recordLines.append(headerLine)
        header.forEach { name in
            bytes.append(contentsOf: name.utf8)
            parser.fieldEnds.append(UInt32(truncatingIfNeeded: bytes.count))
        }
        for record in records where !header.isEmpty {
            parser.recordLines.append(record.line)
            for column in header.indices {
                append(column < record.fields.count ? record.fields[column] : "")
            }
        }
        self.init(encoding: .utf8, separator: .comma, storage: Storage(bytes: bytes, parser: parser))
    }
}
