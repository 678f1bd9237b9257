/// Why a field's text is not a value of the kind asked for; ``CSVField`` turns it into an
/// ``ImportIssue`` with the line and column.
struct ValueError: Error {
    let reason: String
}

/// A field's text prepared for the value parsers: full-width forms folded to ASCII,
/// surrounding whitespace removed, as Unicode scalars with a read cursor.
///
/// Chinese input methods in full-width mode type `１２３`, `，` and `．`; these are the same
/// characters to a person filling in a spreadsheet, so they are the same to the parsers.
struct ValueText {
    private(set) var scalars: [Unicode.Scalar]
    private(set) var index = 0

    init(_ text: String) {
        var folded: [Unicode.Scalar] = []
        folded.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E: folded.append(Unicode.Scalar(scalar.value - 0xFEE0)!)  // ！…～ → !…~
            case 0x3000: folded.append(" ")  // ideographic space
            case 0xFFE5: folded.append("¥")  // full-width yen sign
            default: folded.append(scalar)
            }
        }
        let isSpace = { (scalar: Unicode.Scalar) in scalar.properties.isWhitespace }
        let start = folded.firstIndex { !isSpace($0) } ?? folded.endIndex
        let end = folded.lastIndex { !isSpace($0) }.map { $0 + 1 } ?? start
        scalars = Array(folded[start..<end])
    }

    var isEmpty: Bool { scalars.isEmpty }
    var isAtEnd: Bool { index == scalars.count }
    var next: Unicode.Scalar? { isAtEnd ? nil : scalars[index] }

    /// Consumes `scalar` if it is next.
    mutating func skip(_ scalar: Unicode.Scalar) -> Bool {
        guard next == scalar else { return false }
        index += 1
        return true
    }

    /// Consumes a run of ASCII digits, at most `maxCount` of them.
    ///
    /// - Returns: The run's value and length, or `nil` if no digit is next.
    mutating func digits(maxCount: Int = 18) -> (value: Int, count: Int)? {
        var value = 0
        var count = 0
        while count < maxCount, let scalar = next, let digit = Self.digitValue(scalar) {
            value = value * 10 + digit
            count += 1
            index += 1
        }
        return count == 0 ? nil : (value, count)
    }

    static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        ("0"..."9").contains(scalar) ? Int(scalar.value - 0x30) : nil
    }

    /// Whether the whole text looks like a number in scientific notation, such as Excel
    /// writes for long numbers in a "General" cell (`1.23457E+11`).
    var isScientificNotation: Bool {
        guard let e = scalars.firstIndex(where: { $0 == "E" || $0 == "e" }), e > 0 else { return false }
        let mantissa = scalars[..<e].allSatisfy { Self.digitValue($0) != nil || $0 == "." || $0 == "-" }
        let exponent = scalars[(e + 1)...].drop { $0 == "+" || $0 == "-" }
        return mantissa && !exponent.isEmpty && exponent.allSatisfy { Self.digitValue($0) != nil }
    }
}

extension ValueText {
    /// Consumes spaces.
    mutating func skipSpaces() {
        while skip(" ") {}
    }
}
