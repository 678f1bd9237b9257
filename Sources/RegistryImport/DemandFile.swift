public import Foundation
public import ImportIssues
public import Registry
public import RegistryStore
public import SpreadsheetCSV

/// The demand file of `govreg import demands` (需求清单), read and checked against the
/// column contract of docs/csv-columns.md.
///
/// The file is decoded and split into records up front; each record is turned into a
/// ``DemandImportRow`` only when ``next()`` asks for it, so that the store can stream a
/// million rows into `COPY` while they are being checked. Problems collect in ``issues``
/// with their line, column (as the file's header writes it), value and reason.
///
/// ```swift
/// var file = DemandFile(data: try Data(contentsOf: url))
/// let summary = try await DemandStore.importRows(&file, on: registry, tenant: id, actor: actor)
/// ```
public struct DemandFile: DemandImportRows {
    /// The columns: the demand's declared fields that files carry (``DemandDraft/Field``),
    /// by their English name and their Chinese names.
    public static let header = HeaderMap(declared: DemandDraft.Field.all)

    /// The fields in ``header`` order, as indices into ``Columns``.
    enum Field: Int, CaseIterable {
        case externalID, title, description, category, orgCode, sourceChannel, quantity, measureUnit, priority
        case beneficiaries, dueOn, state, filedOn, isPublic, publishedOn, escalationLevel, settledLevel

        var name: String { DemandFile.header.fields[rawValue].name }
    }

    var file: ImportFile
    /// The channels this file may name, and their spellings.
    let channels: SourceChannels
    let sourceChannels: Spellings<SourceChannel>
    /// Today in China, for the rules of a record refused for its form.
    let today = (try? CivilDate.todayInChina()) ?? CivilDate.latest
    /// The door the rows come through, for the rules of a record refused for its form: a
    /// file's, unless one record is given field by field (``record(_:channels:)``).
    var door: FieldDeclaration.Doors = .file
    /// The column of each ``Field``, looked up once rather than once per value.
    let columns: [Int?]
    /// False when a required column is missing: the header is then the problem, and
    /// checking each row against it would only repeat that.
    let readsRows: Bool
    private var position = 0
    /// The file's name and digest, for the import's record.
    public let origin: ImportOrigin
    /// The workbook sheet the rows came from, or nil for a CSV file.
    public private(set) var sheetName: String?

    /// Reads a file in UTF-8 (with or without BOM) or GB18030/GBK, comma or tab separated.
    ///
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - fileName: The file's name, for the import's record (nil when the bytes came
    ///     from no named file).
    ///   - encoding: The encoding, or `automatic` to detect it.
    ///   - channels: The source channels the file may name: the core's and the shipped
    ///     modules' (``ModuleCatalogue/sourceChannels``).
    public init(data: Data, fileName: String? = nil, encoding: TextEncoding = .automatic, channels: SourceChannels = .core) {
        self.init(data: data, origin: ImportOrigin(fileName: fileName, data: data), encoding: encoding, channels: channels)
    }

    /// Reads `data`, recording `origin` as the file imported (which, for a workbook, is not
    /// `data`: the digest is taken once, of the file as given).
    private init(data: Data, origin: ImportOrigin, encoding: TextEncoding, channels: SourceChannels) {
        self.origin = origin
        self.channels = channels
        sourceChannels = Self.spellings(of: channels)
        file = ImportFile(data: data, header: Self.header, encoding: encoding, issueLimit: DemandStore.issueLimit)
        let resolved = file.columns
        let columns = Field.allCases.map { resolved.column(for: $0.name) }
        self.columns = columns
        readsRows = Self.header.fields.indices.allSatisfy { !Self.header.fields[$0].isRequired || columns[$0] != nil }
    }

    /// Reads a file given as CSV or as an Excel workbook's sheet (``ImportSource``): its
    /// record keeps the digest of the file as given, and the workbook's own problems (error
    /// cells) join the rows'.
    ///
    /// - Parameters:
    ///   - source: The file, read.
    ///   - fileName: The file's name, for the import's record.
    ///   - channels: The source channels the file may name.
    public init(source: ImportSource, fileName: String? = nil, channels: SourceChannels = .core) {
        self.init(data: source.data, origin: ImportOrigin(fileName: fileName, data: source.original), encoding: .automatic, channels: channels)
        sheetName = source.sheetName
        file.issues.append(contentsOf: source.problems)
    }

    /// Every row of a file, checked as new demands on `today`, or every problem in it: for
    /// callers that want them all at once (the store checks the rows ``next()`` gives).
    ///
    /// - Throws: ``ImportRejected`` when any row is wrong.
    public static func rows(
        from data: Data, encoding: TextEncoding = .automatic, channels: SourceChannels = .core,
        today: CivilDate = (try? .todayInChina()) ?? .latest
    ) throws -> [DemandImportRow] {
        var file = DemandFile(data: data, encoding: encoding, channels: channels)
        var rows: [DemandImportRow] = []
        while var row = file.next() {
            do throws(InvalidFields) {
                row.draft = try row.draft.checked(on: today, door: .file, channels: channels)
                rows.append(row)
            } catch {
                file.add(error, line: row.line)
            }
        }
        if !file.issues.isEmpty { throw ImportRejected(issues: file.issues) }
        return rows
    }

    /// The next well-formed row; records with problems are skipped after adding them to ``issues``.
    public mutating func next() -> DemandImportRow? {
        guard readsRows else { return nil }
        let records = file.table.records
        while position < records.count {
            let record = records[position]
            position += 1
            if !file.isLeftOut(record), let row = row(from: record) { return row }
        }
        return nil
    }

    /// The category and org code of each row refused so far for its values.
    public private(set) var refusedRowReferences: [DemandReference] = []

    /// Every problem found so far: the file's (encoding, header, quoting) and the rows' read so far.
    public var issues: IssueList { file.issues }

    /// The records after the header, well-formed or not.
    public var recordCount: Int { file.table.records.count }

    /// The encoding the file turned out to be in.
    public var encoding: DetectedEncoding { file.table.encoding }

    /// The encoding read (or the workbook's sheet), for the import's record.
    public var readingOptions: [String: String] {
        sheetName.map { ["format": "xlsx", "sheet": $0] } ?? ["encoding": encoding.rawValue]
    }

    /// The header cell the file uses for one of the contract's fields (`类别` for `category`).
    public func columnName(_ field: String) -> String {
        file.columnName(field)
    }

    /// One record as a row, or `nil` (with its problems in ``issues``) when a value cannot be
    /// read. The demand's rules are not checked here but by every door alike
    /// (``DemandDraft/checked(on:door:channels:)``); a record refused for its form is checked against
    /// them too, so that a person sees all of its problems at once.
    private mutating func row(from record: CSVRecord) -> DemandImportRow? {
        let before = file.issues.totalCount
        let channel = self.sourceChannel(record)
        let unit = self.measureUnit(record)
        let quantity = unit.flatMap { self.quantity(record, unit: $0) }
        let state = self.state(record)
        var draft = DemandDraft(
            title: self.text(.title, record) ?? "", details: self.text(.description, record),
            category: self.text(.category, record) ?? "", orgCode: self.text(.orgCode, record) ?? "",
            sourceChannel: channel ?? .other, beneficiaries: self.beneficiaries(record),
            quantity: quantity ?? Self.placeholderQuantity, priority: self.priority(record) ?? .normal,
            dueOn: self.date(.dueOn, record), isPublic: self.boolean(.isPublic, record) ?? false,
            publishedOn: self.date(.publishedOn, record), externalID: self.text(.externalID, record),
            filedOn: self.date(.filedOn, record), state: state,
            escalationLevel: self.level(.escalationLevel, record), settledLevel: self.level(.settledLevel, record))
        guard file.issues.totalCount == before, quantity != nil else {
            // Also the rules' problems, from the same check every door runs.
            do throws(InvalidFields) { draft = try draft.checked(on: today, door: door, channels: channels) } catch { add(error, line: record.line) }
            refusedRowReferences.append(DemandReference(line: record.line, draft: draft))
            return nil
        }
        return DemandImportRow(line: record.line, draft: draft)
    }

    /// Stands in for a quantity that could not be read, so the rest of the row is checked.
    private static let placeholderQuantity = try! Quantity(1, .job)

    /// Adds a draft's problems to ``issues``, at `line`, under the file's own column names.
    mutating func add(_ error: InvalidFields, line: Int) {
        file.add(error, line: line)
    }
}
