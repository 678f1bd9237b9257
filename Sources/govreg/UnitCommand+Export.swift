import ArgumentParser
import Foundation
import RegistryImport
import RegistryStore
import SpreadsheetCSV

extension ExportCommand {
    /// `govreg export units --tenant T [--format csv|json] [--public] [--header en|zh] [--out FILE]`.
    struct Units: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导出双报到单位 Export registered units (--public: no contact person or phone).")
        @OptionGroup var options: ExportOptions

        func run() async throws {
            let terminal = Terminal()
            let registry = try await options.database.registry(terminal: terminal, migrations: options.migrations)
            defer { Task { await registry.close() } }
            let tenant = try await options.tenant.resolve(in: registry)
            let store = UnitStore(database: registry)
            let chinese = options.header == .zh
            if options.public {
                let rows = try await store.disclosures(tenant: tenant, actor: commandLineActor)
                try ExportCommand.writeList(options, csv: UnitFile.publicCSV(rows, chinese: chinese), json: rows, count: rows.count, list: "单位 unit(s)", on: terminal)
            } else {
                let rows = try await store.exportRows(tenant: tenant, actor: commandLineActor)
                let csv = UnitFile.csv(rows, chinese: chinese)
                try ExportCommand.writeList(options, csv: csv, json: try ExportCommand.listObjects(csv), count: rows.count, list: "单位 unit(s)", on: terminal)
            }
        }
    }

    /// `govreg export members …`: personal data in full for the district's own use; with
    /// `--public`, only how many members each unit registered at each community.
    struct Members: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导出双报到成员 Export members (personal data in full; --public: counts per unit and community only).")
        @OptionGroup var options: ExportOptions

        func run() async throws {
            let terminal = Terminal()
            let registry = try await options.database.registry(terminal: terminal, migrations: options.migrations)
            defer { Task { await registry.close() } }
            let tenant = try await options.tenant.resolve(in: registry)
            let store = MemberStore(database: registry)
            let chinese = options.header == .zh
            if options.public {
                let rows = try await store.disclosures(tenant: tenant, actor: commandLineActor)
                try ExportCommand.writeList(options, csv: MemberFile.publicCSV(rows, chinese: chinese), json: rows, count: rows.count, list: "成员统计 member count(s)", on: terminal)
            } else {
                let rows = try await store.exportRows(tenant: tenant, actor: commandLineActor)
                let csv = MemberFile.csv(rows, chinese: chinese)
                try ExportCommand.writeList(options, csv: csv, json: try ExportCommand.listObjects(csv), count: rows.count, list: "成员 member(s)", on: terminal)
            }
        }
    }

    /// Writes a list export: the CSV, or the JSON array, to --out or stdout.
    static func writeList(_ options: ExportOptions, csv: Data, json: [some Encodable], count: Int, list: String, on terminal: Terminal) throws {
        let output = try options.output()
        switch options.format {
        case .csv:
            try output.write(csv)
        case .json:
            var array = try JSONArrayOutput(output)
            try array.append(json)
            try array.finish()
        }
        try output.close()
        if let path = output.path {
            terminal.print("已导出 exported \(count) \(list) to \(path)")
        } else {
            terminal.progress("已导出 exported \(count) \(list)")
        }
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
