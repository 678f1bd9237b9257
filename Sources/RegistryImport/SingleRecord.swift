import Foundation
public import ImportIssues
public import Registry
public import RegistryStore
import SpreadsheetCSV

/// One record given field by field rather than as a line of a file: the command line's
/// `demand add` and `resource add`. It is written as the one record of a file with the list's
/// English header and read by that list's own reader, so that its values are read exactly as
/// a file's are (`2027/2/3`, `¥30,000.00`, 志愿服务时长, 是) and every problem is found at
/// once, each under its field's name (the issue's column). The rules are then the API's door:
/// an external id may be left to the store.
enum SingleRecord {
    /// The file of one record: each column of `header` by its English name, blank where
    /// `values` (field name → text) gives nothing.
    static func file(_ header: HeaderMap, _ values: [String: String]) -> Data {
        var writer = CSVWriter(lineEnding: .lf, byteOrderMark: false)
        writer.writeRow(header.fields.map(\.name))
        writer.writeRow(header.fields.map { values[$0.name] ?? "" })
        return writer.data
    }

    /// The issue when nothing at all was given (a record of blank cells is no record).
    static let nothingGiven = ImportIssue(line: 2, reason: "没有给出任何值 no values given")
}

extension DemandFile {
    /// One new demand given field by field (``SingleRecord``), checked as the API's door
    /// checks one (an external id is optional).
    ///
    /// ```swift
    /// let read = DemandFile.record(["title": "楼道灯不亮", "quantity": "¥30,000.00", "measure_unit": "元", "due_on": "2027/2/3"])
    /// ```
    ///
    /// - Parameters:
    ///   - values: Field name (``DemandDraft/Field``, e.g. `due_on`) → text as a person wrote it.
    ///   - channels: The source channels there are (``ModuleCatalogue/sourceChannels``).
    /// - Returns: The draft when the record has no problem; else every problem, the field's
    ///   name as its column.
    public static func record(_ values: [String: String], channels: SourceChannels = .core) -> (draft: DemandDraft?, issues: IssueList) {
        var file = DemandFile(data: SingleRecord.file(header, values), channels: channels)
        file.door = .api
        guard file.recordCount > 0 else {
            var issues = file.issues
            issues.append(SingleRecord.nothingGiven)
            return (nil, issues)
        }
        guard let row = file.next() else { return (nil, file.issues) }
        do throws(InvalidFields) {
            return (try row.draft.checked(on: file.today, door: .api, channels: channels), file.issues)
        } catch {
            file.add(error, line: row.line)
            return (nil, file.issues)
        }
    }
}

extension ResourceFile {
    /// One new resource given field by field (``SingleRecord``), checked as the API's door
    /// checks one (an external id is optional).
    ///
    /// - Parameter values: Field name (``ResourceDraft/Field``, e.g. `available_from`) → text
    ///   as a person wrote it.
    /// - Returns: The row when the record has no problem; else every problem, the field's
    ///   name as its column.
    public static func record(_ values: [String: String]) -> (row: ResourceImportRow?, issues: IssueList) {
        var (rows, issues) = read(SingleRecord.file(header, values), door: .api)
        if rows.isEmpty, issues.isEmpty { issues.append(SingleRecord.nothingGiven) }
        return (issues.isEmpty ? rows.first : nil, issues)
    }
}

extension UnitFile {
    /// One unit given field by field (``SingleRecord``), checked as a file's row is: the
    /// columns of ``header`` (`communities` separated by `;`, `；` or `、`).
    public static func record(_ values: [String: String]) -> (row: UnitImportRow?, issues: IssueList) {
        var (rows, issues) = read(SingleRecord.file(header, values))
        if rows.isEmpty, issues.isEmpty { issues.append(SingleRecord.nothingGiven) }
        return (issues.isEmpty ? rows.first : nil, issues)
    }
}
