import Foundation
public import Registry
public import RegistryStore
import Postgres

/// A district whose last ended quarter still owes its report: not closed, or closed and not
/// published. The deadline is the 20th of the month after the quarter.
public struct ReportDue: Sendable, Hashable, Codable {
    public var tenant: String
    public var quarter: Quarter
    /// `not_closed`, `not_published`, or `correction_not_published` (an earlier version is
    /// public, its correction is not).
    public var state: String
    public var deadline: CivilDate
    public var overdue: Bool

    /// The active districts that owe the report of the quarter before `today`'s, in slug order.
    public static func list(today: CivilDate, database: RegistryDatabase, actor: String) async throws -> [ReportDue] {
        let quarter = Quarter(containing: today).previous
        var due: [ReportDue] = []
        for tenant in try await TenantStore(database: database).list(includeArchived: false).sorted(by: { $0.slug.rawValue < $1.slug.rawValue }) {
            let entries = try await QuarterlyReportArchive(database: database).entries(quarter: quarter, tenant: tenant.id, actor: actor)
            let state: String
            if entries.isEmpty {
                state = "not_closed"
            } else if entries.last?.publishedAt == nil {
                state = entries.contains { $0.publishedAt != nil } ? "correction_not_published" : "not_published"
            } else {
                continue
            }
            due.append(ReportDue(
                tenant: tenant.slug.rawValue, quarter: quarter, state: state, deadline: quarter.publicationDeadline,
                overdue: today > quarter.publicationDeadline))
        }
        return due
    }
}
