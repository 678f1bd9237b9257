import Foundation

/// A cell's text as Excel stores it, for a sheet read row by row.
enum SheetCell {
    /// The shortest decimal text of a number cell's `<v>`: `3` (never `3.0`), `0.1`,
    /// `0.00001` (never `1e-05`), so an amount or a count reads as a person typed it.
    /// Text that is no number is returned unchanged.
    static func number(_ stored: String) -> String {
        guard var value = Double(stored), value.isFinite else { return stored }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var shortest = "\(value)"
        // Excel shows at most 15 significant digits and stores computed results with binary
        // noise (1358.0000000000002 for 1234.55 × 1.1): read the number Excel shows. Only
        // such numbers are formatted again (formatting every cell costs a tenth of an import).
        if shortest.utf8.lazy.filter({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }).count > 15 {
            value = Double(String(format: "%.15g", value)) ?? value
            if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
            shortest = "\(value)"
        }
        guard let exponentMark = shortest.firstIndex(where: { $0 == "e" || $0 == "E" }),
              let exponent = Int(shortest[shortest.index(after: exponentMark)...])
        else { return shortest }
        var mantissa = shortest[..<exponentMark]
        let negative = mantissa.hasPrefix("-")
        if negative { mantissa = mantissa.dropFirst() }
        let point = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count
        var digits = Array(mantissa.filter { $0 != "." })
        let position = point + exponent
        var text: String
        if position <= 0 {
            text = "0." + String(repeating: "0", count: -position) + String(digits)
        } else if position >= digits.count {
            text = String(digits) + String(repeating: "0", count: position - digits.count)
        } else {
            digits.insert(".", at: position)
            text = String(digits)
        }
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return negative ? "-" + text : text
    }

    /// Excel's boolean cell (`t="b"`) as the words the importers take for yes and no.
    static func boolean(_ stored: String) -> String {
        stored == "1" || stored.lowercased() == "true" ? "TRUE" : "FALSE"
    }
}
