/// The console's HTML: one layout for every page, and the partials for forms and tables.
///
/// No script at all, and no font or style from elsewhere: the style sheet is served by the
/// console itself (`/console/console.css`), so an intranet console works offline and the
/// Content-Security-Policy can forbid every script.
enum ConsoleLayout {
    /// What the layout is rendered with.
    struct Context {
        var lang: String
        var page: ConsolePage
        /// The district's name, and who is signed in (absent on the sign-in page).
        var district: String?
        var user: String?
        var nav: [ConsolePage.Link] = []
        var signOut: ConsolePage.Form?
        var switchHref: String
        var switchLabel: String
        var skip: String
    }

    static let page = """
        <!DOCTYPE html>
        <html lang="{{lang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{page.title}}{{#district}} · {{.}}{{/district}} · govreg</title>
        <link rel="stylesheet" href="/console/console.css">
        </head>
        <body>
        <a class="skip" href="#main">{{skip}}</a>
        <header>
        <div class="bar"><span class="brand">govreg{{#district}} · {{.}}{{/district}}</span>
        <span class="who">{{#user}}{{.}}{{/user}} <a href="{{switchHref}}" id="language">{{switchLabel}}</a>
        {{#signOut}}{{> form}}{{/signOut}}</span></div>
        {{^empty(nav)}}<nav aria-label="console">{{/empty(nav)}}{{#nav}}<a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{text}}</a>{{/nav}}{{^empty(nav)}}</nav>{{/empty(nav)}}
        </header>
        <main id="main">
        <h1>{{page.title}}</h1>
        {{#page.notice}}<p class="notice" role="status" id="notice">{{.}}</p>{{/page.notice}}
        {{#page.error}}<p class="error" role="alert" id="page-error">{{.}}</p>{{/page.error}}
        {{#page.sections}}
        <section>
        {{#.heading}}<h2>{{.}}</h2>{{/.heading}}
        {{#.text}}<p>{{.}}</p>{{/.text}}
        {{^empty(tiles)}}<div class="tiles">{{/empty(tiles)}}{{#tiles}}<a class="tile"{{#.href}} href="{{.}}"{{/.href}}><span class="v">{{value}}</span><span class="l">{{label}}</span></a>{{/tiles}}{{^empty(tiles)}}</div>{{/empty(tiles)}}
        {{^empty(facts)}}<dl class="facts">{{/empty(facts)}}{{#facts}}<dt>{{name}}</dt><dd>{{#.href}}<a href="{{.}}">{{/.href}}{{value}}{{#.href}}</a>{{/.href}}</dd>{{/facts}}{{^empty(facts)}}</dl>{{/empty(facts)}}
        {{#.markup}}<div class="chart">{{{.}}}</div>{{/.markup}}
        {{#.table}}{{> table}}{{/.table}}
        {{#forms}}{{> form}}{{/forms}}
        {{^empty(links)}}<p class="links">{{/empty(links)}}{{#links}}<a href="{{href}}">{{text}}</a> {{/links}}{{^empty(links)}}</p>{{/empty(links)}}
        </section>
        {{/page.sections}}
        </main>
        </body>
        </html>
        """

    static let form = """
        <form method="{{method}}" action="{{action}}"{{#multipart}} enctype="multipart/form-data"{{/multipart}}{{#inline}} class="inline"{{/inline}}{{#.id}} id="{{.}}"{{/.id}}>
        {{#.csrf}}<input type="hidden" name="csrf" value="{{.}}">{{/.csrf}}
        {{#fields}}
        {{#isHidden}}<input type="hidden" name="{{name}}" value="{{value}}">{{/isHidden}}
        {{^isHidden}}<div class="field{{#.error}} invalid{{/.error}}">
        {{#isCheckbox}}<label><input type="checkbox" name="{{name}}" id="{{fieldID}}" value="{{value}}"{{#checked}} checked{{/checked}}> {{label}}</label>{{/isCheckbox}}
        {{^isCheckbox}}<label for="{{fieldID}}">{{label}}{{#required}} <abbr title="required">*</abbr>{{/required}}</label>
        {{#isText}}<input type="{{type}}" name="{{name}}" id="{{fieldID}}" value="{{value}}"{{#required}} required{{/required}}{{#autofocus}} autofocus{{/autofocus}}{{#.inputMode}} inputmode="{{.}}"{{/.inputMode}}{{#.autocomplete}} autocomplete="{{.}}"{{/.autocomplete}}{{#.error}} aria-invalid="true" aria-describedby="{{fieldID}}-error"{{/.error}}>{{/isText}}
        {{#isTextarea}}<textarea name="{{name}}" id="{{fieldID}}" rows="3"{{#required}} required{{/required}}{{#.error}} aria-invalid="true" aria-describedby="{{fieldID}}-error"{{/.error}}>{{value}}</textarea>{{/isTextarea}}
        {{#isSelect}}<select name="{{name}}" id="{{fieldID}}"{{#required}} required{{/required}}{{#.error}} aria-invalid="true" aria-describedby="{{fieldID}}-error"{{/.error}}>{{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}</select>{{/isSelect}}
        {{/isCheckbox}}
        {{#.hint}}<small>{{.}}</small>{{/.hint}}
        {{#.error}}<span class="field-error" id="{{fieldID}}-error">{{.}}</span>{{/.error}}
        </div>{{/isHidden}}
        {{/fields}}
        {{#.table}}{{> table}}{{/.table}}
        <button type="submit"{{#quiet}} class="quiet"{{/quiet}}>{{submit}}</button>
        </form>
        """

    static let table = """
        {{#empty(rows)}}<p class="empty">{{emptyText}}</p>{{/empty(rows)}}
        {{^empty(rows)}}<div class="scroll"><table>
        <thead><tr>{{#.selectName}}<th scope="col"><span class="sr">✓</span></th>{{/.selectName}}{{#columns}}<th scope="col">{{.}}</th>{{/columns}}</tr></thead>
        <tbody>
        {{#rows}}<tr>{{#.select}}<td><input type="checkbox" name="{{selectName}}" value="{{.}}" aria-label="{{.}}"{{#selected}} checked{{/selected}}></td>{{/.select}}{{#cells}}<td>{{#.badge}}<span class="badge {{.}}">{{/.badge}}{{#.href}}<a href="{{.}}">{{/.href}}{{text}}{{#.href}}</a>{{/.href}}{{#.badge}}</span>{{/.badge}}</td>{{/cells}}</tr>
        {{/rows}}
        </tbody></table></div>{{/empty(rows)}}
        {{#.next}}<p class="next"><a href="{{href}}" rel="next">{{text}}</a></p>{{/.next}}
        """

    /// The style sheet: phone width first, wider screens get the table and the nav in a row.
    static let css = """
        :root { --ink: #1d2733; --muted: #5b6773; --line: #d5dbe1; --accent: #b3261e; --ok: #1e6b3a; --bg: #f6f7f9; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: var(--ink); background: var(--bg); }
        a { color: #0b57a4; }
        a:focus, button:focus, input:focus, select:focus, textarea:focus { outline: 3px solid #f2b600; outline-offset: 1px; }
        .skip { position: absolute; left: -999px; } .skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px 8px; z-index: 9; }
        header { background: var(--accent); color: #fff; }
        header a { color: #fff; }
        .bar { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 8px; padding: 8px 12px; }
        .brand { font-weight: 700; }
        .who form { display: inline; } .who button { padding: 2px 8px; font-size: 14px; margin-left: 8px; }
        nav { display: flex; overflow-x: auto; gap: 2px; padding: 0 8px; background: #8f1d17; }
        nav a { padding: 10px 10px; white-space: nowrap; text-decoration: none; }
        nav a[aria-current] { background: var(--bg); color: var(--ink); border-radius: 6px 6px 0 0; }
        main { max-width: 1100px; margin: 0 auto; padding: 12px; }
        h1 { font-size: 1.4rem; margin: 8px 0 12px; } h2 { font-size: 1.1rem; margin: 0 0 8px; }
        section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px; margin-bottom: 12px; }
        .notice { background: #e6f4ea; border-left: 4px solid var(--ok); padding: 8px 12px; }
        .error { background: #fdecea; border-left: 4px solid var(--accent); padding: 8px 12px; }
        .tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(140px, 1fr)); gap: 8px; }
        .tile { display: block; border: 1px solid var(--line); border-radius: 8px; padding: 10px; text-decoration: none; color: var(--ink); }
        .tile .v { display: block; font-size: 1.6rem; font-weight: 700; } .tile .l { color: var(--muted); font-size: 0.9rem; }
        .facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
        .facts dt { color: var(--muted); } .facts dd { margin: 0; }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
        th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { color: var(--muted); font-weight: 600; white-space: nowrap; }
        .badge { padding: 1px 6px; border-radius: 10px; background: #eef1f4; white-space: nowrap; }
        .badge.open { background: #fff4d6; } .badge.done { background: #e6f4ea; } .badge.closed { background: #eceff1; color: var(--muted); }
        .badge.up { background: #fdecea; }
        form { margin: 8px 0; }
        form.inline { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-end; }
        form.inline .field { margin: 0; }
        .field { margin-bottom: 12px; display: flex; flex-direction: column; }
        .field label { font-weight: 600; margin-bottom: 2px; }
        .field small { color: var(--muted); }
        input, select, textarea { font: inherit; padding: 8px; border: 1px solid #9aa5b1; border-radius: 6px; min-height: 44px; width: 100%; background: #fff; }
        input[type=checkbox] { width: 22px; min-height: 22px; }
        .field.invalid input, .field.invalid select, .field.invalid textarea { border: 2px solid var(--accent); }
        .field-error { color: var(--accent); font-weight: 600; }
        button { font: inherit; min-height: 44px; padding: 8px 16px; border: 0; border-radius: 6px; background: var(--accent); color: #fff; cursor: pointer; }
        button.quiet { background: #e3e7eb; color: var(--ink); }
        .links a { margin-right: 12px; }
        .empty { color: var(--muted); }
        .chart svg { max-width: 100%; height: auto; }
        .sr { position: absolute; left: -999px; }
        @media (min-width: 760px) {
          form.stack { max-width: 640px; }
          .field { max-width: 640px; }
          form.inline .field { max-width: 220px; }
        }
        """
}
