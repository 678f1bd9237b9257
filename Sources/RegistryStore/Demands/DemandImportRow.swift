public import Registry
public import SpreadsheetCSV

/// One row of a demand file, checked and typed, with references still as the file wrote
/// them: the category as a code or Chinese name, the org unit as its code. The store
/// resolves those against the tenant, set-based, after the rows are in its staging table.
public struct DemandImportRow: Sendable, Hashable {
    /// The file line the row starts on, for error messages.
    public var line: Int
    /// The district's own id for the row; re-importing matches on it.
    public var externalID: String
    public var title: String
    /// The longer description (the `description` column).
    public var details: String?
    /// A category code (`elderly_care`) or the tenant's Chinese name for it (`养老服务`).
    public var category: String
    /// The code of the org unit where the need arises.
    public var orgCode: String
    public var sourceChannel: SourceChannel
    public var quantity: Quantity
    public var priority: Priority
    public var beneficiaries: Int?
    public var dueOn: CivilDate?
    /// The state a new demand starts in; `nil` means accepted. Never changes a stored
    /// demand: the workflow (``DemandStore/transition(_:to:tenant:actor:note:reason:mergedInto:rating:visibility:expectedVersion:)``) owns that.
    public var state: DemandState?
    /// When the need was raised; `nil` keeps the stored date, or today for a new demand.
    public var filedOn: CivilDate?
    public var isPublic: Bool
    public var publishedOn: CivilDate?
    /// The level a new demand has been handed up to (吹哨); `nil` means grid. Like the state,
    /// never changes a stored demand: escalations do.
    public var escalationLevel: EscalationLevel?
    /// The level a new resolved or rated demand was settled at.
    public var settledLevel: EscalationLevel?

    /// Makes a row.
    public init(
        line: Int, externalID: String, title: String, details: String? = nil, category: String, orgCode: String,
        sourceChannel: SourceChannel = .other, quantity: Quantity, priority: Priority = .normal,
        beneficiaries: Int? = nil, dueOn: CivilDate? = nil, state: DemandState? = nil, filedOn: CivilDate? = nil,
        isPublic: Bool = false, publishedOn: CivilDate? = nil, escalationLevel: EscalationLevel? = nil,
        settledLevel: EscalationLevel? = nil
    ) {
        self.line = line
        self.externalID = externalID
        self.title = title
        self.details = details
        self.category = category
        self.orgCode = orgCode
        self.sourceChannel = sourceChannel
        self.quantity = quantity
        self.priority = priority
        self.beneficiaries = beneficiaries
        self.dueOn = dueOn
        self.state = state
        self.filedOn = filedOn
        self.isPublic = isPublic
        self.publishedOn = publishedOn
        self.escalationLevel = escalationLevel
        self.settledLevel = settledLevel
    }
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
}

extension DemandImportRows {
    /// None: a source whose rows are all well-formed.
    public var refusedRowReferences: [DemandReference] { [] }
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
}

/// Rows already in memory, e.g. from another program or a test.
public struct DemandImportBatch: DemandImportRows {
    private let rows: [DemandImportRow]
    private var position = 0
    public private(set) var issues = IssueList()

    /// Wraps rows.
    public init(_ rows: [DemandImportRow]) {
        self.rows = rows
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
