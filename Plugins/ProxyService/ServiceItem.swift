import Foundation
public import ImportIssues

/// A service item of the district's catalogue (服务事项): what an agent may do for a resident.
public struct ServiceItem: Sendable, Hashable, Codable {
    public var id: Int64
    public var code: String
    public var name: String
    public var level: ServiceLevel
    /// The department that decides it (审批部门).
    public var department: String
    public var deadline: ServiceDeadline
    /// The documents the resident hands over (材料清单), in order.
    public var documents: [String]
}

/// One row of a catalogue import, as written (a CSV line, or an element of the API's list):
/// every value is text until ``checked(_:)`` reads it, so that both doors report the same
/// problems with the same line numbers.
public struct ServiceItemRow: Sendable, Hashable {
    /// The line it came from (a file's physical line; the API's position, from 1).
    public var line: Int
    public var code: String
    public var name: String
    public var level: String
    public var department: String
    public var deadlineDays: String
    public var deadlineKind: String
    /// The checklist, separated by `;`, `；`, `、` or a line break.
    public var documents: String

    public init(line: Int, code: String, name: String, level: String, department: String, deadlineDays: String, deadlineKind: String, documents: String) {
        self.line = line
        self.code = code
        self.name = name
        self.level = level
        self.department = department
        self.deadlineDays = deadlineDays
        self.deadlineKind = deadlineKind
        self.documents = documents
    }

    /// The columns of a catalogue file: the English name, then the Chinese names districts write.
    public static let columns: [(name: String, aliases: [String])] = [
        ("code", ["事项编码", "编码"]), ("name", ["事项名称", "名称"]), ("level", ["层级", "事项层级"]),
        ("department", ["审批部门", "办理部门", "部门"]), ("deadline_days", ["办理时限", "时限"]),
        ("deadline_kind", ["时限单位", "计时方式"]), ("documents", ["所需材料", "材料清单", "材料"]),
    ]

    /// Reads every row, collecting every problem (line, column, value, reason) and a code
    /// given twice; the items only when there is no problem at all.
    public static func checked(_ rows: [ServiceItemRow]) -> Result<[ServiceItemDraft], ImportRejected> {
        var issues = IssueList()
        var drafts: [ServiceItemDraft] = []
        var lines: [String: Int] = [:]
        for row in rows {
            if let draft = row.checked(&issues) {
                if let first = lines[draft.code] {
                    issues.append(ImportIssue(line: row.line, column: "code", value: draft.code, reason: "事项编码重复（见第 \(first) 行） is given twice (first on line \(first))"))
                } else {
                    lines[draft.code] = row.line
                    drafts.append(draft)
                }
            }
        }
        if rows.isEmpty { issues.append(ImportIssue(line: 1, reason: "没有事项 the catalogue has no items")) }
        return issues.isEmpty ? .success(drafts) : .failure(ImportRejected(issues: issues))
    }

    private func checked(_ issues: inout IssueList) -> ServiceItemDraft? {
        let before = issues.totalCount
        func problem(_ column: String, _ value: String, _ reason: String) { issues.append(ImportIssue(line: line, column: column, value: value, reason: reason)) }
        func text(_ column: String, _ value: String, limit: Int) -> String {
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { problem(column, value, "必填 is required") }
            else if trimmed.utf8.contains(0) { problem(column, value, "含有空字符 contains a NUL character") }
            else if trimmed.count > limit { problem(column, value, "超过 \(limit) 字 is longer than \(limit) characters") }
            return trimmed
        }
        let code = text("code", code, limit: 40)
        if !code.isEmpty, !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) }) {
            problem("code", code, "编码只能含字母、数字和 _ . - may hold only letters, digits and _ . -")
        }
        let name = text("name", name, limit: 100), department = text("department", department, limit: 100)
        let level = ServiceLevel(parsing: level)
        if level == nil { problem("level", self.level, "须为 镇级 town 或 村级 village must be town or village") }
        let days = Int(deadlineDays.trimmingCharacters(in: .whitespacesAndNewlines))
        if days == nil || !(1...365).contains(days!) { problem("deadline_days", deadlineDays, "须为 1–365 的整数 must be a whole number from 1 to 365") }
        let kind = deadlineKind.trimmingCharacters(in: .whitespaces).isEmpty ? DeadlineKind.working : DeadlineKind(parsing: deadlineKind)
        if kind == nil { problem("deadline_kind", deadlineKind, "须为 工作日 working 或 自然日 calendar must be working or calendar") }
        let documents = Self.documents(self.documents)
        if documents.count > 30 { problem("documents", self.documents, "材料不超过 30 项 lists at most 30 documents") }
        if let long = documents.first(where: { $0.count > 100 }) { problem("documents", long, "材料名称超过 100 字 is longer than 100 characters") }
        if documents.contains(where: { $0.utf8.contains(0) }) { problem("documents", self.documents, "含有空字符 contains a NUL character") }
        if Set(documents).count != documents.count { problem("documents", self.documents, "材料重复 names a document twice") }
        guard issues.totalCount == before, let level, let days, let kind else { return nil }
        return ServiceItemDraft(code: code, name: name, level: level, department: department,
                                deadline: ServiceDeadline(days: days, kind: kind), documents: documents)
    }

    /// The checklist's documents, trimmed, blanks left out.
    static func documents(_ text: String) -> [String] {
        text.split(whereSeparator: { ";；、\n\r".contains($0) })
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }
}

/// A checked catalogue item, ready to store.
public struct ServiceItemDraft: Sendable, Hashable {
    public var code: String
    public var name: String
    public var level: ServiceLevel
    public var department: String
    public var deadline: ServiceDeadline
    public var documents: [String]
}
