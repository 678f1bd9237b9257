/// The columns an import expects, each under a canonical name with the header spellings
/// districts use for it, in Chinese or English.
///
/// A header cell matches a field when, after normalisation, it equals the field's canonical
/// name or one of its aliases. Normalisation removes surrounding whitespace, a trailing unit
/// note in parentheses (`数量（个）`, `Amount (yuan)`), a required-field star (`*名称`),
/// folds full-width forms to ASCII and ASCII letters to lowercase.
///
/// ```swift
/// let map = HeaderMap([
///     .init("title", aliases: ["需求名称", "名称"]),
///     .init("amount", aliases: ["金额", "预算"], required: false),
/// ])
/// var issues = IssueList()
/// let columns = map.resolve(table, issues: &issues)
/// let title = record.field("title", in: columns)
/// ```
public struct HeaderMap: Sendable {
    /// One expected column.
    public struct Field: Sendable, Hashable {
        /// The name code uses for the field, e.g. `title`; it also matches as a header.
        public var name: String
        /// Other header spellings that mean this field, e.g. `需求名称`.
        public var aliases: [String]
        /// Whether a file without this column is rejected.
        public var isRequired: Bool

        /// Creates a field.
        ///
        /// - Parameters:
        ///   - name: The canonical name.
        ///   - aliases: Other header spellings; the first is shown to people in messages.
        ///   - required: Whether the column must be present; default `true`.
        public init(_ name: String, aliases: [String] = [], required: Bool = true) {
            self.name = name
            self.aliases = aliases
            self.isRequired = required
        }

        /// The name shown in messages: the first alias (usually the Chinese one), else the name.
        public var displayName: String { aliases.first ?? name }
    }

    /// The fields, in the order given.
    public let fields: [Field]
    /// Whether columns that match no field are ignored rather than reported.
    public let allowsUnknownColumns: Bool
    /// Normalised spelling → index into `fields`.
    let fieldBySpelling: [String: Int]

    /// Creates a header map.
    ///
    /// Two fields sharing a spelling is a programming error and stops the program.
    ///
    /// - Parameters:
    ///   - fields: The expected columns.
    ///   - allowsUnknownColumns: Whether to ignore columns that match no field (default
    ///     `false`: they are reported, since they usually mean a misspelt header).
    public init(_ fields: [Field], allowsUnknownColumns: Bool = false) {
        var fieldBySpelling: [String: Int] = [:]
        for (index, field) in fields.enumerated() {
            for spelling in [field.name] + field.aliases {
                let key = Self.normalize(spelling)
                if let other = fieldBySpelling[key], other != index {
                    preconditionFailure(
                        "HeaderMap: \"\(spelling)\" is a spelling of both \(fields[other].name) and \(field.name)"
                    )
                }
                fieldBySpelling[key] = index
            }
        }
        self.fields = fields
        self.allowsUnknownColumns = allowsUnknownColumns
        self.fieldBySpelling = fieldBySpelling
    }

    /// The canonical field a header cell means.
    ///
    /// - Parameter header: A header cell as written in a file.
    /// - Returns: The field's canonical name, or `nil` if it matches none.
    public func fieldName(for header: String) -> String? {
        fieldBySpelling[Self.normalize(header)].map { fields[$0].name }
    }

    /// The form in which header spellings are compared.
    static func normalize(_ header: String) -> String {
        var text = ValueText(header).scalars
        // Drop a trailing unit note, "数量（元）" or "amount (yuan)": full-width parentheses
        // are already ASCII after ValueText. Only a note after a name counts.
        if text.last == ")", let open = text.lastIndex(of: "("), open > 0 {
            text.removeSubrange(open...)
        }
        // A star marks required columns in many Chinese import templates: "*名称", "名称*".
        text = Array(ArraySlice(text).drop { $0 == "*" || $0 == " " })
        while let last = text.last, last == "*" || last.properties.isWhitespace {
            text.removeLast()
        }
        // Case folding is for ASCII only, as Chinese has no case.
        let folded = text.map { ("A"..."Z").contains($0) ? Unicode.Scalar($0.value + 0x20)! : $0 }
        return String(String.UnicodeScalarView(folded))
    }
}
