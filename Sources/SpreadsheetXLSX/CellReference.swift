/// A cell's place as Excel names it: `C17` is column 3 (C), row 17.
///
/// ```swift
/// CellReference("C17")            // column 2 (0-based), row 17
/// CellReference.letters(2)        // "C"
/// CellReference.letters(27)       // "AB"
/// ```
public struct CellReference: Sendable, Hashable, CustomStringConvertible {
    /// The 0-based column: A is 0.
    public var column: Int
    /// The 1-based row, as Excel numbers it.
    public var row: Int

    /// Creates a reference from its parts.
    public init(column: Int, row: Int) {
        self.column = column
        self.row = row
    }

    /// Parses `C17` (letters, then digits; `$` anchors are allowed and ignored); `nil` when
    /// the text is no cell reference or lies beyond Excel's 16,384 columns.
    public init?(_ text: some StringProtocol) {
        var column = 0, row = 0, letters = 0, digits = 0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x24 where digits == 0: continue
            case 0x41...0x5A where digits == 0, 0x61...0x7A where digits == 0:
                column = column * 26 + Int((scalar.value & 0xDF) - 0x40)
                letters += 1
            case 0x30...0x39 where letters > 0:
                row = row * 10 + Int(scalar.value - 0x30)
                digits += 1
            default: return nil
            }
            if letters > 3 || digits > 7 { return nil }
        }
        guard letters > 0, digits > 0, row > 0, column <= Self.columnLimit else { return nil }
        self.init(column: column - 1, row: row)
    }

    /// How many columns a sheet has at most (A … XFD).
    public static let columnLimit = 16_384

    /// The letters of a 0-based column: 0 → `A`, 25 → `Z`, 26 → `AA`.
    public static func letters(_ column: Int) -> String {
        var number = column + 1
        var scalars: [Unicode.Scalar] = []
        while number > 0 {
            let digit = (number - 1) % 26
            scalars.append(Unicode.Scalar(UInt8(65 + digit)))
            number = (number - 1) / 26
        }
        return String(String.UnicodeScalarView(scalars.reversed()))
    }

    /// `C17`.
    public var description: String { Self.letters(column) + String(row) }
}

/// A rectangle of cells, as `<mergeCell ref="A1:F1"/>` gives one.
public struct CellRange: Sendable, Hashable {
    public var first: CellReference
    public var last: CellReference

    /// Parses `A1:F1` (or a single `A1`).
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, let first = CellReference(parts[0]), let last = CellReference(parts[parts.count - 1]) else { return nil }
        self.first = CellReference(column: min(first.column, last.column), row: min(first.row, last.row))
        self.last = CellReference(column: max(first.column, last.column), row: max(first.row, last.row))
    }

    /// Whether `column`, `row` lies in the range.
    public func contains(column: Int, row: Int) -> Bool {
        (first.column...last.column).contains(column) && (first.row...last.row).contains(row)
    }
}
