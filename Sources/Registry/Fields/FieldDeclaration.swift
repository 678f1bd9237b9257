/// One field of a list, declared once for every door: the name the API and the files use,
/// the Chinese names district spreadsheets give its column, what values it takes, and where
/// it is required.
///
/// The declaration is the single source of the API's schema, of the import files' columns
/// (and `docs/csv-columns.md`, generated from it), and of the value checks every door runs
/// through the list's draft, so the document and the validation cannot disagree.
///
/// ```swift
/// static let title = FieldDeclaration(
///     "title", chinese: "需求名称", aliases: ["名称", "标题"], kind: .text(maxLength: 200),
///     requiredIn: .all, summary: "A short title, e.g. 楼道灯不亮")
/// ```
public struct FieldDeclaration: Sendable, Hashable {
    /// What values the field takes.
    public enum Kind: Sendable, Hashable {
        /// Free text of at most `maxLength` characters, trimmed; blank means absent.
        case text(maxLength: Int)
        /// A whole number in `minimum...maximum`.
        case integer(minimum: Int64, maximum: Int64)
        /// A calendar day (`2024-03-05`; files also take `2024年3月5日` and the like).
        case date
        /// Yes or no (`true`/`false`; files also take 是/否).
        case boolean
        /// One word of a vocabulary, by its code (files also take the Chinese name); `open`
        /// when modules may add words (a source channel), so `values` are the core's.
        case words([Word], open: Bool = false)
        /// An amount with its measure unit, greater than 0: in the API an object of `amount` (a
        /// decimal string in the unit, `"1500.00"` yuan) and `unit`; files give the unit in a
        /// column of its own.
        case quantity
        /// An amount in the unit the record's measure unit field names, greater than 0: in the
        /// API a decimal string in that unit (`"1500.00"` yuan, `"40"` hours), as files write it.
        case amount
        /// Money in yuan with up to two decimals, stored as fen, not negative: `12000.50`.
        case money
        /// What a project draws from one resource: `RESOURCE_ID:QUANTITY`, the quantity in the
        /// resource's unit as written; in the API an object of `resource` and `quantity`.
        case allocation
        /// Several values of one kind: files separate them by `;`, the API takes an array.
        indirect case list(Kind)
    }

    /// A vocabulary word: its stored code and its Chinese name.
    public struct Word: Sendable, Hashable {
        public var code: String
        public var chineseName: String
        public init(_ code: String, _ chineseName: String) {
            self.code = code
            self.chineseName = chineseName
        }
    }

    /// The doors a value comes through.
    public struct Doors: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// Import files (CSV, and spreadsheets to come): a column.
        public static let file = Doors(rawValue: 1)
        /// The HTTP API (and the CLI's single-record commands, which take the same draft): a property.
        public static let api = Doors(rawValue: 2)
        public static let all: Doors = [.file, .api]
    }

    /// The field's name: the API property and the file's English column, e.g. `org_code`.
    public var name: String
    /// The Chinese column name, shown first in messages and docs, e.g. `所在组织编码`.
    public var chineseName: String
    /// Other header spellings districts use.
    public var aliases: [String]
    public var kind: Kind
    /// Where the field must be given.
    public var requiredIn: Doors
    /// Where the field exists at all.
    public var doors: Doors
    /// One line in English for the API document and the docs.
    public var summary: String

    /// Declares a field.
    public init(
        _ name: String, chinese: String, aliases: [String] = [], kind: Kind, requiredIn: Doors = [], doors: Doors = .all,
        summary: String
    ) {
        self.name = name
        self.chineseName = chinese
        self.aliases = aliases
        self.kind = kind
        self.requiredIn = requiredIn
        self.doors = doors
        self.summary = summary
    }

    /// The longest text the field takes, for text fields.
    public var maxLength: Int? {
        switch kind {
        case .text(let limit), .list(.text(let limit)): limit
        case .allocation, .list(.allocation): 100
        default: nil
        }
    }

    /// The longest text the field takes; unlimited for other kinds.
    public var textLimit: Int { maxLength ?? .max }

    /// The problem of a required value that is missing or blank.
    public var missing: FieldProblem { .required(name) }

    /// ``missing``'s reason, for a door that says it itself.
    public static let missingReason = FieldProblem.required("").reason

    /// Checks free text against the declaration: trims it, treats blank as absent (a problem
    /// when `required`), and refuses a NUL character (PostgreSQL cannot store it) and text
    /// over the limit.
    ///
    /// - Returns: The trimmed text (nil when blank), or the problem.
    public func text(_ value: String?, required: Bool) -> Result<String?, FieldProblem> {
        guard let value, let trimmed = Optional(value.trimmingWhitespace()), !trimmed.isEmpty else {
            return required ? .failure(missing) : .success(nil)
        }
        if trimmed.utf8.contains(0) {
            return .failure(.containsNUL(name, value: trimmed))
        }
        // A character is at least one UTF-8 byte, so a short byte count settles it without counting.
        if let limit = maxLength, trimmed.utf8.count > limit, trimmed.count > limit {
            return .failure(.tooLong(name, value: trimmed, count: trimmed.count, limit: limit))
        }
        return .success(trimmed)
    }

    /// ``text(_:required:)`` for a single value, refused as a ``RegistryError``.
    public func checkedText(_ value: String?, required: Bool) throws(RegistryError) -> String? {
        switch text(value, required: required) {
        case .success(let trimmed): return trimmed
        case .failure(let problem): throw RegistryError(problem)
        }
    }

    /// ``text(_:required:)`` for a value that must be given: the trimmed text, or the
    /// problem as a ``RegistryError`` (what a module's store checks before writing).
    public func required(_ value: String) throws(RegistryError) -> String {
        switch text(value, required: true) {
        case .success(let trimmed?): return trimmed
        case .success(nil): throw RegistryError(missing)
        case .failure(let problem): throw RegistryError(problem)
        }
    }

    /// Checks an amount (``Kind/amount``, in the measure unit's stored form) against its
    /// rule: greater than 0, worded as the API's check of its schema words it.
    public func amount(_ value: Int64) -> FieldProblem? {
        value >= 1 ? nil : .outOfRange(name, value: value, minimum: 1, maximum: nil)
    }

    /// Checks money (``Kind/money``) against its rule: not negative.
    public func money(_ value: Money?) -> FieldProblem? {
        guard let value, value.fen < 0 else { return nil }
        return FieldProblem(name, value: value.description, chinese: "不能为负", english: "cannot be negative")
    }

    /// Checks a whole number against the declared range.
    public func integer(_ value: Int?) -> FieldProblem? {
        guard let value, case .integer(let minimum, let maximum) = kind, !(minimum...maximum).contains(Int64(value)) else {
            return nil
        }
        return .outOfRange(name, value: Int64(value), minimum: minimum, maximum: maximum == .max ? nil : maximum)
    }
}
