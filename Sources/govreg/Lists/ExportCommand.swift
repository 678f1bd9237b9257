import ArgumentParser
import Foundation
import GovregCommandLine

/// `govreg export LIST --tenant T`: writes one of the lists as CSV, an Excel workbook or
/// JSON. Each list is a subcommand in its own file (`ExportCommand+Demands.swift` …); adding
/// a list is adding one there and naming it in `subcommands`.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "导出清单 Export a list as CSV (the import's columns, UTF-8 with BOM), an Excel workbook (xlsx) or JSON.",
        discussion: """
            The CSV has the columns `govreg import` reads, so an export imports back into an empty district \
            unchanged, and so does the workbook of --format xlsx (typed cells: dates, money with two decimals, \
            counts; a frozen header row). --public writes the disclosed projection (公示): public items only, \
            no personal data.
            """,
        subcommands: [Org.self, Units.self, Members.self, Demands.self, Resources.self, Projects.self, Milestones.self, Progress.self]
    )
}

/// What every `govreg export LIST` takes.
struct ExportOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, xlsx, json
    }

    enum HeaderLanguage: String, ExpressibleByArgument, CaseIterable {
        case en, zh
    }

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var migrations: MigrationOptions
    @OptionGroup var tenant: TenantOption
    @Option(help: "csv, xlsx (an Excel workbook: needs --out, or stdout not a terminal) or json.") var format: Format = .csv
    @Flag(help: "Only the disclosed projection (公示): public items, public status, no personal data.") var `public` = false
    @Option(help: "Header language of the CSV or workbook: en or zh (zh also writes vocabulary values in Chinese).") var header: HeaderLanguage = .en
    @Option(help: "Write to this file instead of stdout.") var out: String?

    func validate() throws {
        // A workbook is binary: on a terminal it would only garble the screen.
        if format == .xlsx, out == nil, isatty(STDOUT_FILENO) != 0 {
            throw ValidationError("--format xlsx 写出二进制工作簿 writes a binary workbook: give --out FILE.xlsx, or redirect stdout to a file")
        }
        // Checked before the list is read, so a long export does not fail at its very end.
        var isFolder: ObjCBool = false
        if format == .xlsx, let out, !FileManager.default.fileExists(atPath: URL(filePath: out).deletingLastPathComponent().path, isDirectory: &isFolder) || !isFolder.boolValue {
            throw ValidationError("无法写入 cannot write \(out): no such folder 没有这个文件夹")
        }
    }

    /// Where the export goes: the file given with --out (replaced), else stdout.
    func output() throws -> ExportOutput {
        guard let out else { return ExportOutput(handle: .standardOutput, path: nil) }
        guard FileManager.default.createFile(atPath: out, contents: nil) else {
            throw ValidationError("无法写入 cannot write \(out)")
        }
        return ExportOutput(handle: try FileHandle(forWritingTo: URL(filePath: out)), path: out)
    }
}

/// The destination of an export, written a page at a time.
struct ExportOutput {
    let handle: FileHandle
    /// The file, or nil for stdout.
    let path: String?

    func write(_ data: Data) throws {
        try handle.write(contentsOf: data)
    }

    func close() throws {
        if path != nil { try handle.close() }
    }

    /// Closes the output and says how many rows of `list` went where: on stdout when they
    /// went to a file, else as progress on stderr, apart from the export on stdout.
    func finish(count: Int, list: String, on terminal: Terminal) throws {
        try close()
        if let path {
            terminal.print("已导出 exported \(count) \(list) to \(path)")
        } else {
            terminal.progress("已导出 exported \(count) \(list)")
        }
    }
}

/// A JSON array written one element per line as the pages come, so that a large export is
/// never one document in memory; each element as the API writes it (``CommandLineJSON``).
struct JSONArrayOutput {
    let output: ExportOutput
    private var count = 0

    init(_ output: ExportOutput) throws {
        self.output = output
        try output.write(Data("[".utf8))
    }

    mutating func append(_ items: [some Encodable]) throws {
        var data = Data()
        for item in items {
            data.append(contentsOf: (count == 0 ? "\n" : ",\n").utf8)
            data.append(try CommandLineJSON.line(item))
            count += 1
        }
        try output.write(data)
    }

    func finish() throws {
        try output.write(Data("\n]\n".utf8))
    }
}
