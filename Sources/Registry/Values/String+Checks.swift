extension String {
    /// The text without leading and trailing white space (including the ideographic space
    /// U+3000 that Chinese input methods produce), done without Foundation.
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
            let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }

    /// True when every character is an ASCII digit 0–9. Full-width digits (０–９) and other
    /// scripts' digits are not, although `Character.isNumber` says they are.
    var isASCIIDigits: Bool {
        !isEmpty && utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// True when the text contains a control character (a line break, a tab, NUL …).
    var containsControlCharacter: Bool {
        unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}

/// Reads a free-text field: trims it, treats empty as absent, and refuses text that is
/// longer than `limit` characters.
func optionalText(_ text: String?, field: String, limit: Int) throws -> String? {
    guard let trimmed = text?.trimmingWhitespace(), !trimmed.isEmpty else { return nil }
    guard trimmed.count <= limit else {
        throw RegistryError(FieldProblem.tooLong(field, value: trimmed, count: trimmed.count, limit: limit))
    }
    return trimmed
}
