import Mustache
import Registry

extension QuarterlyReport {
    /// The report as one self-contained HTML page: inline style and SVG charts, no script,
    /// font or file from elsewhere, laid out to print on A4.
    public func html() -> String {
        let communities = current.areas.filter { $0.area.level == "community" }
        let settled = current.district.demands.settledByLevel.map { (label: levelName($0.level), count: $0.count) }
        let charts: [[String: String]] = [
            ["title": "各社区受理与解决 Received and resolved by community",
             "svg": ReportChart.bars(title: "各社区受理与解决 Received and resolved by community",
                                     rows: communities.map { ($0.area.name, $0.demands.received, $0.demands.resolved) })],
            ["title": "近四个季度 The last four quarters",
             "svg": ReportChart.trend(title: "近四个季度 The last four quarters", points: trend)],
            ["title": "办结层级 Where matters were settled",
             "svg": ReportChart.shares(title: "办结层级 Where matters were settled", parts: settled)],
        ]
        let context: [String: Any] = [
            "heading": heading, "status": status, "previousSource": previousSource, "quarter": quarter.description,
            "charts": charts,
            "tables": tables.map { table -> [String: Any] in
                ["id": table.id, "title": table.title, "columns": table.columns,
                 "rows": table.rows.map { ["cells": $0] }, "empty": table.rows.isEmpty, "span": table.columns.count]
            },
        ]
        return Self.template.render(context)
    }

    // Parsed once; a template that does not parse is a programming error caught by any test.
    private static let template: MustacheTemplate = {
        do { return try MustacheTemplate(string: ReportPage.source) } catch { fatalError("report template: \(error)") }
    }()
}

/// The page's markup. Every `{{…}}` is escaped by Mustache; the charts, which govreg
/// draws and escapes itself, are the only `{{{…}}}`.
enum ReportPage {
    static let source = """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{heading}}</title>
        <style>
        body { font-family: "Noto Sans CJK SC", "Noto Sans SC", sans-serif; margin: 1.5em auto; max-width: 60em; padding: 0 1em; color: #1a202c; line-height: 1.45; }
        h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 1.6em; border-bottom: 1px solid #cbd5e0; }
        p.status { background: #edf2f7; padding: .5em .8em; }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; font-size: .85em; margin: .5em 0; }
        th, td { border: 1px solid #cbd5e0; padding: .25em .5em; text-align: left; vertical-align: top; }
        th { background: #f7fafc; }
        td:not(:first-child) { font-variant-numeric: tabular-nums; }
        figure { margin: 1em 0; } figure svg { max-width: 100%; height: auto; }
        figcaption { font-size: .9em; color: #4a5568; }
        @page { size: A4; margin: 15mm; }
        @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } table, figure { break-inside: avoid; } .scroll { overflow: visible; } }
        </style>
        </head>
        <body>
        <h1>{{heading}}</h1>
        <p class="status">{{status}}</p>
        <p>{{previousSource}}</p>
        {{#charts}}
        <figure>
        {{{svg}}}
        <figcaption>{{title}}</figcaption>
        </figure>
        {{/charts}}
        {{#tables}}
        <section id="{{id}}">
        <h2>{{title}}</h2>
        <div class="scroll">
        <table>
        <thead><tr>{{#columns}}<th scope="col">{{.}}</th>{{/columns}}</tr></thead>
        <tbody>
        {{#rows}}<tr>{{#cells}}<td>{{.}}</td>{{/cells}}</tr>
        {{/rows}}{{#empty}}<tr><td colspan="{{span}}">—</td></tr>
        {{/empty}}</tbody>
        </table>
        </div>
        </section>
        {{/tables}}
        </body>
        </html>

        """
}
