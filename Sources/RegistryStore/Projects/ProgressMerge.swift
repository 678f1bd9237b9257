import Foundation
import ImportIssues
import Postgres
import Registry

/// How one project's filed reports join its stored ones (see
/// ``ProgressReportStore/importRows(_:issues:dryRun:in:)``): what is added,
/// what changes, which stand-in reports go, and whether the history stays in day order.
struct ProgressMerge {
    /// A stored report.
    struct Stored {
        var id: Int64
        var on: CivilDate
        var percent: Int
        var note: String?
        var attachments: [String]

        /// Written by a project file for its percentage, dated the day of that import.
        var isStandIn: Bool { note == ProjectImportPlan.note }
    }

    private(set) var inserts: [ProgressReportImportRow] = []
    private(set) var updates: [(id: Int64, row: ProgressReportImportRow)] = []
    private(set) var unchanged = 0
    /// Stand-ins the filed history accounts for: a filed report of that day or earlier
    /// reaches the stand-in's percentage.
    private(set) var standIns: [Int64] = []
    private(set) var problems: [ImportIssue] = []
    /// The project's percentage afterwards: its highest report, never lower than before.
    private(set) var percent: Int

    init(stored: [Stored], filed: [ProgressReportImportRow], percent: Int) {
        var matched: [Int64: Int] = [:]   // stored id → the line of the filed row it is
        for row in filed {
            let links = row.attachments.map(\.absoluteString)
            let candidates = stored.filter { $0.on == row.reportedOn && $0.percent == row.percent && matched[$0.id] == nil }
            // The same report exactly, else the first of that day and percentage (the k-th
            // filed row of a day and percentage meets the k-th stored one).
            if let same = candidates.first(where: { $0.note == row.note && $0.attachments == links }) {
                matched[same.id] = row.line
                unchanged += 1
            } else if let same = candidates.first {
                matched[same.id] = row.line
                updates.append((same.id, row))
            } else {
                inserts.append(row)
            }
        }
        let replaced = Set(stored.filter { standIn in
            standIn.isStandIn && matched[standIn.id] == nil
                && filed.contains { $0.reportedOn <= standIn.on && $0.percent >= standIn.percent }
        }.map(\.id))
        standIns = replaced.sorted()
        // The history as the database will order it: by day, then as the reports came (the
        // stored ones first, by id, then the new ones in file order).
        let kept = stored.enumerated().filter { !replaced.contains($0.element.id) }.map { index, report in
            Entry(on: report.on, percent: report.percent, sequence: index, line: matched[report.id])
        }
        let added = inserts.enumerated().map { index, row in
            Entry(on: row.reportedOn, percent: row.percent, sequence: stored.count + index, line: row.line)
        }
        var highest: Entry?
        for entry in (kept + added).sorted(by: { ($0.on, $0.sequence) < ($1.on, $1.sequence) }) {
            if let top = highest, entry.percent < top.percent { problems.append(Self.wentBack(entry, after: top)) }
            if highest.map({ entry.percent >= $0.percent }) ?? true { highest = entry }
        }
        self.percent = max(percent, highest?.percent ?? 0)
    }

    private struct Entry {
        var on: CivilDate
        var percent: Int
        /// Where it comes among the reports of its day.
        var sequence: Int
        /// The file line, for a filed report; nil for a stored one the file does not name.
        var line: Int?
    }

    /// The problem of `entry`, after `top` with a lower figure, named on the filed one of
    /// the two (both filed: the later; both stored cannot happen, the database keeps
    /// stored histories in order).
    private static func wentBack(_ entry: Entry, after top: Entry) -> ImportIssue {
        let filed = entry.line != nil ? entry : top
        // The one rule of a project's history is the domain's; it always finds this pair going back.
        let problem = ProgressReport.wentBack(
            from: ProgressMark(on: top.on, percent: top.percent), to: ProgressMark(on: entry.on, percent: entry.percent), field: "percent")!
        return ImportIssue(line: filed.line ?? 0, column: problem.field, value: "\(filed.percent)", reason: problem.reason)
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
        // In file order: reports of one day keep the order the file gives them.
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
