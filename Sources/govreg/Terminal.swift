import Foundation

/// Output for people and machines: progress goes to stderr only when it is a terminal, results
/// go to stdout, as readable tables or (with `--json`) as the API's JSON.
struct Terminal: Sendable {
    let showsProgress: Bool
    /// Whether a line may be rewritten in place (not on a `TERM=dumb` terminal).
    let rewritesLines: Bool

    /// How many cells a line may take: `COLUMNS` when set, else the terminal's width; nil
    /// when stdout is piped (a script gets every character of every cell).
    let width: Int?
    /// The zone instants are shown in (``moment(_:)``): UTC until a district's is known.
    var timeZone = "UTC"

    init() {
        showsProgress = isatty(STDERR_FILENO) == 1
        rewritesLines = showsProgress && ProcessInfo.processInfo.environment["TERM"] != "dumb"
        width = Self.outputWidth()
    }

    private static func outputWidth() -> Int? {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns >= 20 { return columns }
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        return ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col >= 20 ? Int(size.ws_col) : 80
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
    ///
    /// On a terminal the table fits its width: the widest columns give way first (never below
    /// 8 cells), and a cell too long for its column ends in "…". Piped, nothing is cut.
    ///
    /// `optional`: columns that may be left out, the last given first, while even the
    /// narrowest columns would not fit (a list of ten columns on an 80-cell terminal).
    ///
    /// `only`: the columns a person chose (`--columns`, ``ColumnChoice``), in their order;
    /// none of them is left out.
    func table(headers: [String], rows: [[String]], optional: [Int] = [], only: [Int]? = nil) {
        if let only {
            return table(headers: only.map { headers[$0] }, rows: rows.map { row in only.map { row[$0] } })
        }
        var kept = Array(headers.indices)
        var widths = headers.indices.map { column in
            ([headers[column]] + rows.map { $0[column] }).map(Self.displayWidth).max() ?? 0
        }
        if let width {
            var droppable = optional
            while kept.count * 8 + 2 * (kept.count - 1) > width, let column = droppable.popLast(), let at = kept.firstIndex(of: column) {
                kept.remove(at: at)
                widths.remove(at: at)
            }
            widths = Self.fit(widths, into: width)
        }
        let headers = kept.map { headers[$0] }
        let rows = rows.map { row in kept.map { row[$0] } }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { cell, width in
                let shown = Self.truncated(cell, to: width)
                return shown + String(repeating: " ", count: max(0, width - Self.displayWidth(shown)))
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

    /// Column widths narrowed, widest first, until the row (with two-cell gaps) fits `total`.
    static func fit(_ widths: [Int], into total: Int, narrowest: Int = 8) -> [Int] {
        var widths = widths
        while widths.reduce(0, +) + 2 * max(widths.count - 1, 0) > total,
              let widest = widths.indices.filter({ widths[$0] > narrowest }).max(by: { widths[$0] < widths[$1] }) {
            widths[widest] -= 1
        }
        return widths
    }

    /// `text` cut to `width` display cells, ending in "…" when cut.
    static func truncated(_ text: String, to width: Int) -> String {
        guard displayWidth(text) > width else { return text }
        var shown = "", used = 0
        for character in text {
            let cells = displayWidth(String(character))
            if used + cells > width - 1 { break }
            shown.append(character)
            used += cells
        }
        return shown + "…"
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
