import Foundation

/// Output for people and machines: progress goes to stderr only when it is a terminal, results
/// go to stdout, as readable tables or (with `--json`) as the API's JSON.
struct Terminal: Sendable {
    let showsProgress: Bool
    /// Whether a line may be rewritten in place (not on a `TERM=dumb` terminal).
    let rewritesLines: Bool

    init() {
        showsProgress = isatty(STDERR_FILENO) == 1
        rewritesLines = showsProgress && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// A progress line; silent when stderr is piped or redirected. A counter (`updating`)
    /// rewrites the line in place instead of adding one per step; the next line replaces it.
    func progress(_ line: String, updating: Bool = false) {
        guard showsProgress else { return }
        let text = rewritesLines ? Self.clearLine + line + (updating ? "" : "\n") : line + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// A warning or error line, always shown (over a counter left on the line, if any).
    func warn(_ line: String) {
        FileHandle.standardError.write(Data(((rewritesLines ? Self.clearLine : "") + line + "\n").utf8))
    }

    /// Back to the start of the line, and erase it.
    private static let clearLine = "\r\u{1B}[K"

    func print(_ line: String) {
        Swift.print(line)
    }

    /// Prints rows under headers with columns padded to their display width (CJK counts double).
    func table(headers: [String], rows: [[String]]) {
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { $0[column] }).map(Self.displayWidth).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { cell, width in
                cell + String(repeating: " ", count: max(0, width - Self.displayWidth(cell)))
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        print(line(headers))
        print(line(widths.map { String(repeating: "─", count: $0) }))
        rows.forEach { print(line($0)) }
    }

    /// Writes a value as the API writes it (``CommandLineJSON``), indented, keys sorted.
    func json(_ value: some Encodable) throws {
        print(try CommandLineJSON.document(value))
    }

    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            // East Asian wide characters (CJK ideographs, fullwidth forms) take two cells.
            let wide = (0x1100...0x115F).contains(scalar.value) || (0x2E80...0xA4CF).contains(scalar.value)
                || (0xAC00...0xD7A3).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
                || (0xFF00...0xFF60).contains(scalar.value) || (0xFFE0...0xFFE6).contains(scalar.value)
            return width + (wide ? 2 : 1)
        }
    }
}
