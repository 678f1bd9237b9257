/// A SQL statement whose interpolated values become `$n` parameters, never text.
///
/// ```swift
/// let rows = try await db.query("SELECT id FROM demand WHERE tenant_id = \(tenant) AND status = \(status)")
/// // sends: SELECT id FROM demand WHERE tenant_id = $1 AND status = $2   with two bound values
/// ```
///
/// Text that must be spliced into the statement itself (an identifier, a keyword) goes
/// through ``init(unsafeRaw:)`` or `\(identifier:)`, whose names say what they are.
public struct SQL: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The statement text with `$1 …` placeholders.
    public private(set) var text: String
    /// The bound values, in placeholder order.
    public private(set) var bindings: [any PostgresEncodable]

    /// Statement text used as-is; it must contain no values from outside the program.
    public init(unsafeRaw text: String) {
        self.text = text
        self.bindings = []
    }

    public init(stringLiteral value: String) {
        self.init(unsafeRaw: value)
    }

    public init(stringInterpolation: StringInterpolation) {
        self.text = stringInterpolation.text
        self.bindings = stringInterpolation.bindings
    }

    /// The text with placeholders; bind values are never shown.
    public var description: String { text }

    /// Appends another statement fragment, renumbering its placeholders.
    public static func + (lhs: SQL, rhs: SQL) -> SQL {
        var result = lhs
        result.append(rhs)
        return result
    }

    /// Appends another fragment, renumbering its `$n` placeholders after ours.
    public mutating func append(_ other: SQL) {
        let offset = bindings.count
        text += offset == 0 ? other.text : Self.shiftingPlaceholders(in: other.text, by: offset)
        bindings += other.bindings
    }

    /// The fragments one after another, `separator` (the program's own text: a literal)
    /// between them: the rows of a multi-row `VALUES`, a list of conditions.
    public static func joined(_ parts: some Sequence<SQL>, separator: StaticString) -> SQL {
        var result = SQL(unsafeRaw: "")
        for (index, part) in parts.enumerated() {
            if index > 0 { result.text += separator.description }
            result.append(part)
        }
        return result
    }

    // Placeholders are only ever produced by interpolation, so a `$` followed by digits in a
    // fragment's own text is one of ours (dollar-quoted bodies use `$tag$`, never `$1`).
    private static func shiftingPlaceholders(in text: String, by offset: Int) -> String {
        var result = ""
        var scalars = text.unicodeScalars.makeIterator()
        var pending: UnicodeScalar? = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            guard scalar == "$", let first = pending, first.properties.numericType != nil, first.isASCII else {
                result.unicodeScalars.append(scalar)
                continue
            }
            var digits = ""
            while let next = pending, next.isASCII, next.properties.numericType != nil {
                digits.unicodeScalars.append(next)
                pending = scalars.next()
            }
            result += "$\(Int(digits)! + offset)"
        }
        return result
    }

    /// Builds the statement: literal text is kept, interpolated values become parameters.
    public struct StringInterpolation: StringInterpolationProtocol {
        var text = ""
        var bindings: [any PostgresEncodable] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + interpolationCount * 3)
        }

        public mutating func appendLiteral(_ literal: String) {
            text += literal
        }

        /// Binds a value as the next `$n` parameter.
        public mutating func appendInterpolation(_ value: some PostgresEncodable) {
            bindings.append(value)
            text += "$\(bindings.count)"
        }

        /// Binds an optional value as the next `$n` parameter; `nil` is sent as NULL.
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            bindings.append(value)
            text += "$\(bindings.count)"
        }

        /// Splices a nested fragment, renumbering its parameters.
        public mutating func appendInterpolation(_ fragment: SQL) {
            var combined = SQL(unsafeRaw: text)
            combined.bindings = bindings
            combined.append(fragment)
            text = combined.text
            bindings = combined.bindings
        }

        /// Splices an identifier (table, column, database name), double-quoted and escaped.
        public mutating func appendInterpolation(identifier: String) {
            text += SQL.quoteIdentifier(identifier)
        }

        /// Splices text unchanged. Only for text the program itself wrote.
        public mutating func appendInterpolation(unsafeRaw: String) {
            text += unsafeRaw
        }
    }

    /// `"name"` with embedded quotes doubled, as PostgreSQL requires.
    public static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
