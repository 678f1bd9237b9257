import ArgumentParser
import Foundation
import GovregCommandLine
import ImportIssues
import RegistryImport
import RegistryStore
import SpreadsheetCSV

extension ImportReport {
    /// Imports a whole list: reads the file (before connecting, so that an unreadable file
    /// fails fast), then loads its rows into the tenant, all or nothing, and reports with
    /// ``run(_:list:on:_:)``.
    ///
    /// ```swift
    /// try await ImportReport.importList(options, into: UnitStore.self, header: UnitFile.header, read: { UnitFile.read($0) }, list: "单位 units")
    /// ```
    ///
    /// - Parameters:
    ///   - options: The command's flags and file.
    ///   - store: The list's store.
    ///   - read: Parses the file into rows and the problems found on the way.
    ///   - list: What the rows are, for the counts (`单位 units`).
    /// - Throws: A connection, tenant or read error; `ExitCode(1)` when the import is refused.
    static func importList<Store: ListStore>(
        _ options: ImportOptions, into store: Store.Type, header: HeaderMap,
        read: (Data) -> (rows: [Store.Row], issues: IssueList), list: String
    ) async throws {
        let terminal = Terminal()
        let source = try options.source()
        let data = source.data
        let (rows, issues) = read(data)
        let written = header.columnsAsWritten(in: data)
        try await options.database.withRegistry(terminal: terminal, migrations: options.migrations) { registry in
            let tenant = try await options.tenant.resolve(in: registry)
            try await run(options, list: list, ignored: header.ignoredNames(in: data), on: terminal) {
                do {
                    return try await Store.importRows(
                        rows, issues: issues.adding(source.problems), on: registry, tenant: tenant, actor: commandLineActor, dryRun: options.dryRun)
                } catch let rejected as ImportRejected {
                    // The store names columns by their field (`unit_external_id`); the person
                    // reading the report wrote them as the file's header (`报到单位编号`).
                    // A workbook's problems are named by their cells too (需求!C17).
                    throw source.placed(rejected.inFileWords(written))
                }
            }
        }
    }
}
