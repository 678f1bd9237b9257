import ImportIssues
import Registry
import SpreadsheetCSV

// Value readers shared by the unit, member, resource and project files (named after the
// first of them). Each returns nil for a blank optional cell and for a wrong one; a wrong
// one also adds an issue with its line, column and value.

extension ImportFile {
    /// A vocabulary value by any of its spellings (English value or name, Chinese name or alias).
    mutating func spelledValue<Value>(_ words: Spellings<Value>, _ name: String, of record: CSVRecord, required: Bool) -> Value? {
        guard let field = field(name, of: record) else { return nil }
        guard !field.isBlank else {
            if required { issues.append(field.issue("必填，不能为空 is required but empty")) }
            return nil
        }
        let text = field.trimmedText
        if let value = words.values[text] ?? words.values[text.lowercased()] { return value }
        issues.append(field.issue("不是可用的值 is not one of: \(words.allowed)"))
        return nil
    }

    /// Text of at most `limit` characters; required text must not be blank.
    mutating func limitedText(_ name: String, of record: CSVRecord, limit: Int, required: Bool = false) -> String? {
        let text = required ? requiredText(name, of: record) : optionalText(name, of: record)
        guard let text, text.count > limit, let field = field(name, of: record) else { return text }
        issues.append(field.issue("过长：\(text.count) 个字符，最多 \(limit) 个 too long: \(text.count) characters, at most \(limit)"))
        return nil
    }

    /// Codes or ids separated by `;`, `；` or `、` (blank parts ignored, duplicates dropped).
    func codeList(_ name: String, of record: CSVRecord) -> [String] {
        guard let text = optionalText(name, of: record) else { return [] }
        return Self.codes(in: text)
    }

    /// The codes of a list cell, as ``codeList(_:of:)`` reads them: also for a list given
    /// outside a file (a command's repeated option).
    public static func codes(in text: String) -> [String] {
        var codes: [String] = []
        for part in text.split(whereSeparator: { $0 == ";" || $0 == "；" || $0 == "、" }) {
            let code = String(part).trimmingWhitespace()
            if !code.isEmpty, !codes.contains(code) { codes.append(code) }
        }
        return codes
    }

    /// An optional amount of yuan (`1234.56`, `¥1,234.56`), as written: the rule of money
    /// (``FieldDeclaration/money(_:)``, not negative) is the list's draft's.
    mutating func yuan(_ name: String, of record: CSVRecord) -> Money? {
        guard let field = field(name, of: record)?.nonBlank, let fen = issues.collect(try field.fen()) else { return nil }
        return Money(fen: Int64(fen))
    }

    /// An optional yes/no (是/否, yes/no …), `false` when blank.
    mutating func yesNo(_ name: String, of record: CSVRecord) -> Bool {
        guard let field = field(name, of: record)?.nonBlank else { return false }
        return issues.collect(try field.boolean()) ?? false
    }

    /// An optional whole number in `range`.
    mutating func wholeNumber(_ name: String, of record: CSVRecord, in range: ClosedRange<Int>) -> Int? {
        guard let field = field(name, of: record)?.nonBlank, let value = issues.collect(try field.integer()) else { return nil }
        guard range.contains(value) else {
            issues.append(field.issue("须为 \(range.lowerBound)–\(range.upperBound) must be \(range.lowerBound) to \(range.upperBound)"))
            return nil
        }
        return value
    }

    /// A checked value of personal data (a name, phone, ID card number). The issue for a
    /// wrong one names the line and column but never repeats the value.
    mutating func personal<Value>(_ name: String, of record: CSVRecord, required: Bool, _ make: (String) throws -> Value) -> Value? {
        guard let field = field(name, of: record) else { return nil }
        guard !field.isBlank else {
            if required { issues.append(ImportIssue(line: field.line, column: field.column, reason: "必填，不能为空 is required but empty")) }
            return nil
        }
        do {
            return try make(field.trimmedText)
        } catch let error as RegistryError {
            issues.append(ImportIssue(line: field.line, column: field.column, reason: "\(error.chineseMessage) \(error.englishMessage)"))
        } catch {
            issues.append(ImportIssue(line: field.line, column: field.column, reason: "无效 invalid"))
        }
        return nil
    }

    /// Problems of the window `from…until` (the end before the start), on the end's column
    /// (org units' validity; the lists with drafts check their days there).
    mutating func checkOrder(_ from: CivilDate?, _ until: CivilDate?, untilColumn name: String, of record: CSVRecord) {
        guard let from, let until, until < from, let field = field(name, of: record) else { return }
        issues.append(field.issue("早于开始日期 \(from) is before the start date \(from)"))
    }
}

extension String {
    /// Trimmed of white space, including the ideographic space U+3000.
    fileprivate func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
