import ImportIssues
import Registry
import RegistryImport
import RegistryStore

/// A form that adds or changes one record of a list the way a spreadsheet row does
/// (``SpreadsheetImport/runRecord(_:values:on:tenant:actor:)``): the hierarchy's nodes and the
/// members who reported for duty. The problems come back by field.
enum RecordForm {
    /// Loads `fields` of the posted form as one row of `list`; the problems by field name
    /// when it is refused (nothing written then).
    static func save(_ list: String, fields: [String], _ visit: Visit) async throws -> [String: String] {
        var values: [String: String] = [:]
        for name in fields { if let value = visit.form[name] { values[name] = value } }
        do {
            _ = try await SpreadsheetImport.runRecord(list, values: values, on: visit.console.database, tenant: visit.tenantID, actor: visit.account.actor)
            return [:]
        } catch let rejected as ImportRejected {
            var errors: [String: String] = [:]
            for issue in rejected.issues.issues {
                let field = issue.column.flatMap { fields.contains($0) ? $0 : nil } ?? fields[0]
                errors[field] = errors[field].map { $0 + "；" + issue.reason } ?? issue.reason
            }
            return errors
        }
    }
}
