public import ImportIssues

extension HeaderMap {
    /// Matches a table's header to the fields.
    ///
    /// - Parameters:
    ///   - table: A table read by ``CSVReader``.
    ///   - issues: Receives unknown, duplicate and missing required columns.
    /// - Returns: The columns found.
    public func resolve(_ table: CSVTable, issues: inout IssueList) -> ResolvedHeader {
        resolve(table.header, line: table.headerLine, issues: &issues)
    }

    /// Matches header names to the fields.
    ///
    /// Reports, each as an issue on the header's line: a column that matches no field
    /// (unless ``allowsUnknownColumns``, or it is one of the ``remarkColumns`` a district's
    /// sheet keeps for itself, which is ignored and named by ``ignoredNames(in:)``), a second
    /// column for a field already matched, and
    /// each required field no column matches. Columns with an empty name are ignored
    /// silently: spreadsheets leave them after the last real column.
    ///
    /// ```swift
    /// var issues = IssueList()
    /// let columns = map.resolve(["需求名称", "数量（个）"], line: 1, issues: &issues)
    /// columns.column(for: "title")   // 0
    /// ```
    ///
    /// - Parameters:
    ///   - header: The header names as read.
    ///   - line: The header's line, for issues.
    ///   - issues: Receives unknown, duplicate and missing required columns.
    /// - Returns: The columns found, every field at most once.
    public func resolve(_ header: [String], line: Int, issues: inout IssueList) -> ResolvedHeader {
        var columnByField: [String: Int] = [:]
        var ignoredColumns: [Int] = []
        for (column, name) in header.enumerated() {
            guard !name.allSatisfy(\.isWhitespace) else {
                ignoredColumns.append(column)
                continue
            }
            guard let index = fieldBySpelling[Self.normalize(name)] else {
                ignoredColumns.append(column)
                if !allowsUnknownColumns && !Self.remarkColumns.contains(Self.normalize(name)) {
                    // A near miss is most likely a typo: name the column meant first.
                    let guess = suggestion(for: name).map { "是否为「\($0.displayName)」？did you mean \($0.displayName) (\($0.name))? " } ?? ""
                    issues.append(ImportIssue(
                        line: line,
                        column: name,
                        reason: "不是已知的列 is not a known column; " + guess + "expected "
                            + fields.map(\.displayName).joined(separator: ", ")
                    ))
                }
                continue
            }
            let field = fields[index]
            if let first = columnByField[field.name] {
                ignoredColumns.append(column)
                issues.append(ImportIssue(
                    line: line,
                    column: name,
                    reason: "与第 \(first + 1) 列（\(header[first])）含义相同，请保留一列 means the same as column \(first + 1) (\(header[first])): "
                        + "both are \(field.displayName); keep one"
                ))
                continue
            }
            columnByField[field.name] = column
        }
        for field in fields where field.isRequired && columnByField[field.name] == nil {
            issues.append(ImportIssue(line: line, column: field.displayName, reason: "缺少必需的列 is required but missing"))
        }
        return ResolvedHeader(columnByField: columnByField, ignoredColumns: ignoredColumns)
    }
}
