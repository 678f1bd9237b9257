public import Foundation
import Registry
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
/// let summary = try await DemandStore(database: registry).importRows(&file, tenant: id, actor: actor)
/// ```
public struct DemandFile: DemandImportRows {
    /// The columns, English name first, then the Chinese names districts use.
    public static let header = HeaderMap([
        .init("external_id", aliases: ["需求编号", "编号"]),
        .init("title", aliases: ["需求名称", "名称", "标题"]),
        .init("description", aliases: ["需求描述", "描述", "详细说明"], required: false),
        .init("category", aliases: ["类别", "需求类别"]),
        .init("org_code", aliases: ["所在组织编码", "组织编码", "社区编码"]),
        .init("source_channel", aliases: ["来源渠道", "来源"], required: false),
        .init("quantity", aliases: ["数量", "需求数量"]),
        .init("measure_unit", aliases: ["计量单位", "单位"]),
        .init("priority", aliases: ["优先级"], required: false),
        .init("beneficiaries", aliases: ["受益人数"], required: false),
        .init("due_on", aliases: ["期限", "截止日期", "完成时限"], required: false),
        .init("state", aliases: ["状态"], required: false),
        .init("filed_on", aliases: ["提出日期", "登记日期"], required: false),
        .init("is_public", aliases: ["是否公示", "公示"], required: false),
        .init("published_on", aliases: ["公示日期"], required: false),
        .init("escalation_level", aliases: ["层级", "处理层级"], required: false),
        .init("settled_level", aliases: ["办结层级"], required: false),
    ])

    /// The fields in ``header`` order, as indices into ``Columns``.
    enum Field: Int, CaseIterable {
        case externalID, title, description, category, orgCode, sourceChannel, quantity, measureUnit, priority
        case beneficiaries, dueOn, state, filedOn, isPublic, publishedOn, escalationLevel, settledLevel

        var name: String { DemandFile.header.fields[rawValue].name }
    }

    var file: ImportFile
    /// The column of each ``Field``, looked up once rather than once per value.
    let columns: [Int?]
    /// False when a required column is missing: the header is then the problem, and
    /// checking each row against it would only repeat that.
    let readsRows: Bool
    private var position = 0

    /// Reads a file in UTF-8 (with or without BOM) or GB18030/GBK, comma or tab separated.
    ///
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - encoding: The encoding, or `automatic` to detect it.
    public init(data: Data, encoding: TextEncoding = .automatic) {
        file = ImportFile(data: data, header: Self.header, encoding: encoding, issueLimit: DemandStore.issueLimit)
        let resolved = file.columns
        let columns = Field.allCases.map { resolved.column(for: $0.name) }
        self.columns = columns
        readsRows = Self.header.fields.indices.allSatisfy { !Self.header.fields[$0].isRequired || columns[$0] != nil }
    }

    /// Every row of a file, or every problem in it: for callers that want them all at once.
    ///
    /// - Throws: ``ImportRejected`` when any row is wrong.
    public static func rows(from data: Data, encoding: TextEncoding = .automatic) throws -> [DemandImportRow] {
        var file = DemandFile(data: data, encoding: encoding)
        var rows: [DemandImportRow] = []
        while let row = file.next() { rows.append(row) }
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
            if let row = row(from: record) { return row }
        }
        return nil
    }

    /// Today in China, against which a day a need was raised is checked.
    private let today = try? CivilDate.todayInChina()

    /// A need is not raised after today, nor due before it was raised.
    private mutating func checkDays(filedOn: CivilDate?, dueOn: CivilDate?, _ record: CSVRecord) {
        if let filedOn, let today, filedOn > today, let field = field(.filedOn, record) {
            file.issues.append(field.issue("提出日期晚于今天 the day it was raised is after today"))
        }
        if let filedOn, let dueOn, dueOn < filedOn, let field = field(.dueOn, record) {
            file.issues.append(field.issue("期限 \(dueOn) 早于提出日期 \(filedOn) the due day \(dueOn) is before the day it was raised, \(filedOn)"))
        }
    }

    /// The category and org code of each row refused so far for its values.
    public private(set) var refusedRowReferences: [DemandReference] = []

    /// Every problem found so far: the file's (encoding, header, quoting) and the rows' read so far.
    public var issues: IssueList { file.issues }

    /// The records after the header, well-formed or not.
    public var recordCount: Int { file.table.records.count }

    /// The encoding the file turned out to be in.
    public var encoding: DetectedEncoding { file.table.encoding }

    /// The header cell the file uses for one of the contract's fields (`类别` for `category`).
    public func columnName(_ field: String) -> String {
        file.columns.column(for: field).map { file.table.header[$0] } ?? field
    }

    /// One record as a row, or `nil` (with its problems in ``issues``) when any value is wrong.
    private mutating func row(from record: CSVRecord) -> DemandImportRow? {
        let before = file.issues.totalCount
        // `self.` throughout: several readers share their names with the values they read.
        let externalID = self.required(.externalID, record)
        let title = self.text(.title, record, limit: Demand.maximumTitleLength, required: true)
        let details = self.text(.description, record, limit: Demand.maximumDetailsLength, required: false)
        let category = self.required(.category, record)
        let orgCode = self.required(.orgCode, record)
        let channel = self.sourceChannel(record)
        let unit = self.measureUnit(record)
        let quantity = unit.flatMap { self.quantity(record, unit: $0) }
        let priority = self.priority(record)
        let beneficiaries = self.beneficiaries(record)
        let dueOn = self.date(.dueOn, record)
        let state = self.state(record)
        let filedOn = self.date(.filedOn, record)
        checkDays(filedOn: filedOn, dueOn: dueOn, record)
        let isPublic = self.boolean(.isPublic, record)
        let publishedOn = self.date(.publishedOn, record)
        let (escalationLevel, settledLevel) = levels(state: state, record)
        guard file.issues.totalCount == before, let externalID, let title, let category, let orgCode,
            let quantity
        else {
            refusedRowReferences.append(DemandReference(line: record.line, category: category, orgCode: orgCode))
            return nil
        }
        return DemandImportRow(
            line: record.line, externalID: externalID, title: title, details: details, category: category,
            orgCode: orgCode, sourceChannel: channel ?? .other, quantity: quantity, priority: priority ?? .normal,
            beneficiaries: beneficiaries, dueOn: dueOn, state: state, filedOn: filedOn, isPublic: isPublic ?? false,
            publishedOn: publishedOn, escalationLevel: escalationLevel, settledLevel: settledLevel)
    }
}
