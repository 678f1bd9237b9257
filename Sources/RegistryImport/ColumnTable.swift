public import Registry

/// The columns of an import file as `docs/csv-columns.md` shows them, written from the list's
/// field declarations (``FieldDeclaration``) so that the documentation cannot drift from what
/// the import reads and checks. A test keeps the file's generated sections current.
public enum ColumnTable {
    /// A Markdown table: column, its Chinese names, whether required, what it means.
    public static func markdown(_ fields: [FieldDeclaration]) -> String {
        var lines = ["| column | aliases | required | meaning |", "|---|---|---|---|"]
        for field in fields where field.doors.contains(.file) {
            let aliases = ([field.chineseName] + field.aliases).joined(separator: ", ")
            let required = field.requiredIn.contains(.file) ? "yes" : "no"
            lines.append("| \(field.name) | \(aliases) | \(required) | \(meaning(field)) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func meaning(_ field: FieldDeclaration) -> String {
        ([field.summary] + (detail(field.kind).map { [$0] } ?? [])).joined(separator: ". ")
    }

    /// What a value of `kind` looks like in a file.
    private static func detail(_ kind: FieldDeclaration.Kind) -> String? {
        switch kind {
        case .text(let maxLength): "at most \(maxLength) characters"
        case .integer(let minimum, let maximum): "\(minimum)–\(maximum)"
        case .date: nil
        case .boolean: "是/否, yes/no"
        case .words(let words, let open):
            words.map { "\($0.code) \($0.chineseName)" }.joined(separator: ", ") + (open ? ", or an enabled module's" : "")
        case .quantity, .amount: "greater than 0; yuan with up to two decimals, stored as fen"
        case .money: "yuan with up to two decimals (stored as fen); not negative"
        case .allocation: "`RESOURCE_ID:QUANTITY`"
        case .list(let item): "several, separated by `;`" + (detail(item).map { "; each " + $0 } ?? "")
        }
    }
}
