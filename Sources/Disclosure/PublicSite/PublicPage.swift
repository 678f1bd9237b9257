import Mustache

/// A page of the public site before it is HTML: a title and sections of facts, tables and
/// links, laid out by one template, so every page looks and validates alike.
struct PublicPage {
    var text: PublicText
    var district: String
    var title: String
    /// The relative way from this page to the site's root in its language (`../../`).
    var root: String
    /// The same page in the other language.
    var switchHref: String
    var sections: [Section] = []
    /// A filter form (live pages of the lists only): the areas and categories to choose from.
    var filter: Filter?
    /// A printable notice (A4, no navigation).
    var isNotice = false

    struct Section {
        var heading: String
        var facts: [(String, String)] = []
        var columns: [String] = []
        var rows: [[Cell]] = []
        var links: [Cell] = []
        var note: String?
        /// Markup govreg drew and escaped itself (a chart or a QR code).
        var markup: String?
    }

    struct Cell {
        var text: String
        var href: String?
    }

    struct Filter {
        var action: String
        var areas: [(code: String, name: String, selected: Bool)]
        var categories: [(code: String, name: String, selected: Bool)]
    }

    func html() -> String {
        // Mustache takes a missing key for false; an optional would be put in as a value.
        var context: [String: Any] = [
            "lang": text.isEnglish ? "en" : "zh-CN", "title": title, "district": district, "root": root,
            "switchHref": switchHref, "switchLabel": text["language"], "home": text["home"], "notice": isNotice,
            "nav": isNotice ? [] : ["demands", "resources", "projects", "reports"].map { ["href": "\(root)\($0)/index.html", "label": text[$0]] },
            "footer": text["noPersonal"],
        ]
        if let f = filter {
            context["filter"] =
                ["action": f.action, "areaLabel": text["area"], "categoryLabel": text["category"], "all": text["all"], "submit": text["filter"],
                 "areas": f.areas.map { ["code": $0.code, "name": $0.name, "selected": $0.selected] },
                 "categories": f.categories.map { ["code": $0.code, "name": $0.name, "selected": $0.selected] }] as [String: Any]
        }
        context["sections"] = sections.map { s -> [String: Any] in
                var section: [String: Any] = [
                    "heading": s.heading,
                    "hasFacts": !s.facts.isEmpty, "facts": s.facts.map { ["name": $0.0, "value": $0.1] },
                    "hasTable": !s.columns.isEmpty, "columns": s.columns,
                    "rows": s.rows.map { ["cells": $0.map(cell)] }, "empty": !s.columns.isEmpty && s.rows.isEmpty, "none": text["none"],
                    "span": s.columns.count, "hasLinks": !s.links.isEmpty, "links": s.links.map(cell),
                ]
                if let note = s.note { section["note"] = note }
                if let markup = s.markup { section["markup"] = markup }
                return section
        }
        return Self.template.render(context)
    }

    private func cell(_ c: Cell) -> [String: Any] {
        var cell: [String: Any] = ["text": c.text]
        if let href = c.href { cell["href"] = href }
        return cell
    }

    private static let template: MustacheTemplate = {
        do { return try MustacheTemplate(string: source) } catch { fatalError("public page template: \(error)") }
    }()

    static let source = """
        <!DOCTYPE html>
        <html lang="{{lang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · {{district}}</title>
        <style>
        body { font-family: "Noto Sans CJK SC", "Noto Sans SC", sans-serif; margin: 0 auto; max-width: 60em; padding: .5em 1em 2em; color: #1a202c; line-height: 1.5; }
        header { border-bottom: 2px solid #2b6cb0; margin-bottom: 1em; }
        header p { margin: .3em 0; }
        nav a, .lang { margin-right: 1em; }
        h1 { font-size: 1.35em; } h2 { font-size: 1.1em; margin-top: 1.5em; }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; font-size: .9em; width: 100%; }
        th, td { border-bottom: 1px solid #e2e8f0; padding: .35em .4em; text-align: left; vertical-align: top; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; }
        dt { color: #4a5568; } dd { margin: 0; }
        form { display: flex; flex-wrap: wrap; gap: .5em; align-items: end; margin: .5em 0 1em; }
        label { display: flex; flex-direction: column; font-size: .9em; }
        select, button { font-size: 1em; padding: .3em; }
        footer { margin-top: 2em; font-size: .85em; color: #4a5568; }
        .qr svg { width: 40mm; height: 40mm; }
        @media (max-width: 40em) {
          table.list thead { display: none; }
          table.list tr { display: block; padding: .45em 0; border-bottom: 1px solid #e2e8f0; }
          table.list td { display: inline-block; border: none; padding: 0 .7em 0 0; color: #4a5568; font-size: .92em; }
          table.list td:first-child { display: block; color: inherit; font-size: 1em; }
        }
        @page { size: A4; margin: 15mm; }
        @media print { nav, .lang, form { display: none; } body { max-width: none; } }
        </style>
        </head>
        <body>
        <header>
        <p><a href="{{root}}index.html">{{district}}</a> · <a class="lang" href="{{switchHref}}">{{switchLabel}}</a></p>
        {{^notice}}<nav>{{#nav}}<a href="{{href}}">{{label}}</a>{{/nav}}</nav>{{/notice}}
        </header>
        <main>
        <h1>{{title}}</h1>
        {{#filter}}
        <form method="get" action="{{action}}">
        <label>{{areaLabel}}<select name="under"><option value="">{{all}}</option>{{#areas}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/areas}}</select></label>
        <label>{{categoryLabel}}<select name="category"><option value="">{{all}}</option>{{#categories}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/categories}}</select></label>
        <button type="submit">{{submit}}</button>
        </form>
        {{/filter}}
        {{#sections}}
        <section>
        {{#heading}}<h2>{{heading}}</h2>{{/heading}}
        {{#note}}<p>{{note}}</p>{{/note}}
        {{#markup}}<div class="qr">{{{markup}}}</div>{{/markup}}
        {{#hasFacts}}<dl>{{#facts}}<dt>{{name}}</dt><dd>{{value}}</dd>{{/facts}}</dl>{{/hasFacts}}
        {{#hasTable}}<div class="scroll"><table class="list">
        <thead><tr>{{#columns}}<th scope="col">{{.}}</th>{{/columns}}</tr></thead>
        <tbody>
        {{#rows}}<tr>{{#cells}}<td>{{#href}}<a href="{{href}}">{{text}}</a>{{/href}}{{^href}}{{text}}{{/href}}</td>{{/cells}}</tr>
        {{/rows}}{{#empty}}<tr><td colspan="{{span}}">{{none}}</td></tr>
        {{/empty}}</tbody>
        </table></div>{{/hasTable}}
        {{#hasLinks}}<p>{{#links}}<a href="{{href}}">{{text}}</a> {{/links}}</p>{{/hasLinks}}
        </section>
        {{/sections}}
        </main>
        <footer><p>{{footer}}</p></footer>
        </body>
        </html>

        """
}
