public import Foundation
import Postgres
public import Registry

extension ProjectStore {
    /// Records a progress report (每季度汇报) by the domain's rules: only while the project is
    /// in progress, and never a history that goes back in the order of the days (a report
    /// may be dated back, between the figures of the reports around it).
    ///
    /// - Parameters:
    ///   - percent: 0–100.
    ///   - on: The day of the report (default: today in China).
    ///   - attachments: Links (http or https) to photos or documents; the files stay where they are.
    /// - Throws: ``RegistryError`` `notAllowedInState`, `progressWentBack` (giving both
    ///   figures) or `invalidValue`; ``RegistryStoreError/invalid(field:reason:)`` for a link
    ///   that is not http(s).
    @discardableResult
    public static func report(
        _ key: String, percent: Int, on date: CivilDate? = nil, note: String? = nil, attachments: [String] = [], in tx: TenantTransaction
        
    ) async throws -> ProjectDetail {
        let links = try attachments.map(Self.attachmentLink)
        let id = try await Self.id(of: key, tx)
        try await Self.addReport(id, try ProgressReport(on: try Self.pastDay(date, tx), percentage: percent, note: note, attachments: links), tx)
        return try await Self.detail(id, tx)
    }

    /// An attachment's link: http or https with a host; the files stay where they are.
    ///
    /// - Throws: ``RegistryStoreError/invalid(field:reason:)`` naming the text.
    public static func attachmentLink(_ text: String) throws -> URL {
        guard let url = URL(string: text.trimmingCharacters(in: .whitespaces)), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
              url.host != nil else {
            throw RegistryStoreError.invalid(field: "attachments", reason: "附件须为 http(s) 链接 an attachment must be an http(s) link: \(text)")
        }
        return url
    }

    /// Adds a planned step.
    ///
    /// - Throws: ``RegistryError`` `notAllowedInState` for a cancelled or checked project.
    @discardableResult
    public static func addMilestone(_ key: String, title: String, dueOn: CivilDate? = nil, in tx: TenantTransaction) async throws -> ProjectDetail {
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else { throw RegistryStoreError.invalid(field: "title", reason: "里程碑名称不能为空 a milestone needs a title") }
        let id = try await Self.id(of: key, tx)
        let (project, _) = try await Self.domainProject(id, tx)
        guard project.status != .cancelled, project.status != .checked else {
            throw RegistryError(
                .notAllowedInState, field: "status",
                chinese: "项目当前状态为「\(project.status.chineseName)」，不能再添加里程碑",
                english: "the project is \(project.status.rawValue); no milestones can be added")
        }
        try await tx.connection.execute("""
            INSERT INTO project_milestone (tenant_id, project_id, title, due_on)
            VALUES (\(tx.tenantID), \(id), \(title), \(dueOn?.description)::date)
            """)
        return try await Self.detail(id, tx)
    }

    /// Marks a milestone reached.
    ///
    /// - Parameters:
    ///   - milestone: The milestone's id (from ``show(_:in:)``).
    ///   - on: The day it was reached (default: today in China).
    @discardableResult
    public static func reachMilestone(_ key: String, milestone: Int64, on date: CivilDate? = nil, in tx: TenantTransaction) async throws -> ProjectDetail {
        let id = try await Self.id(of: key, tx)
        // Locks the project, so that a concurrent check or cancel waits for this.
        try await Self.domainProject(id, tx).0.checkMilestoneMayBeReached()
        let updated = try await tx.connection.execute("""
            UPDATE project_milestone SET done_on = \(try Self.pastDay(date, tx).description)::date
            WHERE tenant_id = \(tx.tenantID) AND project_id = \(id) AND id = \(milestone)
            """)
        if updated == 0 { throw RegistryStoreError.notFound(kind: "milestone 里程碑", key: "\(key)/\(milestone)") }
        return try await Self.detail(id, tx)
    }

    /// Records the residents' rating (评单): 1–5 and a comment, once the project is completed
    /// or checked, and rates each demand it resolved with it. A rating is never overwritten.
    ///
    /// - Throws: ``RegistryError`` `notAllowedInState`, `alreadyRated` or `invalidValue`.
    @discardableResult
    public static func rate(_ key: String, score: Int, comment: String? = nil, in tx: TenantTransaction) async throws -> ProjectDetail {
        let rating = try Rating(score: score, comment: comment)
        let id = try await Self.id(of: key, tx)
        try await Self.applyRating(rating, to: id, tx)
        return try await Self.detail(id, tx)
    }

    /// Checks a report against the project (domain rules) and stores it with the new percentage.
    static func addReport(_ id: Int64, _ report: ProgressReport, _ tx: TenantTransaction) async throws {
        var (project, _) = try await domainProject(id, tx)
        try project.report(report)
        try await tx.connection.execute("""
            INSERT INTO project_progress (tenant_id, project_id, reported_on, percent, note, attachments, actor)
            VALUES (\(tx.tenantID), \(id), \(report.on.description)::date, \(report.percentage), \(report.note),
                    \(report.attachments.map(\.absoluteString)), \(tx.actor))
            """)
        try await tx.connection.execute("""
            UPDATE project SET progress_percent = greatest(progress_percent, \(report.percentage)), updated_at = now(), row_version = row_version + 1
            WHERE tenant_id = \(tx.tenantID) AND id = \(id)
            """)
    }

    /// Rates a project (the domain's rules: completed or checked, never twice) and each
    /// demand it resolved with it (resolved → rated), so the demand list's figures agree with
    /// the project list's. The caller holds the transaction.
    static func applyRating(_ rating: Rating, to id: Int64, _ tx: TenantTransaction) async throws {
        var (project, title) = try await domainProject(id, tx)
        try project.rate(rating)
        try await tx.connection.execute("""
            UPDATE project SET rating = \(rating.score), rating_comment = \(rating.comment),
                updated_at = now(), row_version = row_version + 1
            WHERE tenant_id = \(tx.tenantID) AND id = \(id)
            """)
        for demand in try await demands(of: id, in: .resolved, tx) {
            try await DemandStore.transition(
                DemandID(demand.id), to: .rated, note: "随项目「\(title)」评价 rated with the project", rating: rating,
                visibility: .public, in: tx)
        }
        try await tx.emit([.projectRated(projectID: id, score: rating.score)])
    }
}
