import Mustache

/// A console page before it is HTML: a title and sections of facts, tables, forms and links,
/// laid out by one template, so every page looks, reads and behaves alike (labels beside
/// fields, errors beside what they refer to, the same buttons in the same places).
///
/// Mustache reads these structs by reflection: a `nil` or `false` leaves its block out, an
/// array repeats it, and every value is HTML-escaped except ``Section/markup``.
struct ConsolePage {
    var title: String
    var sections: [Section] = []
    /// A notice at the top, e.g. "filed demand #12".
    var notice: String?
    /// What went wrong with the request as a whole (field errors go beside their fields).
    var error: String?

    init(_ title: String, sections: [Section] = []) {
        self.title = title
        self.sections = sections
    }

    struct Section {
        var heading: String?
        var text: String?
        var facts: [Fact] = []
        var table: Table?
        var forms: [Form] = []
        var links: [Link] = []
        /// Markup govreg drew and escaped itself (an SVG chart).
        var markup: String?
        /// Set for a section the page lays out in a row of small boxes (the dashboard's figures).
        var tiles: [Tile] = []

        init(_ heading: String? = nil) { self.heading = heading }
    }

    struct Fact {
        var name: String
        var value: String
        var href: String?
    }

    struct Tile {
        var label: String
        var value: String
        var href: String?
    }

    struct Link {
        var text: String
        var href: String
        var current = false
    }

    struct Table {
        var columns: [String]
        var rows: [Row]
        /// What an empty table says.
        var emptyText: String
        /// A column of checkboxes named this (the table is then part of its form).
        var selectName: String?
        /// The link to the next page (keyset paging).
        var next: Link?
    }

    struct Row {
        var cells: [Cell]
        /// The checkbox's value when the table has a selection column.
        var select: String?
        var selected = false
    }

    struct Cell {
        var text: String
        var href: String?
        /// A small coloured label (a state, a level); the class names the kind.
        var badge: String?

        init(_ text: String, href: String? = nil, badge: String? = nil) {
            self.text = text
            self.href = href
            self.badge = badge
        }
    }

    struct Form {
        var action: String
        var method = "post"
        var submit: String
        var fields: [Field] = []
        /// The CSRF token, set by the console for every form that posts.
        var csrf: String?
        /// A table of rows to choose from, laid out between the fields and the button.
        var table: Table?
        /// A secondary button style (for actions that do not move things forward).
        var quiet = false
        /// Buttons on one line with their fields (filters, single-button actions).
        var inline = false
        var id: String?
        /// A file upload (`multipart/form-data`).
        var multipart = false
    }

    struct Field {
        enum Kind: String { case text, textarea, select, number, date, password, hidden, search, checkbox, file }

        var name: String
        var label: String
        var value: String
        var options: [Option]
        var error: String?
        var hint: String?
        var required: Bool
        var autofocus = false
        /// `numeric` or `decimal` gives a phone its number pad.
        var inputMode: String?
        var autocomplete: String?
        var checked = false
        // Stored, not computed: Mustache reads stored properties only.
        let type: String
        let isText: Bool
        let isTextarea: Bool
        let isSelect: Bool
        let isHidden: Bool
        let isCheckbox: Bool
        /// The field's id, and its error's (`aria-describedby`).
        let fieldID: String

        init(name: String, label: String, kind: Kind = .text, value: String = "", options: [Option] = [],
             hint: String? = nil, required: Bool = false, inputMode: String? = nil, autocomplete: String? = nil) {
            self.name = name
            self.label = label
            self.value = value
            self.options = options
            self.hint = hint
            self.required = required
            self.inputMode = inputMode ?? (kind == .number ? "decimal" : nil)
            self.autocomplete = autocomplete
            type = kind == .number ? "text" : kind.rawValue
            isText = [.text, .number, .date, .password, .search, .file].contains(kind)
            isTextarea = kind == .textarea
            isSelect = kind == .select
            isHidden = kind == .hidden
            isCheckbox = kind == .checkbox
            fieldID = "f-\(name)"
        }
    }

    struct Option {
        var value: String
        var label: String
        var selected: Bool
    }
}

extension ConsolePage.Field {
    /// A drop-down of `choices` with `value` selected; `blank` adds an empty first choice.
    static func select(_ name: String, _ label: String, _ choices: [(value: String, label: String)], value: String?, blank: String? = nil) -> Self {
        var options = choices.map { ConsolePage.Option(value: $0.value, label: $0.label, selected: $0.value == value) }
        if let blank { options.insert(.init(value: "", label: blank, selected: value == nil || value == ""), at: 0) }
        return .init(name: name, label: label, kind: .select, value: value ?? "", options: options)
    }
}

extension ConsolePage.Form {
    /// Fills each field's error from `errors` (by field name) and the page's own.
    mutating func mark(_ errors: [String: String]) {
        for index in fields.indices {
            if let error = errors[fields[index].name] { fields[index].error = error }
        }
    }
}

/// The console's templates: the layout and its partials.
enum ConsoleTemplates {
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        do {
            try library.register(ConsoleLayout.page, named: "page")
            try library.register(ConsoleLayout.form, named: "form")
            try library.register(ConsoleLayout.table, named: "table")
        } catch {
            fatalError("console templates: \(error)")
        }
        return library
    }()
}
