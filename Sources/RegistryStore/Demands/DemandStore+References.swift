import Foundation
import Postgres
public import Registry

extension DemandStore {
    /// What a new demand names that the district does not have, or already has: an unknown
    /// category or org code, a taken external id, each as a problem of its field, all at once
    /// (``file(_:submit:in:)`` stops at the first). A door that shows every problem of a
    /// record together (the command line's `demand add`) asks this first, with the values as
    /// given even when others were wrong; a blank value is the draft's check to name.
    ///
    /// - Parameters:
    ///   - category: A category code or the district's Chinese name for it.
    ///   - orgCode: The org unit's code.
    ///   - externalID: The district's own id for the new demand, if given.
    public static func referenceProblems(
        category: String?, orgCode: String?, externalID: String?, in tx: TenantTransaction
    ) async throws -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if let externalID = named(externalID), try await !tx.connection.query("""
            SELECT 1 FROM demand WHERE tenant_id = \(tx.tenantID) AND external_id = \(externalID)
            """).isEmpty {
            problems.append(FieldProblem(
                DemandDraft.Field.externalID.name, value: externalID, chinese: "需求编号已存在",
                english: "a demand with this external id exists"))
        }
        if let category = named(category) {
            do { _ = try await categoryCode(category, tx) } catch RegistryStoreError.notFound {
                problems.append(FieldProblem(
                    DemandDraft.Field.category.name, value: category, chinese: "没有这个类别",
                    english: "no such category (code or Chinese name) in this district; `govreg category list` shows them"))
            }
        }
        if let orgCode = named(orgCode) {
            do { _ = try await orgUnitID(orgCode, tx) } catch RegistryStoreError.notFound {
                problems.append(FieldProblem(
                    DemandDraft.Field.orgCode.name, value: orgCode, chinese: "没有这个组织编码",
                    english: "no org unit with this code in this district"))
            }
        }
        return problems
    }

    /// The text trimmed, nil when blank.
    static func named(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
