import Registry

/// The report's charts as inline SVG, drawn by govreg (no script, no font or file fetched):
/// horizontal bars by community, the trend of the last quarters, and the share of each
/// settlement level. Each is plain markup whose text is escaped here.
public enum ReportChart {
    static let palette = ["#2b6cb0", "#38a169", "#d69e2e", "#c53030", "#718096"]

    /// Received and resolved demands for each labelled area, one pair of bars per row.
    public static func bars(title: String, rows: [(label: String, received: Int, resolved: Int)]) -> String {
        let rowHeight = 22, labelWidth = 150, barWidth = 420
        let height = 40 + rows.count * rowHeight
        let maximum = max(1, rows.map(\.received).max() ?? 1)
        var svg = open(width: labelWidth + barWidth + 70, height: height, title: title)
        svg += legend(["受理 received", "解决 resolved"], y: 14)
        for (i, row) in rows.enumerated() {
            let y = 30 + i * rowHeight
            let a = row.received * barWidth / maximum, b = row.resolved * barWidth / maximum
            svg += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 13)\" text-anchor=\"end\">\(escape(row.label))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 2)\" width=\"\(a)\" height=\"8\" fill=\"\(palette[0])\"/>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 10)\" width=\"\(b)\" height=\"8\" fill=\"\(palette[1])\"/>"
            svg += "<text x=\"\(labelWidth + max(a, b) + 4)\" y=\"\(y + 15)\">\(row.received) / \(row.resolved)</text>"
        }
        return svg + "</svg>"
    }

    /// Received, closed and resolved demands per quarter, as grouped columns.
    static func trend(title: String, points: [QuarterlyReport.TrendPoint]) -> String {
        let groupWidth = 130, plotHeight = 160, top = 30
        let maximum = max(1, points.map(\.received).max() ?? 1)
        var svg = open(width: 60 + points.count * groupWidth, height: top + plotHeight + 40, title: title)
        svg += legend(["受理 received", "办结 closed", "解决 resolved"], y: 14)
        for (i, p) in points.enumerated() {
            let x = 50 + i * groupWidth
            for (j, value) in [p.received, p.closed, p.resolved].enumerated() {
                let h = value * plotHeight / maximum
                svg += "<rect x=\"\(x + j * 30)\" y=\"\(top + plotHeight - h)\" width=\"26\" height=\"\(h)\" fill=\"\(palette[j])\"/>"
                svg += "<text x=\"\(x + j * 30 + 13)\" y=\"\(top + plotHeight - h - 3)\" text-anchor=\"middle\">\(value)</text>"
            }
            svg += "<text x=\"\(x + 43)\" y=\"\(top + plotHeight + 18)\" text-anchor=\"middle\">\(escape(p.quarter.description))</text>"
        }
        svg += "<line x1=\"40\" y1=\"\(top + plotHeight)\" x2=\"\(50 + points.count * groupWidth)\" y2=\"\(top + plotHeight)\" stroke=\"#333\"/>"
        return svg + "</svg>"
    }

    /// One bar split by settlement level, each part as wide as its share.
    public static func shares(title: String, parts: [(label: String, count: Int)]) -> String {
        let width = 600, total = parts.reduce(0) { $0 + $1.count }
        var svg = open(width: width + 20, height: 110, title: title)
        var x = 10
        for (i, part) in parts.enumerated() where part.count > 0 {
            let w = total == 0 ? 0 : part.count * width / total
            svg += "<rect x=\"\(x)\" y=\"10\" width=\"\(w)\" height=\"26\" fill=\"\(palette[i % palette.count])\"/>"
            x += w
        }
        if total == 0 {
            svg += "<rect x=\"10\" y=\"10\" width=\"\(width)\" height=\"26\" fill=\"#e2e8f0\"/>"
            svg += "<text x=\"\(10 + width / 2)\" y=\"28\" text-anchor=\"middle\">无已解决需求 nothing resolved</text>"
        }
        var lx = 10, ly = 50
        for (i, part) in parts.enumerated() {
            let label = "\(part.label) \(part.count) (\(Rate(part.count, of: total).percent))"
            if lx + 14 + textWidth(label) > width + 10 {
                lx = 10
                ly += 18
            }
            svg += "<rect x=\"\(lx)\" y=\"\(ly)\" width=\"10\" height=\"10\" fill=\"\(palette[i % palette.count])\"/>"
            svg += "<text x=\"\(lx + 14)\" y=\"\(ly + 9)\">\(escape(label))</text>"
            lx += 14 + textWidth(label) + 14
        }
        return svg + "</svg>"
    }

    private static func open(width: Int, height: Int, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" "
            + "font-size=\"11\" font-family=\"sans-serif\"><title>\(escape(title))</title>"
    }

    private static func legend(_ labels: [String], y: Int) -> String {
        var svg = "", x = 10
        for (i, label) in labels.enumerated() {
            svg += "<rect x=\"\(x)\" y=\"\(y - 9)\" width=\"10\" height=\"10\" fill=\"\(palette[i])\"/><text x=\"\(x + 14)\" y=\"\(y)\">\(escape(label))</text>"
            x += 24 + textWidth(label)
        }
        return svg
    }

    /// About how wide `text` is at the charts' 11-pixel size: CJK characters are square,
    /// Latin letters and digits about half as wide.
    static func textWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 11 : 6) }
    }

    /// Text for an HTML or SVG body or attribute.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
