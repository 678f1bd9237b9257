import Foundation
import RegistryImport
import RegistryStore
import SpreadsheetCSV

/// The store of a list that `govreg import` and `govreg export` move whole: units, members,
/// resources and projects. Demands are not one: they stream in pages and report their own
/// progress, so their subcommands talk to ``DemandStore`` directly.
///
/// The conformances only name what the stores already have; the protocol lets
/// ``ExportCommand/exportList(_:from:csv:publicCSV:list:publicList:)`` and
/// ``ImportReport/importList(_:into:header:read:list:)`` serve every such list with one body.
protocol ListStore {
    /// A row of the list's CSV file, as imported and exported.
    associatedtype Row
    /// A row of the disclosed projection (公示), as `--public` exports it.
    associatedtype Disclosure: Encodable

    init(database: RegistryDatabase)
    func exportRows(tenant: UUID, actor: String) async throws -> [Row]
    func disclosures(tenant: UUID, actor: String) async throws -> [Disclosure]
    func importRows(_ rows: [Row], issues: IssueList, tenant: UUID, actor: String, dryRun: Bool) async throws -> ImportSummary
}

extension UnitStore: ListStore {}
extension MemberStore: ListStore {}
extension ResourceStore: ListStore {}
extension ProjectStore: ListStore {}
