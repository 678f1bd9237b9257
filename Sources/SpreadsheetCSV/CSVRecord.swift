/// One data record of a ``CSVTable``: its fields, addressed by column, and the line it
/// starts on.
///
/// A record is a cheap view into its table; a field's `String` is made when it is read.
///
/// ```swift
/// for record in table.records {
///     let title = record[0]                      // by column index
///     let due = try record.field(at: 3).date()   // with line and column for issues
/// }
/// ```
public struct CSVRecord: RandomAccessCollection, Sendable {
    let storage: CSVTable.Storage
    /// The record's index in the storage, where 0 is the header.
    let record: Int

    /// The 1-based physical line of the file on which this record starts. A record after a
    /// quoted field that spans lines starts on a line greater than its index suggests.
    public var line: Int { storage.recordLines[record] }

    public var startIndex: Int { 0 }
    public var endIndex: Int { storage.columnCount }

    /// The text of the field in `column` (0-based), as in the file after unquoting, with the
    /// apostrophe an export put before a formula-like cell taken off (``FormulaGuard``).
    public subscript(column: Int) -> String {
        precondition(column >= 0 && column < storage.columnCount, "column \(column) out of range")
        return FormulaGuard.restored(storage.string(field: record * storage.columnCount + column))
    }

    /// The field in `column` (0-based) with its line and header name, ready to be parsed
    /// into a value with issues that say where it came from.
    ///
    /// - Parameter column: A column index, less than the header's count.
    /// - Returns: The field.
    public func field(at column: Int) -> CSVField {
        CSVField(line: line, column: storage.header[column], text: self[column])
    }

    /// The field for a canonical field name, through a header resolved by a ``HeaderMap``.
    ///
    /// - Parameters:
    ///   - name: A canonical field name configured in the ``HeaderMap``.
    ///   - columns: The resolution of this record's table header.
    /// - Returns: The field, or `nil` if the file has no column for `name`.
    public func field(_ name: String, in columns: ResolvedHeader) -> CSVField? {
        columns.column(for: name).map(field(at:))
    }
}
