/// How wide a column must be to show its text: in Excel's unit, the width of one Latin
/// digit, where a Chinese character or another full-width one takes two.
enum ColumnWidth {
    /// The widest a column gets, so one long description does not push the rest off screen.
    static let maximum = 60.0
    /// The narrowest, so an empty or one-digit column still shows its filter button.
    static let minimum = 8.0

    /// The width of `text`'s longest line, full-width characters counted as two.
    static func of(_ text: String) -> Int {
        var widest = 0, line = 0
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" {
                widest = max(widest, line)
                line = 0
            } else {
                line += isWide(scalar) ? 2 : 1
            }
        }
        return max(widest, line)
    }

    /// A column's width for cells at most `units` wide: with room for the filter button,
    /// between ``minimum`` and ``maximum``.
    static func excelWidth(_ units: Int) -> Double {
        min(maximum, max(minimum, Double(units) + 3))
    }

    /// Whether a character is shown two columns wide: the East Asian wide and full-width
    /// blocks of Unicode (UAX #11), approximated by their ranges.
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F,  // Hangul Jamo
             0x2E80...0x303E,  // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation (、。「」)
             0x3041...0x33FF,  // kana, bopomofo, Hangul compatibility, CJK compatibility
             0x3400...0x4DBF,  // CJK extension A
             0x4E00...0x9FFF,  // CJK unified ideographs
             0xA000...0xA4CF,  // Yi
             0xAC00...0xD7A3,  // Hangul syllables
             0xF900...0xFAFF,  // CJK compatibility ideographs
             0xFE30...0xFE4F,  // CJK compatibility forms
             0xFF00...0xFF60,  // full-width forms (，：（）)
             0xFFE0...0xFFE6,  // full-width signs (￥)
             0x1F300...0x1F64F, 0x1F900...0x1F9FF,  // emoji, which spreadsheets draw wide
             0x20000...0x3FFFD:  // CJK extensions B and later
            true
        default:
            false
        }
    }
}
