import ImportIssues
import Registry

/// Checks a hierarchy file against itself and the stored nodes, and orders its rows so that
/// every parent is written before its children. Pure: no database.
struct OrgUnitImportPlan {
    var rows: [OrgUnitImportRow]
    /// Stored codes and their parents' codes.
    var stored: [String: String?]
    /// Stored codes and their kinds.
    var storedKinds: [String: OrgUnitKind] = [:]

    /// The rows, parents first.
    ///
    /// - Throws: ``ImportRejected`` listing duplicate codes, unknown parents, levels turned
    ///   over (a town under a grid) and cycles, after
    ///   `fileIssues` (what the file reader found), so that every problem is named at once.
    func ordered(adding fileIssues: IssueList = IssueList()) throws -> [OrgUnitImportRow] {
        var issues = fileIssues
        var byCode: [String: OrgUnitImportRow] = [:]
        for row in rows {
            if let first = byCode[row.code] {
                issues.append(ImportIssue(line: row.line, column: "code", value: row.code, reason: "编码重复 duplicate code (first on line \(first.line))"))
            } else {
                byCode[row.code] = row
            }
        }
        // The hierarchy after the import: the file's parents override the stored ones.
        var parent = stored
        for row in byCode.values { parent[row.code] = .some(row.parentCode) }
        for row in rows where byCode[row.code]?.line == row.line {
            if let code = row.parentCode, parent[code] == nil {
                issues.append(ImportIssue(line: row.line, column: "parent_code", value: code, reason: "上级不存在 no such parent in the file or the registry"))
            }
        }
        // The level order, with the kinds after the import: the file's, then the stored ones.
        var kind = storedKinds
        for row in byCode.values { kind[row.code] = row.kind }
        for row in rows where byCode[row.code]?.line == row.line {
            if let code = row.parentCode, let parentKind = kind[code],
               let problem = row.kind.misplaced(under: parentKind, field: "parent_code", value: code) {
                issues.append(ImportIssue(line: row.line, column: "parent_code", value: code, reason: problem.reason))
            }
        }
        // A stored node whose parent the file turns into a lower kind.
        for (code, parentCode) in stored where byCode[code] == nil {
            if let parentCode, let row = byCode[parentCode], let childKind = kind[code],
               let problem = childKind.misplaced(under: row.kind, field: "kind", value: row.kind.rawValue) {
                issues.append(ImportIssue(line: row.line, column: "kind", value: row.kind.rawValue, reason: problem.reason + " (\(code))"))
            }
        }
        var depth: [String: Int] = [:]
        for row in rows where byCode[row.code]?.line == row.line {
            if let cycle = Self.depth(of: row.code, parent: parent, memo: &depth) {
                issues.append(ImportIssue(line: row.line, column: "parent_code", value: row.parentCode, reason: "形成循环 makes a cycle: \(cycle.joined(separator: " → "))"))
            }
        }
        if !issues.isEmpty { throw ImportRejected(issues: issues) }
        return byCode.values.sorted { (depth[$0.code] ?? 0, $0.line) < (depth[$1.code] ?? 0, $1.line) }
    }

    /// Fills `memo` with the depth of `code`; returns the cycle's codes if it is on one.
    private static func depth(of code: String, parent: [String: String?], memo: inout [String: Int]) -> [String]? {
        var chain: [String] = []
        var current: String? = code
        while let node = current, memo[node] == nil {
            if let start = chain.firstIndex(of: node) { return Array(chain[start...]) + [node] }
            chain.append(node)
            current = parent[node] ?? nil
        }
        var level = current.flatMap { memo[$0] }.map { $0 + 1 } ?? 0
        for node in chain.reversed() {
            memo[node] = level
            level += 1
        }
        return nil
    }
}
