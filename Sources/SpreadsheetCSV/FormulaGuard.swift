/// Keeps a cell from running as a formula in whoever's spreadsheet opens the file (CSV
/// injection, as OWASP describes it): titles and notes come from residents, and a cell
/// starting with `=`, `+`, `-`, `@`, a tab or a carriage return is taken by Excel, WPS and
/// LibreOffice for a formula.
///
/// ``defused(_:)`` puts an apostrophe in front of such a cell (numbers such as `-3` stay
/// numbers), and ``restored(_:)``, which ``CSVReader`` applies to every cell, takes exactly
/// that apostrophe off again, so export and import give back the original text:
///
/// ```swift
/// FormulaGuard.defused("=HYPERLINK(\"http://…\")")   // '=HYPERLINK("http://…")
/// FormulaGuard.restored("'=1+1")                       // =1+1
/// FormulaGuard.restored("'tis")                        // 'tis (not one of ours)
/// ```
public enum FormulaGuard {
    /// The characters a spreadsheet starts a formula with (OWASP's list).
    static let triggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// `text` as a cell that cannot run: with an apostrophe in front when it starts with a
    /// trigger, or with an apostrophe that ``restored(_:)`` would otherwise take off.
    public static func defused(_ text: String) -> String {
        var scalars = text.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return text }
        if triggers.contains(first) { return isPlainNumber(text) ? text : "'" + text }
        if first == "'", let second = scalars.next(), triggers.contains(second) || second == "'" { return "'" + text }
        return text
    }

    /// Whether `text` is a decimal number a spreadsheet reads as a number, not a formula:
    /// `-3`, `+12.5`, `-.5`, `-1e5`. Not `Double(_:)`, which also takes `-inf`, `-nan` and
    /// `-0x1p3`, each of which a spreadsheet would run as a formula (`=-inf`).
    static func isPlainNumber(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        func digits() -> Int {
            let count = bytes.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        var mantissa = digits()
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }

    /// The text ``defused(_:)`` was given: one leading apostrophe taken off where it put one.
    public static func restored(_ text: String) -> String {
        var scalars = text.unicodeScalars.makeIterator()
        guard scalars.next() == "'", let second = scalars.next(), triggers.contains(second) || second == "'" else { return text }
        return String(text.unicodeScalars.dropFirst())
    }
}
