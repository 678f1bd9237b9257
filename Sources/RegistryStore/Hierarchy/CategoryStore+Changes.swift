import Postgres
public import Registry

/// A category with how many of the district's demands and resources use it: what
/// `govreg category list` shows. Encoded as the category's own fields plus `demands` and
/// `resources`.
public struct CategoryUsage: Sendable, Hashable, Encodable {
    public var category: CategoryRecord
    public var demands: Int
    public var resources: Int

    private enum Keys: String, CodingKey { case demands, resources }

    public func encode(to encoder: any Encoder) throws {
        try category.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(demands, forKey: .demands)
        try container.encode(resources, forKey: .resources)
    }
}

extension CategoryStore {
    /// Every category of the transaction's tenant, in the district's order, with how many
    /// demands and resources use each.
    public static func usage(in tx: TenantTransaction) async throws -> [CategoryUsage] {
        try await tx.connection.query("""
            SELECT c.code, c.name_zh, c.name_en, c.sort_order, c.hidden, c.default_code,
                   (SELECT count(*) FROM demand d WHERE d.tenant_id = \(tx.tenantID) AND d.category_code = c.code) AS demands,
                   (SELECT count(*) FROM resource r WHERE r.tenant_id = \(tx.tenantID) AND r.category_code = c.code) AS resources
            FROM tenant_category c WHERE c.tenant_id = \(tx.tenantID) ORDER BY c.sort_order, c.code
            """).map { row in
            CategoryUsage(category: try record(row), demands: try row.decode(Int.self, "demands"), resources: try row.decode(Int.self, "resources"))
        }
    }

    /// Adds a category of the district's own, after the others.
    ///
    /// - Throws: ``InvalidFields`` with every problem: the draft's, and each of its code and
    ///   names that already names a category of the district (demands, resources and files
    ///   name a category by any of them, so each must name one only).
    public static func add(_ draft: CategoryDraft, in tx: TenantTransaction) async throws -> CategoryRecord {
        let draft = try draft.checked()
        let english = draft.englishNameOrDefault
        let others = try await all(tx)
        try refuseClashes([(CategoryDraft.Field.code, draft.code), (CategoryDraft.Field.nameZh, draft.chineseName), (CategoryDraft.Field.nameEn, english)], with: others)
        let order = (others.map(\.sortOrder).max() ?? 0) + 10
        do {
            let rows = try await tx.connection.query("""
                INSERT INTO tenant_category (tenant_id, code, name_zh, name_en, sort_order)
                VALUES (\(tx.tenantID), \(draft.code), \(draft.chineseName), \(english), \(order))
                RETURNING code, name_zh, name_en, sort_order, hidden, default_code
                """)
            return try record(rows[0])
        } catch let error as PostgresError where error.sqlState == "23505" {
            // Added by someone else since the check above.
            throw InvalidFields([clash(CategoryDraft.Field.code, draft.code, with: draft.code, named: draft.chineseName)])
        }
    }

    /// Gives the category `draft.code` new names; stored demands and resources keep it (they
    /// hold the code), and from now on files and commands name it by the new names.
    ///
    /// - Throws: ``RegistryStoreError/notFound(kind:key:)`` when the district has no category
    ///   with that code; ``InvalidFields`` for a bad name or one another category has.
    public static func rename(_ draft: CategoryDraft, in tx: TenantTransaction) async throws -> CategoryRecord {
        let draft = try draft.checked(isNew: false)
        let categories = try await all(tx)
        guard let stored = categories.first(where: { $0.code == draft.code }) else {
            throw RegistryStoreError.notFound(kind: "category 类别", key: draft.code)
        }
        let english = draft.englishName ?? stored.nameEn
        try refuseClashes([(CategoryDraft.Field.nameZh, draft.chineseName), (CategoryDraft.Field.nameEn, english)],
                          with: categories.filter { $0.code != stored.code })
        let rows = try await tx.connection.query("""
            UPDATE tenant_category SET name_zh = \(draft.chineseName), name_en = \(english)
            WHERE tenant_id = \(tx.tenantID) AND code = \(stored.code)
            RETURNING code, name_zh, name_en, sort_order, hidden, default_code
            """)
        return try record(rows[0])
    }

    // MARK: - Shared

    private static func all(_ tx: TenantTransaction) async throws -> [CategoryRecord] {
        try await list(in: tx)
    }

    /// Refuses each value that is already a spelling (code, Chinese or English name, in any
    /// letter case, as the lookups compare them) of one of `others`.
    private static func refuseClashes(_ values: [(FieldDeclaration, String)], with others: [CategoryRecord]) throws(InvalidFields) {
        var problems: [FieldProblem] = []
        for (field, value) in values {
            let key = value.lowercased()
            if let other = others.first(where: { [$0.code, $0.nameZh, $0.nameEn].contains { $0.lowercased() == key } }) {
                problems.append(clash(field, value, with: other.code, named: other.nameZh))
            }
        }
        if !problems.isEmpty { throw InvalidFields(problems) }
    }

    private static func clash(_ field: FieldDeclaration, _ value: String, with code: String, named name: String) -> FieldProblem {
        FieldProblem(field.name, value: value, chinese: "已用于本区县的类别 \(code)「\(name)」",
                     english: "already names the district's category \(code) (\(name)); each code and name names one category")
    }

    private static func record(_ row: Row) throws -> CategoryRecord {
        CategoryRecord(
            code: try row.decode(String.self, "code"), nameZh: try row.decode(String.self, "name_zh"),
            nameEn: try row.decode(String.self, "name_en"), sortOrder: try row.decode(Int.self, "sort_order"),
            hidden: try row.decode(Bool.self, "hidden"), defaultCode: try row.decode(String?.self, "default_code"))
    }
}
