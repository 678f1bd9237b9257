import ArgumentParser
import Foundation
import GovregCommandLine
import ImportIssues
import RegistryImport
import RegistryStore
import SpreadsheetCSV

extension ExportCommand {
    /// Exports a whole list: its rows (or with `--public` its disclosed projection) read in
    /// one go from the tenant, encoded as CSV, and written by ``writeList(_:csv:json:count:list:on:)``.
    ///
    /// The full list's JSON is its CSV's rows as objects, so both formats carry the same
    /// columns; the public list's JSON is the disclosure values themselves.
    ///
    /// ```swift
    /// try await ExportCommand.exportList(options, from: UnitStore.self, csv: UnitFile.csv, publicCSV: UnitFile.publicCSV, list: "单位 unit(s)")
    /// ```
    ///
    /// - Parameters:
    ///   - options: The command's flags.
    ///   - store: The list's store.
    ///   - csv: Encodes the full rows; `chinese` is `--header zh`.
    ///   - publicCSV: Encodes the disclosed rows.
    ///   - list: What the rows are, for the closing line (`单位 unit(s)`).
    ///   - publicList: What the disclosed rows are, if they are something else (member counts).
    /// - Throws: A connection, tenant or write error.
    static func exportList<Store: ListStore>(
        _ options: ExportOptions, from store: Store.Type,
        csv: (_ rows: [Store.Row], _ chinese: Bool) -> Data,
        publicCSV: (_ rows: [Store.Disclosure], _ chinese: Bool) -> Data,
        list: String, publicList: String? = nil
    ) async throws {
        let terminal = Terminal()
        try await options.database.withRegistry(terminal: terminal, migrations: options.migrations) { registry in
            let tenant = try await options.tenant.resolve(in: registry)
            let chinese = options.header == .zh
            if options.public {
                let rows = try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in try await Store.disclosures(in: tx) }
                let file = publicCSV(rows, chinese)
                if options.format == .xlsx {
                    // The English header (a CSV of no rows) says each column's kind.
                    let columns = try ExportWorkbook.columns(ofCSV: publicCSV([], false))
                    return try writeWorkbook(options, csv: file, columns: columns, list: publicList ?? list, on: terminal)
                }
                try writeList(options, csv: file, json: rows, count: rows.count, list: publicList ?? list, on: terminal)
            } else {
                let rows = try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in try await Store.exportRows(in: tx) }
                let file = csv(rows, chinese)
                if options.format == .xlsx {
                    let columns = try ExportWorkbook.columns(ofCSV: csv([], false))
                    return try writeWorkbook(options, csv: file, columns: columns, list: list, on: terminal)
                }
                try writeList(options, csv: file, json: try listObjects(file), count: rows.count, list: list, on: terminal)
            }
        }
    }

    /// Writes a list export: the CSV, or the JSON array, to --out or stdout.
    static func writeList(_ options: ExportOptions, csv: Data, json: [some Encodable], count: Int, list: String, on terminal: Terminal) throws {
        let output = try options.output()
        switch options.format {
        case .csv, .xlsx:
            try output.write(csv)
        case .json:
            var array = try JSONArrayOutput(output)
            try array.append(json)
            try array.finish()
        }
        try output.finish(count: count, list: list, on: terminal)
    }

    /// Writes a list that the store hands over a page at a time (demands): the CSV header
    /// and each page's lines, or each page's rows as JSON, so memory stays one page.
    ///
    /// - Parameters:
    ///   - options: The command's flags.
    ///   - header: The CSV's header line.
    ///   - csv: A page's CSV lines. Escaping only because Swift forbids handing one
    ///     non-escaping closure into another one that is also non-escaping.
    ///   - sheet: For `--format xlsx`: the header as written, the columns' English names,
    ///     and a page's values as the CSV writes them (before its formula guard).
    ///   - list: What the rows are, for the closing line.
    ///   - terminal: Where the closing line goes.
    ///   - pages: Reads the list, calling its argument with each page.
    static func writePages<Row: Encodable>(
        _ options: ExportOptions, header: Data, csv: @escaping ([Row]) -> Data,
        sheet: (header: [String], columns: [String], cells: ([Row]) -> [[String]]),
        list: String, on terminal: Terminal,
        pages: (_ body: ([Row]) async throws -> Void) async throws -> Void
    ) async throws {
        if options.format == .xlsx {
            let workbook = try ExportWorkbook(sheetName: sheetName(list), header: sheet.header, columns: sheet.columns)
            try await pages { page in try workbook.append(sheet.cells(page)) }
            return try finishWorkbook(options, workbook, list: list, on: terminal)
        }
        let output = try options.output()
        var written = 0
        switch options.format {
        case .csv, .xlsx:
            try output.write(header)
            try await pages { page in
                try output.write(csv(page))
                written += page.count
            }
        case .json:
            var array = try JSONArrayOutput(output)
            try await pages { page in
                try array.append(page)
                written += page.count
            }
            try array.finish()
        }
        try output.finish(count: written, list: list, on: terminal)
    }

    /// The rows of an export's CSV as JSON objects keyed by its header, blank cells left
    /// out: the JSON form of a list has exactly the CSV's columns and values.
    static func listObjects(_ csv: Data) throws -> [[String: String]] {
        var issues = IssueList()
        let table = try CSVReader().read(csv, issues: &issues)
        return table.records.map { record in
            var object: [String: String] = [:]
            for (column, name) in table.header.enumerated() where !record[column].isEmpty { object[name] = record[column] }
            return object
        }
    }
}
