import ImportIssues
import SpreadsheetCSV

/// What must hold for any bytes at all given to the CSV reader: it never crashes or hangs,
/// every value parser answers with a value or an issue, and what it read, written again by
/// ``CSVWriter``, reads back the same (so an export of an import is the import).
enum CSVReaderProperty {
    static func check(_ bytes: [UInt8]) {
        var issues = IssueList()
        guard let table = try? CSVReader().read(bytes, issues: &issues) else { return }
        var rows: [[String]] = [table.header]
        for record in table.records {
            rows.append(Array(record))
            for column in record.indices {
                let field = record.field(at: column)
                _ = try? field.date()
                _ = try? field.integer()
                _ = try? field.fen()
                _ = try? field.boolean()
            }
        }
        // A row of empty fields is written as a blank line, which a reader skips (documented
        // in CSVWriter): a header like that has no round trip to check.
        guard !table.header.allSatisfy(\.isEmpty) else { return }
        var writer = CSVWriter()
        for row in rows { writer.writeRow(row) }
        var again = IssueList()
        guard let reread = try? CSVReader().read(writer.bytes, issues: &again) else {
            fatalError("the reader refused what the writer wrote from \(rows)")
        }
        let rereadRows = [reread.header] + reread.records.map { Array($0) }
        // Blank rows are skipped and header names trimmed by design; everything else is kept.
        let kept = rows.enumerated().filter { $0.offset == 0 || !$0.element.allSatisfy(\.isEmpty) }.map(\.element)
        if rereadRows.count != kept.count { fatalError("round trip lost rows: \(kept) became \(rereadRows)") }
        for (before, after) in zip(kept.dropFirst(), rereadRows.dropFirst()) where before != after {
            fatalError("round trip changed a row: \(before) became \(after)")
        }
    }
}

#if FUZZING
/// libFuzzer's entry point (`scripts/fuzz csv`, which links libFuzzer's own `main`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    CSVReaderProperty.check(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
#else
import Foundation

/// Without libFuzzer (an ordinary build): replays files, the seed corpus or a crash found,
/// through the same check.
@main enum ReplayCSVReaderInputs {
    static func main() throws {
        for path in CommandLine.arguments.dropFirst() {
            let url = URL(filePath: path)
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            let files = isFolder.boolValue ? try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil) : [url]
            for file in files { CSVReaderProperty.check(Array(try Data(contentsOf: file))) }
            print("\(files.count) input(s) from \(path): no failure")
        }
    }
}
#endif
