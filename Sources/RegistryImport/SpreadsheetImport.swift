public import Foundation
public import ImportIssues
public import RegistryStore
import Registry
import SpreadsheetCSV
import SpreadsheetXLSX

/// One import of a spreadsheet file into one list, whichever door it came through (the API's
/// import route, the console's upload): the list's reader, its store, all or nothing, and
/// problems named in the file's own column names.
///
/// ```swift
/// let outcome = try await SpreadsheetImport.run("resources", data: file, on: registry, tenant: id, actor: "account:wang", dryRun: true)
/// ```
public enum SpreadsheetImport {
    /// The lists a file may load, in the order a district loads them.
    public static let lists = ["org", "units", "members", "demands", "resources", "projects", "milestones", "progress"]

    /// What an import did (or, dry, would do).
    public struct Outcome: Sendable, Encodable {
        public var list: String
        public var counts: ImportSummary
        /// The import's record (demands, not dry).
        public var importID: Int64?
        public var dryRun: Bool
        /// The file's columns left out (remarks, running numbers).
        public var ignoredColumns: [String]
        /// The store's own summary, as the API has always answered it.
        let summary: any Encodable & Sendable

        public func encode(to encoder: any Encoder) throws {
            try summary.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(list, forKey: .list)
            try container.encode(dryRun, forKey: .dryRun)
            try container.encode(ignoredColumns, forKey: .ignoredColumns)
        }
        enum Keys: String, CodingKey { case list, dryRun, ignoredColumns }
    }

    /// Why `name` cannot be an import's file name (it goes into the import's record), or `nil`.
    public static func fileNameProblem(_ name: String) -> String? {
        guard !name.isEmpty, name.count <= 255, !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            return "文件名须为 1–255 个字符，不含控制字符 a file name is 1–255 characters without control characters"
        }
        return nil
    }

    /// Loads `data` (CSV, or an Excel workbook's `sheet`) into `list`; `nil` when there is no such list.
    ///
    /// - Throws: ``ImportRejected`` with every problem (nothing written; a workbook's at their
    ///   cells), ``ImportSource/Unreadable`` for a file that is no CSV or readable workbook or
    ///   names no sheet of it, or the store's errors.
    public static func run(
        _ list: String, data file: Data, sheet: String? = nil, fileName: String? = nil, on database: RegistryDatabase, tenant: UUID, actor: String,
        dryRun: Bool
    ) async throws -> Outcome? {
        guard header(of: list) != nil else { return nil }
        let started = ContinuousClock.now
        let source = try ImportSource(file, sheet: sheet)
        do {
            let outcome = try await run(list, source: source, fileName: fileName, on: database, tenant: tenant, actor: actor, dryRun: dryRun)
            if let outcome {
                let rows = outcome.counts.inserted + outcome.counts.updated + outcome.counts.unchanged
                database.figures.imported(list: list, dryRun: dryRun, rows: rows, duration: ContinuousClock.now - started)
            }
            return outcome
        } catch let rejected as ImportRejected {
            throw source.placed(rejected)
        }
    }

    private static func run(
        _ list: String, source: ImportSource, fileName: String?, on database: RegistryDatabase, tenant: UUID, actor: String, dryRun: Bool
    ) async throws -> Outcome? {
        let data = source.data
        switch list {
        case "demands":
            var file = DemandFile(source: source, fileName: fileName, channels: database.modules.sourceChannels)
            let summary = try await DemandStore.importRows(&file, on: database, tenant: tenant, actor: actor, dryRun: dryRun)
            return Outcome(
                list: list, counts: ImportSummary(inserted: summary.inserted, updated: summary.updated, unchanged: summary.unchanged),
                importID: summary.importID, dryRun: dryRun, ignoredColumns: DemandFile.header.ignoredNames(in: data), summary: summary)
        case "org": return try await load(OrgUnitStore.self, OrgUnitFile.header, { OrgUnitFile.read($0) }, list, source, database, tenant, actor, dryRun)
        case "units": return try await load(UnitStore.self, UnitFile.header, { UnitFile.read($0) }, list, source, database, tenant, actor, dryRun)
        case "members": return try await load(MemberStore.self, MemberFile.header, { MemberFile.read($0) }, list, source, database, tenant, actor, dryRun)
        case "resources":
            return try await load(ResourceStore.self, ResourceFile.header, { ResourceFile.read($0) }, list, source, database, tenant, actor, dryRun)
        case "projects": return try await load(ProjectStore.self, ProjectFile.header, { ProjectFile.read($0) }, list, source, database, tenant, actor, dryRun)
        case "milestones":
            return try await load(MilestoneStore.self, MilestoneFile.header, { MilestoneFile.read($0) }, list, source, database, tenant, actor, dryRun)
        case "progress":
            return try await load(ProgressReportStore.self, ProgressReportFile.header, { ProgressReportFile.read($0) }, list, source, database, tenant, actor, dryRun)
        default: return nil
        }
    }

    /// One record given field by field (names as ``header(of:)`` has them), loaded as the one
    /// row of a file of `list`: the same reading, checks and upsert as a whole file, so a
    /// form and a spreadsheet cannot disagree. `nil` when there is no such list.
    public static func runRecord(
        _ list: String, values: [String: String], on database: RegistryDatabase, tenant: UUID, actor: String
    ) async throws -> Outcome? {
        guard let header = header(of: list) else { return nil }
        return try await run(list, data: SingleRecord.file(header, values), on: database, tenant: tenant, actor: actor, dryRun: false)
    }

    /// The columns of `list`'s file.
    static func header(of list: String) -> HeaderMap? {
        switch list {
        case "org": OrgUnitFile.header
        case "units": UnitFile.header
        case "members": MemberFile.header
        case "demands": DemandFile.header
        case "resources": ResourceFile.header
        case "projects": ProjectFile.header
        case "milestones": MilestoneFile.header
        case "progress": ProgressReportFile.header
        default: nil
        }
    }

    private static func load<Store: ListStore>(
        _ store: Store.Type, _ header: HeaderMap, _ read: (Data) -> (rows: [Store.Row], issues: IssueList), _ list: String,
        _ source: ImportSource, _ database: RegistryDatabase, _ tenant: UUID, _ actor: String, _ dryRun: Bool
    ) async throws -> Outcome {
        let data = source.data
        let (rows, issues) = read(data)
        do {
            let summary = try await Store.importRows(rows, issues: issues.adding(source.problems), on: database, tenant: tenant, actor: actor, dryRun: dryRun)
            return Outcome(list: list, counts: summary, importID: nil, dryRun: dryRun, ignoredColumns: header.ignoredNames(in: data), summary: summary)
        } catch let rejected as ImportRejected {
            throw rejected.inFileWords(header.columnsAsWritten(in: data))
        }
    }
}
