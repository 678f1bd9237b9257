/// Maps each array type to its element type, for decoding `[T]` from a column.
private let elementTypes: [PostgresDataType: PostgresDataType] = [
    .boolArray: .bool, .byteaArray: .bytea, .int2Array: .int2, .int4Array: .int4, .textArray: .text,
    .varcharArray: .varchar, .int8Array: .int8, .float8Array: .float8, .timestamptzArray: .timestamptz,
    .uuidArray: .uuid, .jsonbArray: .jsonb,
]

extension Array: PostgresDecodable where Element: PostgresDecodable {
    /// One-dimensional arrays in PostgreSQL's text form (`{a,"b c",NULL}`).
    public static func decode(from cell: PostgresCell) throws -> [Element] {
        guard let elementType = elementTypes[cell.type] else { throw cell.mismatch(Self.self) }
        let text = try cell.require(Self.self, accepting: [cell.type])
        guard let items = ArrayLiteral.split(text) else {
            throw cell.mismatch(Self.self, "not a one-dimensional array literal")
        }
        return try items.map { item in
            try Element.decode(from: PostgresCell(text: item.map { Substring($0) }, type: elementType, column: cell.column))
        }
    }
}

/// The parser of PostgreSQL's array output syntax (one dimension).
enum ArrayLiteral {
    /// The elements of `{…}`, nil standing for NULL; nil overall when the text is not an array.
    static func split(_ text: Substring) -> [String?]? {
        var scalars = Array(text.unicodeScalars)
        // A lower-bound decoration such as "[0:2]={…}" is dropped.
        if scalars.first == "[", let equals = scalars.firstIndex(of: "=") { scalars.removeFirst(equals + 1) }
        guard scalars.first == "{", scalars.last == "}" else { return nil }
        var items: [String?] = []
        var index = 1
        let end = scalars.count - 1
        if index == end { return [] }
        while index <= end {
            var item = ""
            var quoted = false
            if scalars[index] == "\"" {
                quoted = true
                index += 1
                while index < end, scalars[index] != "\"" {
                    if scalars[index] == "\\" { index += 1 }
                    guard index < end else { return nil }
                    item.unicodeScalars.append(scalars[index])
                    index += 1
                }
                index += 1  // closing quote
            } else {
                while index < end, scalars[index] != "," {
                    if scalars[index] == "{" { return nil }  // nested: more than one dimension
                    item.unicodeScalars.append(scalars[index])
                    index += 1
                }
            }
            items.append(!quoted && item == "NULL" ? nil : item)
            guard index == end || scalars[index] == "," else { return nil }
            index += 1
        }
        return items
    }
}
