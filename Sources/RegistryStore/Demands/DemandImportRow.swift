public import ImportIssues
public import Registry

/// One row of a demand file: a draft (``DemandDraft``) whose values have been read from their
/// cells, not yet checked, and the line it starts on. The store checks each draft
/// (``DemandDraft/checked(on:door:channels:)``, the same rules as every other door) while it streams the
/// rows into its staging table, then resolves the category and org code set-based.
@dynamicMemberLookup
public struct DemandImportRow: Sendable, Hashable {
    /// The file line the row starts on, for error messages.
    public var line: Int
    /// The values as read. Their state and escalation are for a new demand only: a stored
    /// demand's are changed by the workflow (``DemandStore/transition(_:to:note:reason:mergedInto:rating:visibility:expectedVersion:in:)``)
    /// and by escalations, never by re-importing.
    public var draft: DemandDraft

    /// Makes a row.
    public init(line: Int, draft: DemandDraft) {
        self.line = line
        self.draft = draft
    }

    /// The external id, which a file always gives (an empty one is refused by the check).
    public var externalID: String { draft.externalID ?? "" }

    /// The draft's values, as `row.title`.
    public subscript<Value>(dynamicMember keyPath: KeyPath<DemandDraft, Value>) -> Value { draft[keyPath: keyPath] }
}

/// Where an import's rows come from: a file read lazily, so that a million-row file is
/// checked while it streams into `COPY`, or a plain array.
///
/// The store pulls rows with ``next()`` until it returns `nil`, then reads ``issues``: the
/// problems found in the file itself (values, duplicates), to which it adds the references
/// it cannot resolve.
public protocol DemandImportRows: Sendable {
    /// The next well-formed row, or `nil` at the end. A malformed record is skipped after
    /// adding its problems to ``issues``.
    mutating func next() -> DemandImportRow?
    /// The problems found so far.
    var issues: IssueList { get }
    /// How many records the source holds (for progress), well-formed or not.
    var recordCount: Int { get }
    /// The column name to show for one of the contract's fields (`category`, `org_code`),
    /// as the file's header wrote it (`类别`).
    func columnName(_ field: String) -> String
    /// The category and org code of each row refused for its values, so that the store can
    /// name an unknown one too: every problem is reported at once, not the next layer of
    /// them after the first is fixed.
    var refusedRowReferences: [DemandReference] { get }
    /// The file the rows come from, for the import's record (``ImportBatch``).
    var origin: ImportOrigin { get }
    /// How the rows were read (the encoding …), for the import's record.
    var readingOptions: [String: String] { get }
}

extension DemandImportRows {
    /// None: a source whose rows are all well-formed.
    public var refusedRowReferences: [DemandReference] { [] }
    /// No file, unless the source says so.
    public var origin: ImportOrigin { .noFile }
    /// None.
    public var readingOptions: [String: String] { [:] }
}

/// The references of one row: its category and org code as written (nil when blank).
public struct DemandReference: Sendable, Hashable {
    public var line: Int
    public var category: String?
    public var orgCode: String?

    /// Makes one.
    public init(line: Int, category: String?, orgCode: String?) {
        self.line = line
        self.category = category
        self.orgCode = orgCode
    }

    /// The references of a draft refused for its values; a blank one is not looked up (the
    /// draft's check already named it).
    public init(line: Int, draft: DemandDraft) {
        func named(_ text: String) -> String? { text.allSatisfy(\.isWhitespace) ? nil : text }
        self.init(line: line, category: named(draft.category), orgCode: named(draft.orgCode))
    }
}

/// Rows already in memory, e.g. from another program or a test.
public struct DemandImportBatch: DemandImportRows {
    private let rows: [DemandImportRow]
    private var position = 0
    public private(set) var issues = IssueList()
    public let origin: ImportOrigin

    /// Wraps rows, which came from `origin` (no file unless said).
    public init(_ rows: [DemandImportRow], origin: ImportOrigin = .noFile) {
        self.rows = rows
        self.origin = origin
    }

    /// The next row of the array.
    public mutating func next() -> DemandImportRow? {
        guard position < rows.count else { return nil }
        defer { position += 1 }
        return rows[position]
    }

    /// The array's count.
    public var recordCount: Int { rows.count }

    /// The contract's own name: an array has no header.
    public func columnName(_ field: String) -> String { field }
}
