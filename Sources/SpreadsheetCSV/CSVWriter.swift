public import Foundation

/// Writes CSV that spreadsheets open correctly and ``CSVReader`` reads back unchanged.
///
/// Output is UTF-8, by default with a byte order mark (without it, Excel on a Chinese
/// Windows reads UTF-8 as GBK and shows mojibake) and CRLF line ends (RFC 4180). A field is
/// quoted only when it must be: when it contains a comma, a tab, a quote, CR or LF, or starts
/// or ends with whitespace (which ``CSVReader`` would trim from a header name). A cell that
/// a spreadsheet would run as a formula is written as text (``FormulaGuard``), and read back
/// as it was.
///
/// ```swift
/// var writer = CSVWriter()
/// writer.writeRow(["需求名称", "数量"])
/// writer.writeRow(["修缮\"幸福\"小区,一期", "007"])
/// try writer.data.write(to: url)
/// ```
///
/// A row whose fields are all empty is read back as a blank row and skipped, and a
/// spreadsheet (not ``CSVReader``) will still turn `007` into `7` unless the column is
/// formatted as text: CSV has no way to say so.
public struct CSVWriter: Sendable {
    /// The line end written after each row.
    public enum LineEnding: Sendable, Hashable {
        /// CR LF, as RFC 4180 and Excel on Windows.
        case crlf
        /// LF alone.
        case lf
    }

    /// The separator written between fields.
    public let separator: Separator
    /// The line end written after each row.
    public let lineEnding: LineEnding
    /// Everything written so far, as UTF-8, starting with the byte order mark if requested.
    public private(set) var bytes: [UInt8]

    /// Creates a writer with empty output (or only a byte order mark).
    ///
    /// - Parameters:
    ///   - separator: The field separator; default comma.
    ///   - lineEnding: The line end; default CRLF.
    ///   - byteOrderMark: Whether to start with the UTF-8 byte order mark; default `true`.
    public init(separator: Separator = .comma, lineEnding: LineEnding = .crlf, byteOrderMark: Bool = true) {
        self.separator = separator
        self.lineEnding = lineEnding
        self.bytes = byteOrderMark ? TextEncoding.utf8ByteOrderMark : []
    }

    /// The output as `Data`, e.g. to write to a file or an HTTP response.
    public var data: Data { Data(bytes) }

    /// Appends one row.
    ///
    /// - Parameter fields: The row's fields, in column order.
    public mutating func writeRow(_ fields: some Sequence<String>) {
        var first = true
        for field in fields {
            if !first { bytes.append(separator.byte) }
            first = false
            write(field)
        }
        switch lineEnding {
        case .crlf: bytes.append(contentsOf: [UInt8(ascii: "\r"), UInt8(ascii: "\n")])
        case .lf: bytes.append(UInt8(ascii: "\n"))
        }
    }

    private mutating func write(_ cell: String) {
        let field = FormulaGuard.defused(cell)
        guard needsQuotes(field) else {
            bytes.append(contentsOf: field.utf8)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        for byte in field.utf8 {
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            bytes.append(byte)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private func needsQuotes(_ field: String) -> Bool {
        // Comma and tab are quoted whichever separates: a reader that detects the separator
        // from the first record must not take a cell's tab for one.
        let special = field.utf8.contains { byte in
            byte == separator.byte || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\"")
                || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
        }
        return special || field.first?.isWhitespace == true || field.last?.isWhitespace == true
    }
}
