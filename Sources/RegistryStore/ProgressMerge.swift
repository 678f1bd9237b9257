import Foundation
import Postgres
import Registry
import SpreadsheetCSV

/// How one project's filed reports join its stored ones (see
/// ``ProgressReportStore/importRows(_:issues:tenant:actor:dryRun:)``): what is added,
/// what changes, which stand-in reports go, and whether the history stays in order.
struct ProgressMerge {
    /// A stored report.
    struct Stored {
        var id: Int64
        var on: CivilDate
        var percent: Int
        var note: String?
        var attachments: [String]
    }

    private(set) var inserts: [ProgressReportImportRow] = []
    private(set) var updates: [(id: Int64, row: ProgressReportImportRow)] = []
    private(set) var unchanged = 0
    /// Reports a project file wrote (note "导入 import") that the filed history reaches.
    private(set) var standIns: [Int64] = []
    private(set) var problems: [ImportIssue] = []
    /// The project's percentage afterwards: its highest report, never lower than before.
    private(set) var percent: Int

    init(stored: [Stored], filed: [ProgressReportImportRow], percent: Int) {
        var matched = Set<Int64>()
        for row in filed {
            if let same = stored.first(where: { $0.on == row.reportedOn && $0.percent == row.percent && !matched.contains($0.id) }) {
                matched.insert(same.id)
                if same.note != row.note || same.attachments != row.attachments.map(\.absoluteString) {
                    updates.append((same.id, row))
                } else {
                    unchanged += 1
                }
            } else {
                inserts.append(row)
            }
        }
        let reached = filed.map(\.percent).max() ?? 0
        let replaced = Set(stored.filter { $0.note == ProjectImportPlan.note && !matched.contains($0.id) && $0.percent <= reached }.map(\.id))
        standIns = replaced.sorted()
        let kept = stored.filter { !matched.contains($0.id) && !replaced.contains($0.id) }.map { Entry(on: $0.on, percent: $0.percent, line: nil) }
        let history = (kept + filed.map { Entry(on: $0.reportedOn, percent: $0.percent, line: $0.line) })
            .sorted { ($0.on, $0.percent) < ($1.on, $1.percent) }
        var highest: Entry?
        for entry in history {
            if let top = highest, entry.percent < top.percent, let line = entry.line ?? top.line {
                problems.append(ImportIssue(
                    line: line, column: "percent", value: "\(entry.percent)",
                    reason: "进度不能倒退：\(entry.on) 为 \(entry.percent)%，而 \(top.on) 已为 \(top.percent)% progress cannot go back: \(entry.percent)% on \(entry.on) after \(top.percent)% on \(top.on)"))
            }
            if highest.map({ entry.percent >= $0.percent }) ?? true { highest = entry }
        }
        self.percent = max(percent, highest?.percent ?? 0)
    }

    private struct Entry {
        var on: CivilDate
        var percent: Int
        /// The file line, for a filed report.
        var line: Int?
    }

    /// The project's stored reports.
    static func stored(_ project: Int64, _ tx: TenantTransaction) async throws -> [Stored] {
        try await tx.connection.query("""
            SELECT id, reported_on::text AS reported_on, percent, note, attachments FROM project_progress
            WHERE tenant_id = \(tx.tenantID) AND project_id = \(project) ORDER BY reported_on, id
            """).map { row in
            Stored(
                id: try row.decode(Int64.self, "id"), on: try CivilDate(try row.decode(String.self, "reported_on")),
                percent: try row.decode(Int.self, "percent"), note: try row.decode(String?.self, "note"),
                attachments: try row.decode([String].self, "attachments"))
        }
    }

    /// Writes the merge: stand-ins out, changed notes and links, new reports, the percentage.
    func apply(to project: HistoryProject, _ tx: TenantTransaction) async throws {
        let tenant = tx.tenantID
        if !standIns.isEmpty {
            try await tx.connection.execute("DELETE FROM project_progress WHERE tenant_id = \(tenant) AND id = ANY(\(standIns))")
        }
        for (id, row) in updates {
            try await tx.connection.execute("""
                UPDATE project_progress SET note = \(row.note), attachments = \(row.attachments.map(\.absoluteString))
                WHERE tenant_id = \(tenant) AND id = \(id)
                """)
        }
        for row in inserts {
            try await tx.connection.execute("""
                INSERT INTO project_progress (tenant_id, project_id, reported_on, percent, note, attachments, actor)
                VALUES (\(tenant), \(project.id), \(row.reportedOn.description)::date, \(row.percent), \(row.note),
                        \(row.attachments.map(\.absoluteString)), \(tx.actor))
                """)
        }
        if percent != project.percent {
            try await tx.connection.execute("""
                UPDATE project SET progress_percent = \(percent), updated_at = now(), row_version = row_version + 1
                WHERE tenant_id = \(tenant) AND id = \(project.id)
                """)
        }
    }
}
