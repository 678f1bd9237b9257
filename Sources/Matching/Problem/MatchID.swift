/// The stable id of a demand or a resource, as the engine sees it: a registry row id or a text
/// id from a file (`D0000042`).
///
/// The engine orders everything by these ids before solving, so the order rows arrive in
/// never changes the result. Ordering is total and platform-independent: numbers before
/// texts, numbers by value, texts byte by byte in UTF-8 (not by Unicode collation, which
/// would make two spellings of the same character equal and the order locale-dependent).
///
/// ```swift
/// let fromDatabase: MatchID = 42            // .number(42)
/// let fromFile: MatchID = "D0000042"        // .text("D0000042")
/// fromDatabase < fromFile                   // true: numbers first
/// ```
public enum MatchID: Sendable, Comparable, Hashable, CustomStringConvertible,
    ExpressibleByIntegerLiteral, ExpressibleByStringLiteral
{
    /// A numeric id, e.g. a `bigint` row id.
    case number(Int64)
    /// A text id, e.g. from a spreadsheet.
    case text(String)

    /// Lets tests and examples write `let id: MatchID = 7`.
    public init(integerLiteral value: Int64) {
        self = .number(value)
    }

    /// Lets tests and examples write `let id: MatchID = "R1"`.
    public init(stringLiteral value: String) {
        self = .text(value)
    }

    /// Numbers before texts; numbers by value; texts by their UTF-8 bytes.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        switch (lhs, rhs) {
        case let (.number(a), .number(b)): a < b
        case (.number, .text): true
        case (.text, .number): false
        case let (.text(a), .text(b)): Self.bytesPrecede(a, b)
        }
    }

    /// Equal when the same kind and the same number or the same UTF-8 bytes (consistent with
    /// `<`; Swift's `String ==` would also equate canonically equivalent spellings).
    public static func == (lhs: Self, rhs: Self) -> Bool {
        switch (lhs, rhs) {
        case let (.number(a), .number(b)): a == b
        case let (.text(a), .text(b)): a.utf8.elementsEqual(b.utf8)
        default: false
        }
    }

    /// Hashes the kind and the number or the UTF-8 bytes, consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case let .number(value):
            hasher.combine(0 as UInt8)
            hasher.combine(value)
        case let .text(value):
            hasher.combine(1 as UInt8)
            hasher.combine(value.utf8.count)
            for byte in value.utf8 { hasher.combine(byte) }
        }
    }

    /// The number or the text, e.g. `42` or `D0000042`.
    public var description: String {
        switch self {
        case let .number(value): String(value)
        case let .text(value): value
        }
    }

    private static func bytesPrecede(_ a: String, _ b: String) -> Bool {
        // Most ids are short ASCII; compare contiguous UTF-8 storage directly when there is one.
        var a = a, b = b
        return a.withUTF8 { left in
            b.withUTF8 { right in
                let common = min(left.count, right.count)
                for index in 0..<common where left[index] != right[index] {
                    return left[index] < right[index]
                }
                return left.count < right.count
            }
        }
    }
}

extension MatchID: Codable {
    /// Decodes a bare number or a bare string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int64.self) {
            self = .number(number)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    /// Encodes a bare number or a bare string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .number(value): try container.encode(value)
        case let .text(value): try container.encode(value)
        }
    }
}
