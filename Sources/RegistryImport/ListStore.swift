public import Foundation
public import ImportIssues
public import RegistryStore
public import SpreadsheetCSV

/// The store of a list that `govreg import` and `govreg export` move whole: units, members,
/// resources and projects. Demands are not one: they stream in pages and report their own
/// progress, so their subcommands talk to ``DemandStore`` directly.
///
/// The conformances only name what the stores already have; the protocol lets
/// ``ExportCommand/exportList(_:from:csv:publicCSV:list:publicList:)`` and
/// `govreg import`, `govreg export` and the API's import route serve every such list with one body.
public protocol ListStore {
    /// A row of the list's CSV file, as imported and exported.
    associatedtype Row
    /// A row of the disclosed projection (公示), as `--public` exports it.
    associatedtype Disclosure: Encodable

    /// Every row of `tx`'s tenant's list, as the CSV file has them.
    static func exportRows(in tx: TenantTransaction) async throws -> [Row]
    /// The disclosed projection.
    static func disclosures(in tx: TenantTransaction) async throws -> [Disclosure]
    /// Loads `rows` all or nothing, in a transaction of its own (a dry run rolls it back);
    /// throws ``ImportRejected`` with `issues` and every problem found.
    static func importRows(
        _ rows: [Row], issues: IssueList, on database: RegistryDatabase, tenant: UUID, actor: String, dryRun: Bool
    ) async throws -> ImportSummary
}

extension OrgUnitStore: ListStore {}
extension UnitStore: ListStore {}
extension MemberStore: ListStore {}
extension ResourceStore: ListStore {}
extension ProjectStore: ListStore {}
extension MilestoneStore: ListStore {}
extension ProgressReportStore: ListStore {}

extension HeaderMap {
    /// Each field's column name as the file's header row writes it (`报到单位编号` for
    /// `unit_external_id`), so that problems are reported in the file's own words.
    public func columnsAsWritten(in data: Data) -> [String: String] {
        var ignored = IssueList()
        guard let table = try? CSVReader().read(data, issues: &ignored) else { return [:] }
        let resolved = resolve(table, issues: &ignored)
        return resolved.columnByField.compactMapValues { $0 < table.header.count ? table.header[$0] : nil }
    }
}

extension HeaderMap {
    /// The columns of the file's header row an import leaves out (``ignoredNames(_:)``).
    public func ignoredNames(in data: Data) -> [String] {
        var ignored = IssueList()
        guard let table = try? CSVReader().read(data, issues: &ignored) else { return [] }
        return ignoredNames(table.header)
    }
}

extension ImportRejected {
    /// The same problems with their columns named as the file's header writes them.
    public func inFileWords(_ written: [String: String]) -> ImportRejected {
        ImportRejected(issues: issues.inFileOrder { issue in
            var renamed = issue
            renamed.column = issue.column.map { written[$0] ?? $0 }
            return renamed
        })
    }
}
