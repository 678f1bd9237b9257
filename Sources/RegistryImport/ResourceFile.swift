public import Foundation
public import ImportIssues
public import Registry
import RegistryStore
public import SpreadsheetCSV

/// The resource file of `govreg import resources` (资源清单). Columns: docs/csv-columns.md.
///
/// The capacity is read in the row's unit of measure: yuan (with at most two decimals,
/// stored as fen) or a whole number. The category is resolved by the store, against the
/// district's own vocabulary.
public enum ResourceFile {
    /// The columns: the resource's declared fields (``ResourceDraft/Field``), by their name
    /// and their Chinese names.
    public static let header = HeaderMap(declared: ResourceDraft.Field.all)

    static let kinds = Spellings(ResourceKind.self)
    static let statuses = Spellings(ResourceStatus.self)
    /// docs/csv-columns.md names volunteer hours 志愿服务时长; the domain's name is 志愿服务小时.
    static let measureUnits = Spellings(MeasureUnit.self, extra: ["志愿服务时长": .volunteerHours])

    private typealias Field = ResourceDraft.Field

    /// The file's good rows, and every problem found in it (see ``UnitFile/read(_:encoding:)``);
    /// `door` says whose rules apply (a file must give the external id, a single record
    /// given field by field need not: ``record(_:)``).
    ///
    /// The reader reads values; the rules of a resource are its draft's, checked as every
    /// door checks them (``ResourceImportRow/checked(on:door:)``), also for a record with a
    /// value it could not read, so that a person sees all of its problems at once.
    public static func read(
        _ data: Data, encoding: TextEncoding = .automatic, today: CivilDate? = nil, door: FieldDeclaration.Doors = .file
    ) -> (rows: [ResourceImportRow], issues: IssueList) {
        let today = today ?? (try? CivilDate.todayInChina()) ?? .latest
        var file = ImportFile(data: data, header: header, encoding: encoding)
        var rows: [ResourceImportRow] = []
        for record in file.records {
            let before = file.issues.totalCount
            func text(_ field: FieldDeclaration) -> String? { file.optionalText(field.name, of: record) }
            let kind = file.spelledValue(kinds, Field.kind.name, of: record, required: true)
            let measureUnit = file.spelledValue(measureUnits, Field.measureUnit.name, of: record, required: true)
            let capacity = measureUnit.flatMap { amount(Field.capacity.name, of: record, in: $0, file: &file) }
            let row = ResourceImportRow(
                line: record.line, externalID: text(Field.externalID) ?? "", unitExternalID: text(Field.unit) ?? "",
                title: text(Field.title) ?? "", description: text(Field.description), category: text(Field.category) ?? "",
                kind: kind ?? .funds, capacity: capacity ?? 1, measureUnit: measureUnit ?? .items,
                unitCost: file.yuan(Field.unitCost.name, of: record), serviceAreaCodes: file.codeList(Field.serviceArea.name, of: record),
                availableFrom: file.date(Field.availableFrom.name, of: record), availableUntil: file.date(Field.availableUntil.name, of: record),
                status: file.spelledValue(statuses, Field.status.name, of: record, required: false) ?? .available,
                isPublic: file.yesNo(Field.isPublic.name, of: record), publishedOn: file.date(Field.publishedOn.name, of: record))
            do throws(InvalidFields) {
                let checked = try row.checked(on: today, door: door)
                // A value that could not be read stands in above; such a record is refused.
                if file.issues.totalCount == before, kind != nil, capacity != nil { rows.append(checked) }
            } catch {
                file.add(error, line: record.line)
            }
        }
        return (rows, file.issues)
    }

    /// Every row of a file, or every problem in it.
    ///
    /// - Throws: ``ImportRejected`` when any row is wrong.
    public static func rows(from data: Data) throws -> [ResourceImportRow] {
        let (rows, issues) = read(data)
        if !issues.isEmpty { throw ImportRejected(issues: issues) }
        return rows
    }

    /// A required amount in `unit`, as written: yuan as fen, whole numbers otherwise. Its rule
    /// (greater than 0) is the draft's.
    static func amount(_ name: String, of record: CSVRecord, in unit: MeasureUnit, file: inout ImportFile) -> Int64? {
        guard let field = file.field(name, of: record) else { return nil }
        guard !field.isBlank else {
            file.issues.append(field.issue(FieldDeclaration.missingReason))
            return nil
        }
        guard let amount = unit == .yuan ? file.issues.collect(try field.fen()) : file.issues.collect(try field.integer()) else { return nil }
        return Int64(amount)
    }
}
