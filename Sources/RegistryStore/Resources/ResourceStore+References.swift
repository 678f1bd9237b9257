import Postgres
public import Registry

extension ResourceStore {
    /// What a new resource names that the district does not have, or already has: an unknown
    /// unit, category or service-area code, a taken external id, each as a problem of its
    /// field, all at once (``create(_:in:)`` stops at the first). Asked first by a door that
    /// shows every problem of a record together (the command line's `resource add`), with
    /// the values as given; a blank value is the draft's check to name.
    ///
    /// - Parameters:
    ///   - unit: The pledging unit's code (external id) or id.
    ///   - category: A category code, or the district's Chinese or English name for it.
    ///   - serviceArea: The org codes it may serve.
    ///   - externalID: The district's own id for the new resource, if given.
    public static func referenceProblems(
        unit: String?, category: String?, serviceArea: [String], externalID: String?, in tx: TenantTransaction
    ) async throws -> [FieldProblem] {
        typealias Field = ResourceDraft.Field
        var problems: [FieldProblem] = []
        if let externalID = DemandStore.named(externalID), try await !tx.connection.query("""
            SELECT 1 FROM resource WHERE tenant_id = \(tx.tenantID) AND external_id = \(externalID)
            """).isEmpty {
            problems.append(FieldProblem(Field.externalID.name, value: externalID, chinese: "资源编号已存在", english: "a resource with this external id exists"))
        }
        if let unit = DemandStore.named(unit) {
            do { _ = try await UnitStore.id(of: unit, tx) } catch RegistryStoreError.notFound {
                problems.append(FieldProblem(Field.unit.name, value: unit, chinese: "没有这个单位", english: "no unit with this code in this district"))
            }
        }
        if let category = DemandStore.named(category), try await categoryCodes(tx)[categoryKey(category)] == nil {
            problems.append(FieldProblem(
                Field.category.name, value: category, chinese: "没有这个类别",
                english: "no such category (code, Chinese or English name) in this district; `govreg category list` shows them"))
        }
        let codes = serviceArea.compactMap(DemandStore.named)
        let nodes = try await UnitStore.orgUnits(codes: codes, tx)
        for code in codes where nodes[code] == nil {
            problems.append(FieldProblem(Field.serviceArea.name, value: code, chinese: "没有这个组织编码", english: "no org unit with this code in this district"))
        }
        return problems
    }
}
