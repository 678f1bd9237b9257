import Foundation
public import ImportIssues
import Postgres
import Registry
public import RegistryStore

extension ProxyServiceStore {
    /// Imports catalogue items (a file's or the API's rows), matched on their code: new codes
    /// are added, known ones updated. All or nothing: any problem refuses the whole import,
    /// listing every problem with its line, and nothing is written. A request already taken
    /// keeps the deadline and checklist it was taken with.
    ///
    /// - Throws: ``ImportRejected``; ``RegistryStoreError`` when the module is not enabled.
    public static func importItems(_ rows: [ServiceItemRow], in tx: TenantTransaction) async throws -> ImportSummary {
        _ = try await Self.enabledSettings(tx)
        let drafts: [ServiceItemDraft]
        switch ServiceItemRow.checked(rows) {
        case .success(let checked): drafts = checked
        case .failure(let rejected): throw rejected
        }
        var summary = ImportSummary()
        for item in drafts {
            let outcome = try await tx.connection.query("""
                INSERT INTO proxy_service_item (tenant_id, code, name, level, department, deadline_days, deadline_kind, documents)
                VALUES (\(tx.tenantID), \(item.code), \(item.name), \(item.level.rawValue), \(item.department),
                        \(item.deadline.days), \(item.deadline.kind.rawValue), \(item.documents)::text[])
                ON CONFLICT (tenant_id, code) DO UPDATE SET
                    name = EXCLUDED.name, level = EXCLUDED.level, department = EXCLUDED.department, deadline_days = EXCLUDED.deadline_days,
                    deadline_kind = EXCLUDED.deadline_kind, documents = EXCLUDED.documents, updated_at = EXCLUDED.updated_at,
                    row_version = proxy_service_item.row_version + 1
                WHERE (proxy_service_item.name, proxy_service_item.level, proxy_service_item.department, proxy_service_item.deadline_days,
                       proxy_service_item.deadline_kind, proxy_service_item.documents)
                      IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.level, EXCLUDED.department, EXCLUDED.deadline_days,
                                        EXCLUDED.deadline_kind, EXCLUDED.documents)
                RETURNING (xmax = 0) AS inserted
                """).first
            switch try outcome?.decode(Bool.self, "inserted") {
            case true?: summary.inserted += 1
            case false?: summary.updated += 1
            case nil: summary.unchanged += 1
            }
        }
        return summary
    }

    /// The catalogue: town items first, then village items, each by code.
    public static func items(level: ServiceLevel? = nil, in tx: TenantTransaction) async throws -> [ServiceItem] {
        _ = try await Self.enabledSettings(tx)
        return try await Self.items(tx, where: """
             AND (\(level?.rawValue)::text IS NULL OR level = \(level?.rawValue)) ORDER BY level = 'village', code
            """)
    }

    static func item(code: String, _ tx: TenantTransaction) async throws -> ServiceItem {
        guard let item = try await Self.items(tx, where: " AND code = \(code.trimmingCharacters(in: .whitespaces))").first else {
            throw RegistryStoreError.notFound(kind: "service item 服务事项", key: code)
        }
        return item
    }

    static func items(_ tx: TenantTransaction, where filter: SQL) async throws -> [ServiceItem] {
        var sql: SQL = """
            SELECT id, code, name, level, department, deadline_days, deadline_kind, documents
            FROM proxy_service_item WHERE tenant_id = \(tx.tenantID)
            """
        sql.append(filter)
        return try await tx.connection.query(sql).map { row in
            ServiceItem(
                id: try row.decode(Int64.self, "id"), code: try row.decode(String.self, "code"), name: try row.decode(String.self, "name"),
                level: ServiceLevel(rawValue: try row.decode(String.self, "level"))!, department: try row.decode(String.self, "department"),
                deadline: ServiceDeadline(days: try row.decode(Int.self, "deadline_days"), kind: DeadlineKind(rawValue: try row.decode(String.self, "deadline_kind"))!),
                documents: try row.decode([String].self, "documents"))
        }
    }
}
