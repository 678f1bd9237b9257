public import SpreadsheetCSV

extension XLSXWriter {
    /// A cell as the writer stores it: typed, so that a spreadsheet sorts, sums and filters
    /// it as what it is.
    ///
    /// Text is always a string cell, whatever it begins with: a workbook says which cells are
    /// formulas (`<f>`), and this writer makes none, so `=HYPERLINK(…)` from a resident is
    /// shown as written and never runs (no apostrophe needed, unlike CSV). Yes/no values are
    /// text too (是/否, as the CSV import reads them), not Excel booleans, which a re-save
    /// would show as TRUE/FALSE.
    public enum Cell: Sendable, Hashable {
        /// No cell at all.
        case empty
        /// A string, shown as written.
        case text(String)
        /// A whole number (`0` format).
        case integer(Int64)
        /// Money in yuan from its fen, a number shown with two decimals (`#,##0.00`).
        case money(cents: Int64)
        /// A calendar day: the date's serial number, shown `yyyy-mm-dd`. A day before 1900,
        /// which Excel cannot hold, is written as its text.
        case date(CalendarDate)
        /// A day and a time of day in seconds, shown `yyyy-mm-dd hh:mm:ss`.
        case dateTime(CalendarDate, secondsIntoDay: Int)

        /// The cell styles of `xl/styles.xml`, by their index in its `cellXfs`.
        enum Style: Int {
            case plain = 0, header, date, dateTime, money, integer
        }

        /// Appends `<c>…</c>` for the cell at `reference` (`B7`); nothing for an empty cell.
        func appendXML(to xml: inout [UInt8], reference: String, style header: Style?) {
            func open(_ style: Style, type: String? = nil) {
                xml.append(contentsOf: "<c r=\"\(reference)\"".utf8)
                if let type { xml.append(contentsOf: " t=\"\(type)\"".utf8) }
                if style != .plain { xml.append(contentsOf: " s=\"\(style.rawValue)\"".utf8) }
                xml.append(contentsOf: ">".utf8)
            }
            func number(_ value: String, _ style: Style) {
                open(header ?? style)
                xml.append(contentsOf: "<v>\(value)</v></c>".utf8)
            }
            switch self {
            case .empty:
                return
            case .text(let text):
                open(header ?? .plain, type: "inlineStr")
                // xml:space keeps leading and trailing blanks and line breaks as written.
                let preserve = text.first?.isWhitespace == true || text.last?.isWhitespace == true || text.contains(where: \.isNewline)
                xml.append(contentsOf: (preserve ? "<is><t xml:space=\"preserve\">" : "<is><t>").utf8)
                XMLText.append(text, to: &xml)
                xml.append(contentsOf: "</t></is></c>".utf8)
            case .integer(let value):
                number(String(value), .integer)
            case .money(let cents):
                number(Self.decimal(cents), .money)
            case .date(let date):
                guard let serial = ExcelDate.serial(of: date) else { return Cell.text(date.description).appendXML(to: &xml, reference: reference, style: header) }
                number(String(serial), .date)
            case .dateTime(let date, let seconds):
                guard let serial = ExcelDate.serial(of: date) else { return Cell.text(date.description).appendXML(to: &xml, reference: reference, style: header) }
                number(String(Double(serial) + Double(seconds) / 86_400), .dateTime)
            }
        }

        /// How wide the cell is shown, in Latin characters (``ColumnWidth``).
        var displayWidth: Int {
            switch self {
            case .empty: 0
            case .text(let text): ColumnWidth.of(text)
            case .integer(let value): String(value).count
            // Thousands separators: one per three digits before the point.
            case .money(let cents): Self.decimal(cents).count + (String(cents.magnitude / 100).count - 1) / 3
            case .date: 10
            case .dateTime: 19
            }
        }

        /// Fen as yuan, exactly: `-1234.05`.
        static func decimal(_ cents: Int64) -> String {
            let magnitude = cents.magnitude
            let fraction = magnitude % 100
            return "\(cents < 0 ? "-" : "")\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
        }
    }
}
