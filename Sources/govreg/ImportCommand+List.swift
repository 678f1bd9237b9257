import ArgumentParser
import Foundation
import RegistryStore
import SpreadsheetCSV

extension ImportReport {
    /// Imports a whole list: reads the file (before connecting, so that an unreadable file
    /// fails fast), then loads its rows into the tenant, all or nothing, and reports with
    /// ``run(_:list:on:_:)``.
    ///
    /// ```swift
    /// try await ImportReport.importList(options, into: UnitStore.self, read: { UnitFile.read($0) }, list: "单位 units")
    /// ```
    ///
    /// - Parameters:
    ///   - options: The command's flags and file.
    ///   - store: The list's store.
    ///   - read: Parses the file into rows and the problems found on the way.
    ///   - list: What the rows are, for the counts (`单位 units`).
    /// - Throws: A connection, tenant or read error; `ExitCode(1)` when the import is refused.
    static func importList<Store: ListStore>(
        _ options: ImportOptions, into store: Store.Type,
        read: (Data) -> (rows: [Store.Row], issues: IssueList), list: String
    ) async throws {
        let terminal = Terminal()
        let (rows, issues) = read(try options.contents())
        try await options.database.withRegistry(terminal: terminal, migrations: options.migrations) { registry in
            let tenant = try await options.tenant.resolve(in: registry)
            try await run(options, list: list, on: terminal) {
                try await Store(database: registry).importRows(rows, issues: issues, tenant: tenant, actor: commandLineActor, dryRun: options.dryRun)
            }
        }
    }
}
