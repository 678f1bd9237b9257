import Foundation
import Registry
import SpreadsheetCSV

extension QuarterlyReport {
    /// The formats of a report, as files and `--format` name them.
    public static let formats = ["json", "html", "md", "csv"]

    /// The media type of a report's document in `format`.
    public static func mediaType(of format: String) -> String {
        switch format {
        case "html": "text/html; charset=utf-8"
        case "md": "text/markdown; charset=utf-8"
        case "csv": "text/csv; charset=utf-8"
        default: "application/json; charset=utf-8"
        }
    }

    /// Every format a closed report stores, by name (``formats``).
    public func documents() throws -> [String: String] {
        ["json": try json(), "html": html(), "md": markdown(), "csv": csv()]
    }

    /// The heading line: `岚皋县 2026年第三季度 三张清单汇报 — Langao … Q3 2026 report`.
    var heading: String {
        "\(district.name)（\(district.divisionCode)）\(quarter.chineseName)三张清单汇报 — quarterly report, \(quarter.englishName)"
    }

    /// What a closed version says of itself, or that the figures are not closed.
    var status: String {
        guard let closing else {
            return "未封存：数字按当前清单计算，封存前仍可能变化。 Not closed: counted from the lists as they are now; they may still change."
        }
        var text = "第 \(closing.version) 版，\(closing.closedOn) 封存 Version \(closing.version), closed \(closing.closedOn)"
        if let replaced = closing.replacesVersion, let reason = closing.correctionReason {
            text += "；更正第 \(replaced) 版 correcting version \(replaced): \(reason)"
        }
        return text
    }

    /// The previous quarter's source, as the report prints it.
    var previousSource: String {
        previousVersion.map { "上季度数字取自已封存的第 \($0) 版 previous quarter from its closed version \($0)" }
            ?? "上季度数字按同一口径现算 previous quarter counted now by the same rules"
    }

    /// The report as Markdown.
    public func markdown() -> String {
        var out = "# \(heading)\n\n\(status)\n\n\(previousSource)\n"
        for table in tables {
            out += "\n## \(table.title)\n\n"
            let cell = { (text: String) in text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
            out += "| " + table.columns.map(cell).joined(separator: " | ") + " |\n"
            out += "|" + String(repeating: " --- |", count: table.columns.count) + "\n"
            for row in table.rows { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
            if table.rows.isEmpty { out += "| " + (["—"] + Array(repeating: "", count: table.columns.count - 1)).joined(separator: " | ") + " |\n" }
        }
        return out
    }

    /// Every table as CSV, one after another: a line naming the table, its header, its rows,
    /// and a blank line. Written by the import files' own writer (UTF-8 with a byte-order
    /// mark, so that spreadsheet programs read the Chinese; cells that a spreadsheet would
    /// take for a formula written as text).
    public func csv() -> String {
        var writer = CSVWriter()
        writer.writeRow(["report", heading])
        writer.writeRow(["status", status])
        writer.writeRow([String]())
        for table in tables {
            writer.writeRow(["table", table.id, table.title])
            writer.writeRow(table.columns)
            for row in table.rows { writer.writeRow(row) }
            writer.writeRow([String]())
        }
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
