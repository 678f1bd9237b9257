public import Foundation
import ImportIssues
import Postgres
public import Registry

/// One milestone (里程碑/节点) of a project, as the milestone file gives it and its export
/// writes it. Milestones are matched by project and title.
public struct MilestoneImportRow: Sendable, Hashable {
    /// The file line the row came from, for error messages (0 for exported rows).
    public var line: Int
    /// The project's external id.
    public var projectExternalID: String
    /// What is to be reached (开工, 完工 …).
    public var title: String
    /// When it is planned for.
    public var dueOn: CivilDate?
    /// When it was reached; a blank day never un-reaches a stored milestone.
    public var doneOn: CivilDate?

    /// Makes a row.
    public init(line: Int = 0, projectExternalID: String, title: String, dueOn: CivilDate? = nil, doneOn: CivilDate? = nil) {
        self.line = line
        self.projectExternalID = projectExternalID
        self.title = title
        self.dueOn = dueOn
        self.doneOn = doneOn
    }
}

/// One progress report (进度报告) of a project, as the progress file gives it and its export
/// writes it. Reports are matched by project, day and percentage.
public struct ProgressReportImportRow: Sendable, Hashable {
    /// The file line the row came from, for error messages (0 for exported rows).
    public var line: Int
    /// The project's external id.
    public var projectExternalID: String
    /// The day of the report.
    public var reportedOn: CivilDate
    /// 0–100.
    public var percent: Int
    /// What was done (进展情况).
    public var note: String?
    /// Links (http or https) to photos or documents.
    public var attachments: [URL]

    /// Makes a row.
    public init(line: Int = 0, projectExternalID: String, reportedOn: CivilDate, percent: Int, note: String? = nil, attachments: [URL] = []) {
        self.line = line
        self.projectExternalID = projectExternalID
        self.reportedOn = reportedOn
        self.percent = percent
        self.note = note
        self.attachments = attachments
    }
}

/// A milestone of a disclosed project (公示): the `public_project` view's projects only.
public struct MilestoneDisclosure: Sendable, Hashable, Codable {
    /// The disclosed project's title.
    public var projectTitle: String
    /// The milestone's title.
    public var title: String
    /// When it is planned for.
    public var dueOn: CivilDate?
    /// When it was reached.
    public var doneOn: CivilDate?
}

/// A progress report of a disclosed project: the day and the percentage, never the note or
/// the attachments (which may show or name residents).
public struct ProgressDisclosure: Sendable, Hashable, Codable {
    /// The disclosed project's title.
    public var projectTitle: String
    /// The day of the report.
    public var reportedOn: CivilDate
    /// 0–100.
    public var percent: Int
}

/// A stored project that a milestone or progress file names, locked for the import.
struct HistoryProject {
    var id: Int64
    var status: ProjectStatus
    var percent: Int

    /// The projects named by `externalIDs`, locked (`FOR UPDATE`, as every project writer
    /// locks them), by external id.
    static func locked(_ externalIDs: [String], _ tx: TenantTransaction) async throws -> [String: HistoryProject] {
        var projects: [String: HistoryProject] = [:]
        for row in try await tx.connection.query("""
            SELECT id, external_id, status, progress_percent FROM project
            WHERE tenant_id = \(tx.tenantID) AND external_id = ANY(\(Array(Set(externalIDs)).sorted()))
            ORDER BY id FOR UPDATE
            """) {
            projects[try row.decode(String.self, "external_id")] = HistoryProject(
                id: try row.decode(Int64.self, "id"), status: try ProjectStatus(parsing: try row.decode(String.self, "status")),
                percent: try row.decode(Int.self, "progress_percent"))
        }
        return projects
    }

    /// The problem of a row naming a project the district does not have.
    static func missing(_ externalID: String, line: Int) -> ImportIssue {
        ImportIssue(line: line, column: "project_external_id", value: externalID, reason: "没有这个项目 no such project")
    }
}
