public import Foundation
public import ImportIssues
public import Registry
import RegistryStore
public import SpreadsheetCSV

/// The project file of `govreg import projects` (项目清单). Columns: docs/csv-columns.md.
///
/// `allocations` is `RESOURCE_ID:QUANTITY` pairs separated by `;` (quantities in each
/// resource's unit, yuan for funds); they are read against the resources by the store.
public enum ProjectFile {
    /// The columns: the project's declared fields (``ProjectDraft/Field``), by their name
    /// and their Chinese names.
    public static let header = HeaderMap(declared: ProjectDraft.Field.all)

    /// docs/csv-columns.md writes 计划 and 已完成, the domain 计划中 and 已完工: both are read.
    static let statuses = Spellings(ProjectStatus.self, extra: ["计划": .planned, "已完成": .completed, "进行中": .inProgress])

    private typealias Field = ProjectDraft.Field

    /// The file's good rows, and every problem found in it (see ``UnitFile/read(_:encoding:)``).
    ///
    /// The reader reads values; the rules of a project row are the domain's, checked as
    /// every door checks a project (``ProjectImportRow/checked(on:statusKnown:)``), also for a
    /// record with a value it could not read, so that a person sees all of its problems at
    /// once. What the stored lists decide is the store's (``ProjectImportCheck``).
    public static func read(
        _ data: Data, encoding: TextEncoding = .automatic, today: CivilDate? = nil
    ) -> (rows: [ProjectImportRow], issues: IssueList) {
        let today = today ?? (try? CivilDate.todayInChina()) ?? .latest
        var file = ImportFile(data: data, header: header, encoding: encoding)
        var rows: [ProjectImportRow] = []
        for record in file.records {
            let before = file.issues.totalCount
            func text(_ field: FieldDeclaration) -> String? { file.optionalText(field.name, of: record) }
            var allocations: [ProjectAllocationRequest] = []
            for pair in file.codeList(Field.allocations.name, of: record) {
                guard let request = ProjectAllocationRequest(parsing: pair) else {
                    file.issues.append(ImportIssue(line: record.line, column: file.columnName(Field.allocations.name), value: pair,
                        reason: "须写作「资源编号:数量」 must be RESOURCE_ID:QUANTITY"))
                    continue
                }
                allocations.append(request)
            }
            let spelled = file.spelledValue(statuses, Field.status.name, of: record, required: false)
            // A status that could not be read is reported once, not again through its days.
            let statusKnown = spelled != nil || text(Field.status) == nil
            let score = file.wholeNumber(Field.rating.name, of: record, in: 1...5)
            var problems: [FieldProblem] = []
            var rating: Rating?
            switch ProjectImportRow.rating(score: score, comment: text(Field.ratingComment)) {
            case .success(let read): rating = read
            case .failure(let problem): problems.append(problem)
            }
            let row = ProjectImportRow(
                line: record.line, externalID: text(Field.externalID) ?? "", title: text(Field.title) ?? "",
                description: text(Field.description), responsibleUnitExternalID: text(Field.responsibleUnit) ?? "",
                demandExternalIDs: file.codeList(Field.demands.name, of: record), allocations: allocations,
                budget: file.yuan(Field.budget.name, of: record), startsOn: file.date(Field.startsOn.name, of: record),
                dueOn: file.date(Field.dueOn.name, of: record), status: spelled ?? .planned,
                progressPercent: file.wholeNumber(Field.progressPercent.name, of: record, in: 0...100) ?? 0,
                isPublic: file.yesNo(Field.isPublic.name, of: record), publishedOn: file.date(Field.publishedOn.name, of: record),
                rating: rating, completedOn: file.date(Field.completedOn.name, of: record),
                checkedOn: file.date(Field.checkedOn.name, of: record), cancelReason: text(Field.cancelReason))
            do throws(InvalidFields) {
                let checked = try row.checked(on: today, statusKnown: statusKnown)
                if problems.isEmpty, file.issues.totalCount == before { rows.append(checked) }
            } catch {
                problems += error.problems
            }
            if !problems.isEmpty { file.add(InvalidFields(problems), line: record.line) }
        }
        return (rows, file.issues)
    }

    /// Every row of a file, or every problem in it.
    ///
    /// - Throws: ``ImportRejected`` when any row is wrong.
    public static func rows(from data: Data) throws -> [ProjectImportRow] {
        let (rows, issues) = read(data)
        if !issues.isEmpty { throw ImportRejected(issues: issues) }
        return rows
    }
}
