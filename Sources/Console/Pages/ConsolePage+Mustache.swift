import Mustache

// Mustache finds a value by name. Left to itself it asks Swift's reflection (Mirror) for
// every name on every row, which made a 50-row page cost about 18 ms to render (measured by
// scripts/bench-console); each type here answers by name directly instead. A name not
// listed falls through to the enclosing value, as Mustache does for any missing name.

extension ConsoleLayout.Context: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "lang": lang
        case "page": page
        case "district": district
        case "user": user
        case "nav": nav
        case "signOut": signOut
        case "switchHref": switchHref
        case "switchLabel": switchLabel
        case "skip": skip
        default: nil
        }
    }
}

extension ConsolePage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "sections": sections
        case "notice": notice
        case "error": error
        default: nil
        }
    }
}

extension ConsolePage.Section: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "heading": heading
        case "text": text
        case "facts": facts
        case "table": table
        case "forms": forms
        case "links": links
        case "markup": markup
        case "tiles": tiles
        default: nil
        }
    }
}

extension ConsolePage.Fact: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "value": value
        case "href": href
        default: nil
        }
    }
}

extension ConsolePage.Tile: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "value": value
        case "href": href
        default: nil
        }
    }
}

extension ConsolePage.Link: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "href": href
        case "current": current
        default: nil
        }
    }
}

extension ConsolePage.Table: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "columns": columns
        case "rows": rows
        case "emptyText": emptyText
        case "selectName": selectName
        case "next": next
        default: nil
        }
    }
}

extension ConsolePage.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "cells": cells
        case "select": select
        case "selected": selected
        default: nil
        }
    }
}

extension ConsolePage.Cell: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "href": href
        case "badge": badge
        default: nil
        }
    }
}

extension ConsolePage.Form: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "action": action
        case "method": method
        case "submit": submit
        case "fields": fields
        case "csrf": csrf
        case "table": table
        case "quiet": quiet
        case "inline": inline
        case "id": id
        case "multipart": multipart
        default: nil
        }
    }
}

extension ConsolePage.Field: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "label": label
        case "value": value
        case "options": options
        case "error": error
        case "hint": hint
        case "required": required
        case "autofocus": autofocus
        case "inputMode": inputMode
        case "autocomplete": autocomplete
        case "checked": checked
        case "type": type
        case "isText": isText
        case "isTextarea": isTextarea
        case "isSelect": isSelect
        case "isHidden": isHidden
        case "isCheckbox": isCheckbox
        case "fieldID": fieldID
        default: nil
        }
    }
}

extension ConsolePage.Option: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": value
        case "label": label
        case "selected": selected
        default: nil
        }
    }
}
