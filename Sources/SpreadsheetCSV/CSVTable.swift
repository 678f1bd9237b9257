/// A parsed CSV file: its header, its records and how it was read.
///
/// Every record in ``records`` has exactly as many fields as the ``header``; rows that did
/// not, and rows with broken quoting, were reported to the ``IssueList`` given to
/// ``CSVReader`` and left out. Blank rows are left out too.
public struct CSVTable: Sendable {
    /// The encoding the file was in.
    public let encoding: DetectedEncoding
    /// The separator used (given by the caller or detected).
    public let separator: Separator
    /// The column names: the first non-blank record, unquoted names trimmed of surrounding
    /// whitespace. Empty if the file has no records at all.
    public let header: [String]
    /// The line the header starts on (usually 1).
    public let headerLine: Int
    /// The data records, in file order.
    public let records: Records

    init(encoding: DetectedEncoding, separator: Separator, storage: Storage) {
        self.encoding = encoding
        self.separator = separator
        self.header = storage.header
        self.headerLine = storage.recordLines.first ?? 1
        self.records = Records(storage: storage)
    }

    /// The data records of a table, each a view into the table's shared storage.
    public struct Records: RandomAccessCollection, Sendable {
        let storage: Storage

        public var startIndex: Int { 0 }
        public var endIndex: Int { Swift.max(0, storage.recordLines.count - 1) }

        public subscript(position: Int) -> CSVRecord {
            precondition(position >= 0 && position < endIndex, "record index out of range")
            return CSVRecord(storage: storage, record: position + 1)
        }
    }

    /// The compacted field bytes and offsets the parser produced; record 0 is the header.
    final class Storage: Sendable {
        let bytes: [UInt8]
        let fieldEnds: [UInt32]
        let recordLines: [Int]
        let columnCount: Int
        let header: [String]

        init(bytes: [UInt8], parser: CSVParser) {
            self.bytes = bytes
            self.fieldEnds = parser.fieldEnds
            self.recordLines = parser.recordLines
            let columnCount = parser.columnCount ?? 0
            self.columnCount = columnCount
            var header: [String] = []
            for column in 0..<columnCount {
                let name = Self.string(bytes: bytes, fieldEnds: parser.fieldEnds, field: column)
                header.append(parser.headerQuoted[column] ? name : name.trimmingWhitespace())
            }
            self.header = header
        }

        /// The text of a field, by its index among all fields (header fields first).
        func string(field: Int) -> String {
            Self.string(bytes: bytes, fieldEnds: fieldEnds, field: field)
        }

        private static func string(bytes: [UInt8], fieldEnds: [UInt32], field: Int) -> String {
            let start = field == 0 ? 0 : Int(fieldEnds[field - 1])
            let end = Int(fieldEnds[field])
            return bytes.withUnsafeBufferPointer { buffer in
                String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
            }
        }
    }
}

extension String {
    /// The string without leading and trailing whitespace (including the ideographic space
    /// U+3000 that Chinese input methods type).
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return String(self[first...last])
    }
}
