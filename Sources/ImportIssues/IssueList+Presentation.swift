extension IssueList {
    /// The same problems in file order (by line, then column), each passed through `rename`,
    /// still counting those past the limit.
    ///
    /// Checks run in passes (values row by row, then references for the whole file), so the
    /// order they were found in is not the order a person reads the file in.
    public func inFileOrder(renaming rename: (ImportIssue) -> ImportIssue = { $0 }) -> IssueList {
        var result = IssueList(limit: limit)
        result.append(contentsOf: issues.map(rename).sorted { ($0.line, $0.column ?? "") < ($1.line, $1.column ?? "") })
        result.totalCount = totalCount
        return result
    }
}

extension IssueList {
    /// The problems kept, rearranged by `transform` (moved to other lines, reordered), still
    /// counting those past the limit.
    public func rearranged(_ transform: ([ImportIssue]) -> [ImportIssue]) -> IssueList {
        var result = IssueList(limit: limit)
        result.append(contentsOf: transform(issues))
        result.totalCount = totalCount
        return result
    }
}
