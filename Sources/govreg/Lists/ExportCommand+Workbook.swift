import ArgumentParser
import Foundation
import GovregCommandLine
import RegistryImport

extension ExportCommand {
    /// Writes a whole list's CSV as a workbook (`--format xlsx`): its rows read back from the
    /// CSV, so the workbook holds exactly the CSV's values, each typed by its column.
    ///
    /// - Parameters:
    ///   - options: The command's flags.
    ///   - csv: The export's CSV, header included.
    ///   - columns: The same columns' English names, which say their kinds.
    ///   - list: What the rows are, for the sheet's name and the closing line.
    ///   - terminal: Where the closing line goes.
    static func writeWorkbook(_ options: ExportOptions, csv: Data, columns: [String], list: String, on terminal: Terminal) throws {
        let header = try ExportWorkbook.columns(ofCSV: csv)
        let workbook = try ExportWorkbook(sheetName: sheetName(list), header: header, columns: columns)
        try workbook.append(csv: csv)
        try finishWorkbook(options, workbook, list: list, on: terminal)
    }

    /// Zips the workbook to --out, or to a temporary file copied to stdout (which
    /// ``ExportOptions/validate()`` has made sure is not a terminal); nothing is written at
    /// --out unless the whole workbook was.
    static func finishWorkbook(_ options: ExportOptions, _ workbook: ExportWorkbook, list: String, on terminal: Terminal) throws {
        if let out = options.out {
            // Zipped beside it first, then renamed over it: a failed export leaves whatever
            // file was there before untouched, and never half a workbook.
            let target = URL(filePath: out)
            let partial = target.deletingLastPathComponent().appending(path: ".\(target.lastPathComponent).\(UUID().uuidString.prefix(8)).partial")
            do {
                try workbook.finish(to: partial)
                guard rename(partial.path, target.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
            } catch {
                try? FileManager.default.removeItem(at: partial)
                terminal.warn("无法写入 cannot write \(out): \(error.localizedDescription)")
                throw ExitCode(1)
            }
            terminal.print("已导出 exported \(workbook.count) \(list) to \(out)")
            return
        }
        let temporary = FileManager.default.temporaryDirectory.appending(path: "govreg-export-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: temporary) }
        try workbook.finish(to: temporary)
        let file = try FileHandle(forReadingFrom: temporary)
        defer { try? file.close() }
        while let chunk = try file.read(upToCount: 1 << 16), !chunk.isEmpty {
            try FileHandle.standardOutput.write(contentsOf: chunk)
        }
        terminal.progress("已导出 exported \(workbook.count) \(list)")
    }

    /// The sheet's name: what the rows are, as the closing line says it (`单位 unit(s)` →
    /// `单位 units`), within Excel's 31 characters.
    static func sheetName(_ list: String) -> String {
        String(list.replacingOccurrences(of: "(s)", with: "s").prefix(31))
    }
}
