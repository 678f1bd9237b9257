public import ImportIssues

extension CSVField {
    /// The words accepted as yes and no, in lowercase.
    static let trueWords: Set<String> = ["是", "yes", "y", "true", "1"]
    static let falseWords: Set<String> = ["否", "no", "n", "false", "0"]

    /// Parses the field as yes or no.
    ///
    /// Accepts `是`/`否`, `yes`/`no`, `y`/`n`, `true`/`false` and `1`/`0`, in any ASCII case
    /// and in full width.
    ///
    /// ```swift
    /// try CSVField(line: 2, column: "是否公开", text: "是").boolean()   // true
    /// ```
    ///
    /// - Returns: `true` for yes.
    /// - Throws: An ``ImportIssue`` if the field is empty or not one of these words.
    public func boolean() throws(ImportIssue) -> Bool {
        try parse { text in
            let word = String(String.UnicodeScalarView(text.scalars)).lowercased()
            if Self.trueWords.contains(word) { return .success(true) }
            if Self.falseWords.contains(word) { return .success(false) }
            return .failure(ValueError(reason: "is not yes or no; write 是 or 否"))
        }
    }
}
