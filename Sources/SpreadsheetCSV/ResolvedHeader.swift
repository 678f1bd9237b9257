/// A file's header matched against a ``HeaderMap``: which column holds each field.
///
/// Made by ``HeaderMap/resolve(_:line:issues:)``; read records through it with
/// ``CSVRecord/field(_:in:)``.
public struct ResolvedHeader: Sendable, Equatable {
    /// Canonical field name → 0-based column index, for the fields the file has.
    public let columnByField: [String: Int]
    /// Columns matched to no field (unknown or unnamed), which an import ignores.
    public let ignoredColumns: [Int]

    /// The column of a field.
    ///
    /// - Parameter field: A canonical field name.
    /// - Returns: The column index, or `nil` if the file has no such column.
    public func column(for field: String) -> Int? {
        columnByField[field]
    }
}
