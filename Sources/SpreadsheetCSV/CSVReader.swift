public import Foundation
public import ImportIssues

/// Reads CSV files saved by spreadsheets (Excel, WPS, LibreOffice) into a ``CSVTable``.
///
/// It accepts RFC 4180 and what spreadsheets make of it: UTF-8 with or without a byte order
/// mark, GB18030/GBK, UTF-16LE; CRLF, LF or lone CR line ends; quoted fields containing
/// separators, doubled quotes and line breaks; blank rows anywhere. The first non-blank
/// record is the header. A row with a different number of fields than the header is
/// reported and reading goes on, so that one pass finds every such row.
///
/// ```swift
/// var issues = IssueList()
/// let table = try CSVReader().read(bytes, issues: &issues)
/// print(table.encoding, table.header)   // GB18030 ["需求名称", "数量（个）"]
/// for record in table.records {
///     print(record.line, record[0])
/// }
/// ```
public struct CSVReader: Sendable {
    /// The file's encoding; `automatic` (the default) detects it.
    public var encoding: TextEncoding
    /// The separator; `nil` (the default) means tab if the header has tabs and no commas,
    /// comma otherwise.
    public var separator: Separator?

    /// Creates a reader.
    ///
    /// - Parameters:
    ///   - encoding: The file's encoding, or `automatic` to detect it.
    ///   - separator: The field separator, or `nil` to detect comma or tab.
    public init(encoding: TextEncoding = .automatic, separator: Separator? = nil) {
        self.encoding = encoding
        self.separator = separator
    }

    /// Decodes and parses a file.
    ///
    /// - Parameters:
    ///   - bytes: The file's contents.
    ///   - issues: Receives every malformed or ragged row, and a missing header.
    /// - Returns: The header and the well-formed records.
    /// - Throws: An ``ImportIssue`` if the bytes are not in the encoding (see
    ///   ``TextEncoding/decode(_:)``).
    public func read(_ bytes: [UInt8], issues: inout IssueList) throws(ImportIssue) -> CSVTable {
        read(try encoding.decode(bytes), issues: &issues)
    }

    /// Decodes and parses a file.
    ///
    /// - Parameters:
    ///   - data: The file's contents.
    ///   - issues: Receives every malformed or ragged row, and a missing header.
    /// - Returns: The header and the well-formed records.
    /// - Throws: An ``ImportIssue`` if the bytes are not in the encoding.
    public func read(_ data: Data, issues: inout IssueList) throws(ImportIssue) -> CSVTable {
        try read([UInt8](data), issues: &issues)
    }

    /// Parses text that is already a `String` (the ``encoding`` setting does not apply).
    ///
    /// - Parameters:
    ///   - text: The CSV text.
    ///   - issues: Receives every malformed or ragged row, and a missing header.
    /// - Returns: The header and the well-formed records.
    public func read(_ text: String, issues: inout IssueList) -> CSVTable {
        read(DecodedText(utf8: Array(text.utf8), encoding: .utf8), issues: &issues)
    }

    /// Parses text already converted to UTF-8.
    ///
    /// - Parameters:
    ///   - text: The decoded text, as ``TextEncoding/decode(_:)`` returns it.
    ///   - issues: Receives every malformed or ragged row, and a missing header.
    /// - Returns: The header and the well-formed records.
    public func read(_ text: consuming DecodedText, issues: inout IssueList) -> CSVTable {
        let encoding = text.encoding
        // Taking the bytes out of `text` leaves them uniquely referenced (when the caller
        // passed a temporary), so parsing in place does not copy them first.
        var bytes = (consume text).utf8
        let separator = self.separator ?? bytes.withUnsafeBufferPointer { Separator.detect(in: $0) }
        var parser = CSVParser(separator: separator)
        // Offsets are kept as UInt32 to halve the bookkeeping for million-row files.
        if bytes.count >= Int(UInt32.max) {
            issues.append(ImportIssue(line: 1, reason: "文件达到 4 GiB，请拆分 the file is 4 GiB or larger; split it into smaller files"))
            bytes = []
        } else {
            parser.parse(&bytes, issues: &issues)
            if parser.columnCount == nil {
                issues.append(ImportIssue(line: 1, reason: "文件为空，没有表头 the file is empty: there is no header row"))
            }
        }
        return CSVTable(
            encoding: encoding,
            separator: separator,
            storage: CSVTable.Storage(bytes: bytes, parser: parser)
        )
    }
}
