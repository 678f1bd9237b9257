import Foundation

/// Output for people and machines: progress goes to stderr only when it is a terminal, results
/// go to stdout, as readable tables or (with `--json`) as the API's JSON.
public struct Terminal: Sendable {
    public let showsProgress: Bool
    /// Whether a line may be rewritten in place (not on a `TERM=dumb` terminal).
    public let rewritesLines: Bool

    /// How many cells a line may take: `COLUMNS` when set, else the terminal's width; nil
    /// when stdout is piped (a script gets every character of every cell).
    public let width: Int?
    /// The zone instants are shown in (``moment(_:)``): UTC until a district's is known.
    public var timeZone = "UTC"

    public init() {
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
    public func progress(_ line: String, updating: Bool = false) {
        guard showsProgress else { return }
        let text = rewritesLines ? Self.clearLine + line + (updating ? "" : "\n") : line + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// A warning or error line, always shown (over a counter left on the line, if any).
    public func warn(_ line: String) {
        FileHandle.standardError.write(Data(((rewritesLines ? Self.clearLine : "") + line + "\n").utf8))
    }

    /// Back to the start of the line, and erase it.
    private static let clearLine = "\r\u{1B}[K"

    public func print(_ line: String) {
        Swift.print(line)
    }

    /// Prints rows under headers with columns padded to their display width (CJK counts double).
    ///
    /// On a terminal the table fits its width: the widest columns give way first (never below
    /// 8 cells), and a cell too long for its column wraps onto the row's next lines, by
    /// display width, up to ``wrappedLines`` of them, the last ending in "…" when the text goes
    /// on further. Piped, nothing is cut or wrapped.
    ///
    /// `optional`: columns that may be left out, the last given first, while even the
    /// narrowest columns would not fit (a list of ten columns on an 80-cell terminal).
    ///
    /// `only`: the columns a person chose (`--columns`, ``ColumnChoice``), in their order;
    /// none of them is left out.
    public func table(headers: [String], rows: [[String]], optional: [Int] = [], only: [Int]? = nil) {
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
        func lines(_ cells: [String]) -> [String] {
            let pieces = zip(cells, widths).map { cell, width in Self.wrapped(cell, to: width, lines: Self.wrappedLines) }
            return (0..<(pieces.map(\.count).max() ?? 1)).map { index in
                zip(pieces, widths).map { cell, width in
                    let shown = index < cell.count ? cell[index] : ""
                    return shown + String(repeating: " ", count: max(0, width - Self.displayWidth(shown)))
                }.joined(separator: "  ").replacing(/\ +$/, with: "")
            }
        }
        lines(headers).forEach(print)
        print(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
        rows.forEach { lines($0).forEach(print) }
    }

    /// How many lines a cell may take on a terminal before it is cut.
    public static let wrappedLines = 3

    /// Writes a value as the API writes it (``CommandLineJSON``), indented, keys sorted.
    public func json(_ value: some Encodable) throws {
        print(try CommandLineJSON.document(value))
    }

    /// Column widths narrowed, widest first, until the row (with two-cell gaps) fits `total`.
    public static func fit(_ widths: [Int], into total: Int, narrowest: Int = 8) -> [Int] {
        var widths = widths
        while widths.reduce(0, +) + 2 * max(widths.count - 1, 0) > total,
              let widest = widths.indices.filter({ widths[$0] > narrowest }).max(by: { widths[$0] < widths[$1] }) {
            widths[widest] -= 1
        }
        return widths
    }

    /// `text` in lines of at most `width` display cells, at most `limit` of them; the last
    /// ends in "…" when the text goes on. A line breaks after a space or before a Chinese
    /// character where it can (so `已提交 submitted` keeps its English word whole), inside a
    /// word only when the word alone is wider than the column. Text that fits is one line.
    public static func wrapped(_ text: String, to width: Int, lines limit: Int) -> [String] {
        guard displayWidth(text) > width else { return [text] }
        var lines: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            if lines.count == limit - 1 || displayWidth(String(rest)) <= width {
                lines.append(truncated(String(rest), to: width))
                break
            }
            // The longest head of `rest` that fits, and the last place in it a line may break.
            var used = 0, end = rest.startIndex, lastBreak: Substring.Index?
            for index in rest.indices {
                let character = rest[index]
                let cells = displayWidth(String(character))
                if used + cells > width { break }
                if index > rest.startIndex, character == " " || cells == 2 { lastBreak = index }
                used += cells
                end = rest.index(after: index)
            }
            // At `end` when the break falls at a space or beside a Chinese character; else at
            // the last such place, so that a Latin word moves whole to the next line.
            let wide = { (index: Substring.Index) in displayWidth(String(rest[index])) == 2 }
            let clean = end == rest.endIndex || rest[end] == " " || wide(end) || (end > rest.startIndex && wide(rest.index(before: end)))
            let cut = clean ? end : (lastBreak ?? end)
            lines.append(String(rest[..<cut]).trimmingCharacters(in: .whitespaces))
            rest = rest[cut...].drop { $0 == " " }
        }
        return lines
    }

    /// `text` cut to `width` display cells, ending in "…" when cut.
    public static func truncated(_ text: String, to width: Int) -> String {
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

    public static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            // East Asian wide characters (CJK ideographs, fullwidth forms) take two cells.
            let wide = (0x1100...0x115F).contains(scalar.value) || (0x2E80...0xA4CF).contains(scalar.value)
                || (0xAC00...0xD7A3).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
                || (0xFF00...0xFF60).contains(scalar.value) || (0xFFE0...0xFFE6).contains(scalar.value)
            return width + (wide ? 2 : 1)
        }
    }
}
