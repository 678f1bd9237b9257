import CLibPQ

/// The rows a statement returned, kept in libpq's result buffer and decoded on demand.
///
/// ```swift
/// for row in try await db.query("SELECT id, name FROM tenant") {
///     let name = try row.decode(String.self, "name")
/// }
/// ```
public final class QueryResult: @unchecked Sendable {
    // @unchecked: the PGresult is never mutated after construction, and libpq's read
    // functions on a finished result are thread-safe.
    private let result: OpaquePointer
    /// Column names in order.
    public let columns: [String]
    /// Column types in order.
    public let columnTypes: [PostgresDataType]
    /// Rows affected by INSERT/UPDATE/DELETE/COPY (0 when not applicable).
    public let affectedRows: Int
    /// The command tag, e.g. `INSERT 0 3`.
    public let commandTag: String
    /// Number of rows returned.
    public let count: Int
    private let columnIndex: [String: Int]

    init(taking result: OpaquePointer) {
        self.result = result
        let columnCount = Int(PQnfields(result))
        var columns: [String] = []
        var types: [PostgresDataType] = []
        var index: [String: Int] = [:]
        for column in 0..<columnCount {
            let name = String(cString: PQfname(result, Int32(column)))
            columns.append(name)
            types.append(PostgresDataType(oid: PQftype(result, Int32(column))))
            if index[name] == nil { index[name] = column }  // first wins, as in SQL
        }
        self.columns = columns
        self.columnTypes = types
        self.columnIndex = index
        self.count = Int(PQntuples(result))
        self.commandTag = String(cString: PQcmdStatus(result))
        self.affectedRows = Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    deinit { PQclear(result) }

    func index(ofColumn name: String) -> Int? { columnIndex[name] }

    /// The raw text of a cell, or nil for NULL. Rows and columns are 0-based.
    func cellText(row: Int, column: Int) -> Substring? {
        let r = Int32(row), c = Int32(column)
        if PQgetisnull(result, r, c) == 1 { return nil }
        let length = Int(PQgetlength(result, r, c))
        let pointer = UnsafeRawPointer(PQgetvalue(result, r, c)!).assumingMemoryBound(to: UInt8.self)
        return Substring(String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self))
    }
}

extension QueryResult: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    public subscript(position: Int) -> Row { Row(result: self, index: position) }
}

/// One row of a ``QueryResult``.
public struct Row: Sendable {
    let result: QueryResult
    /// The row's 0-based position in its result.
    public let index: Int

    /// Decodes the column named `column`.
    ///
    /// - Throws: ``PostgresError`` of kind `.decoding` naming the column and both types when
    ///   the column does not exist, is NULL for a non-optional type, or does not fit `T`.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, _ column: String) throws -> T {
        guard let position = result.index(ofColumn: column) else {
            throw PostgresError(
                kind: .decoding,
                message: "no column \"\(column)\" in result (columns: \(result.columns.joined(separator: ", ")))")
        }
        return try decode(type, at: position)
    }

    /// Decodes the column at 0-based `position`.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, at position: Int) throws -> T {
        guard position >= 0, position < result.columns.count else {
            throw PostgresError(kind: .decoding, message: "column index \(position) out of range 0..<\(result.columns.count)")
        }
        let cell = PostgresCell(
            text: result.cellText(row: index, column: position),
            type: result.columnTypes[position],
            column: result.columns[position])
        return try T.decode(from: cell)
    }
}
