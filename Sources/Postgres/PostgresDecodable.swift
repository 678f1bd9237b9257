public import Foundation

/// One cell of a result as handed to a decoder: its text form (nil for NULL), type and column.
public struct PostgresCell: Sendable {
    /// The value in PostgreSQL's text output format, or nil for NULL.
    public var text: Substring?
    public var type: PostgresDataType
    public var column: String

    /// The error for a value of this cell that does not fit `target`.
    public func mismatch(_ target: Any.Type, _ reason: String? = nil) -> PostgresError {
        var message = "column \"\(column)\" of type \(type) cannot be decoded as \(target)"
        if let reason { message += ": \(reason)" }
        return PostgresError(kind: .decoding, message: message)
    }

    /// The non-NULL text of the cell, provided its type is one of `accepted`.
    public func require(_ target: Any.Type, accepting accepted: Set<PostgresDataType>) throws -> Substring {
        guard accepted.contains(type) else { throw mismatch(target) }
        guard let text else {
            throw PostgresError(
                kind: .decoding,
                message: "column \"\(column)\" is NULL but \(target) is not optional (decode \(target)? instead)")
        }
        return text
    }
}

/// A Swift type that can be read from a result column.
public protocol PostgresDecodable: Sendable {
    static func decode(from cell: PostgresCell) throws -> Self
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Wrapped? {
        cell.text == nil ? nil : try Wrapped.decode(from: cell)
    }
}

extension String: PostgresDecodable {
    private static let textTypes: Set<PostgresDataType> = [.text, .varchar, .bpchar, .name, .unknown, .json, .jsonb]

    /// Text-like columns, plus user-defined types (enums, ltree, citext, …) by their text form.
    public static func decode(from cell: PostgresCell) throws -> String {
        let accepted = cell.type.oid >= PostgresDataType.firstUserDefinedOID ? [cell.type] : textTypes
        return String(try cell.require(String.self, accepting: accepted))
    }
}

private let integerTypes: Set<PostgresDataType> = [.int2, .int4, .int8, .oidType]

extension FixedWidthInteger where Self: PostgresDecodable {
    /// Integer columns whose value fits; a bigint that overflows `Int32` is an error, not a wrap.
    public static func decode(from cell: PostgresCell) throws -> Self {
        let text = try cell.require(Self.self, accepting: integerTypes)
        guard let value = Self(text) else { throw cell.mismatch(Self.self, "value \(text) out of range") }
        return value
    }
}

extension Int: PostgresDecodable {}
extension Int64: PostgresDecodable {}
extension Int32: PostgresDecodable {}
extension Int16: PostgresDecodable {}

extension Double: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Double {
        let text = try cell.require(Double.self, accepting: [.float4, .float8])
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default:
            guard let value = Double(text) else { throw cell.mismatch(Double.self, "unreadable value \(text)") }
            return value
        }
    }
}

extension Bool: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Bool {
        try cell.require(Bool.self, accepting: [.bool]) == "t"
    }
}

extension UUID: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> UUID {
        let text = try cell.require(UUID.self, accepting: [.uuid])
        guard let value = UUID(uuidString: String(text)) else { throw cell.mismatch(UUID.self, "unreadable value") }
        return value
    }
}

extension Date: PostgresDecodable {
    /// `timestamptz`, and `date` as midnight UTC. (`timestamp` without time zone is refused:
    /// it has no instant, and govreg's schema does not use it.)
    public static func decode(from cell: PostgresCell) throws -> Date {
        let text = try cell.require(Date.self, accepting: [.timestamptz, .date])
        guard let value = TimestampText.parse(String(text)) else {
            throw cell.mismatch(Date.self, "unreadable value \(text)")
        }
        return value
    }
}

extension Data: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Data {
        let text = try cell.require(Data.self, accepting: [.bytea])
        guard let value = HexText.decodeBytea(text.utf8) else { throw cell.mismatch(Data.self, "not hex bytea") }
        return value
    }
}

extension JSONDocument: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> JSONDocument<Value> {
        let text = try cell.require(Self.self, accepting: [.json, .jsonb])
        do {
            return JSONDocument(try JSONDecoder().decode(Value.self, from: Data(text.utf8)))
        } catch {
            throw cell.mismatch(Self.self, "\(error)")
        }
    }
}
