public import Foundation

/// A Swift value that can be bound to a `$n` parameter.
///
/// Values are sent in PostgreSQL's text format with an explicit type OID (except `String`,
/// whose type the server infers from the statement). `nil` optionals are sent as NULL.
public protocol PostgresEncodable: Sendable {
    /// The type the parameter is declared as.
    static var postgresType: PostgresDataType { get }
    /// The value in PostgreSQL's text input format, or `nil` for SQL NULL.
    func postgresText() throws -> String?
}

/// A value that can also be an element of a bound array (`[Int]` → `bigint[]`).
public protocol PostgresArrayElement: PostgresEncodable {
    /// The array type whose elements are of this type.
    static var postgresArrayType: PostgresDataType { get }
    /// Whether an element's text can need quoting in an array literal (whole numbers never do).
    static var postgresArrayNeedsQuotes: Bool { get }
}

extension PostgresArrayElement {
    public static var postgresArrayNeedsQuotes: Bool { true }
}

extension String: PostgresArrayElement {
    public static var postgresType: PostgresDataType { .unspecified }
    public static var postgresArrayType: PostgresDataType { .textArray }
    public func postgresText() throws -> String? { self }
}

extension Int: PostgresArrayElement {
    public static var postgresArrayNeedsQuotes: Bool { false }
    public static var postgresType: PostgresDataType { .int8 }
    public static var postgresArrayType: PostgresDataType { .int8Array }
    public func postgresText() throws -> String? { String(self) }
}

extension Int64: PostgresArrayElement {
    public static var postgresArrayNeedsQuotes: Bool { false }
    public static var postgresType: PostgresDataType { .int8 }
    public static var postgresArrayType: PostgresDataType { .int8Array }
    public func postgresText() throws -> String? { String(self) }
}

extension Int32: PostgresArrayElement {
    public static var postgresArrayNeedsQuotes: Bool { false }
    public static var postgresType: PostgresDataType { .int4 }
    public static var postgresArrayType: PostgresDataType { .int4Array }
    public func postgresText() throws -> String? { String(self) }
}

extension Int16: PostgresArrayElement {
    public static var postgresArrayNeedsQuotes: Bool { false }
    public static var postgresType: PostgresDataType { .int2 }
    public static var postgresArrayType: PostgresDataType { .int2Array }
    public func postgresText() throws -> String? { String(self) }
}

extension Double: PostgresArrayElement {
    public static var postgresType: PostgresDataType { .float8 }
    public static var postgresArrayType: PostgresDataType { .float8Array }
    public func postgresText() throws -> String? {
        if isNaN { return "NaN" }
        if isInfinite { return self < 0 ? "-Infinity" : "Infinity" }
        return String(self)  // shortest text that round-trips
    }
}

extension Bool: PostgresArrayElement {
    public static var postgresType: PostgresDataType { .bool }
    public static var postgresArrayType: PostgresDataType { .boolArray }
    public func postgresText() throws -> String? { self ? "t" : "f" }
}

extension UUID: PostgresArrayElement {
    public static var postgresType: PostgresDataType { .uuid }
    public static var postgresArrayType: PostgresDataType { .uuidArray }
    public func postgresText() throws -> String? { uuidString.lowercased() }
}

extension Date: PostgresArrayElement {
    public static var postgresType: PostgresDataType { .timestamptz }
    public static var postgresArrayType: PostgresDataType { .timestamptzArray }
    public func postgresText() throws -> String? { TimestampText.format(self) }
}

extension Data: PostgresArrayElement {
    public static var postgresType: PostgresDataType { .bytea }
    public static var postgresArrayType: PostgresDataType { .byteaArray }
    public func postgresText() throws -> String? { HexText.byteaLiteral(self) }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public static var postgresType: PostgresDataType { Wrapped.postgresType }
    public func postgresText() throws -> String? {
        switch self {
        case .none: nil
        case .some(let value): try value.postgresText()
        }
    }
}

extension Optional: PostgresArrayElement where Wrapped: PostgresArrayElement {
    public static var postgresArrayType: PostgresDataType { Wrapped.postgresArrayType }
    public static var postgresArrayNeedsQuotes: Bool { Wrapped.postgresArrayNeedsQuotes }
}

extension Array: PostgresEncodable where Element: PostgresArrayElement {
    public static var postgresType: PostgresDataType { Element.postgresArrayType }

    /// The array literal `{…}`: every element double-quoted and escaped, NULL unquoted; whole
    /// numbers as they are (a large matching run binds arrays of 100,000 of them).
    public func postgresText() throws -> String? {
        if !Element.postgresArrayNeedsQuotes {
            var bytes: [UInt8] = [UInt8(ascii: "{")]
            bytes.reserveCapacity(count * 8 + 2)
            for (index, element) in enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                bytes.append(contentsOf: (try element.postgresText() ?? "NULL").utf8)
            }
            bytes.append(UInt8(ascii: "}"))
            return String(decoding: bytes, as: UTF8.self)
        }
        var text = "{"
        for (index, element) in enumerated() {
            if index > 0 { text += "," }
            guard let item = try element.postgresText() else {
                text += "NULL"
                continue
            }
            text += "\""
            for character in item.unicodeScalars {
                if character == "\"" || character == "\\" { text += "\\" }
                text.unicodeScalars.append(character)
            }
            text += "\""
        }
        return text + "}"
    }
}

/// A JSON document bound as `jsonb` and decoded from `json`/`jsonb` columns.
///
/// ```swift
/// try await db.execute("UPDATE tenant SET settings = \(JSONDocument(settings)) WHERE id = \(id)")
/// ```
public struct JSONDocument<Value: Codable & Sendable>: PostgresArrayElement {
    public var value: Value

    public init(_ value: Value) { self.value = value }

    public static var postgresType: PostgresDataType { .jsonb }
    public static var postgresArrayType: PostgresDataType { .jsonbArray }

    public func postgresText() throws -> String? {
        let encoder = JSONEncoder()
        // Sorted keys keep stored documents (and their checksums) independent of dictionary order.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw PostgresError(kind: .binding, message: "cannot encode \(Value.self) as JSON: \(error)")
        }
    }
}

extension JSONDocument: Equatable where Value: Equatable {}
