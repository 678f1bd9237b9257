public import Foundation
public import ImportIssues
import Postgres
import Registry

extension UnitStore {
    /// Imports units all or nothing, matched by external id: importing the same rows twice
    /// changes nothing, an edited row updates its unit in place, and each unit's contracted
    /// communities become exactly those of its row.
    ///
    /// Owns its transaction, so it takes the database rather than a transaction (see
    /// ``RegistryDatabase/withTenant(_:actor:readOnly:isolation:_:)``): all or nothing, and a
    /// dry run does the work, then rolls the transaction back.
    ///
    /// - Parameters:
    ///   - rows: The file's rows (``UnitImportRow``).
    ///   - issues: Problems the file reader already found; they are reported together with
    ///     the ones found here, and any of them stops the import.
    ///   - dryRun: Do everything, report it, then roll back.
    /// - Returns: How many units were inserted, updated or left unchanged.
    /// - Throws: ``ImportRejected`` with every problem (duplicate external id, unknown
    ///   community code, a code that is no community); nothing was written.
    public static func importRows(
        _ rows: [UnitImportRow], issues: IssueList = IssueList(), on database: RegistryDatabase, tenant: UUID, actor: String, dryRun: Bool = false
    ) async throws -> ImportSummary {
        try await database.runListImport(tenant: tenant, actor: actor, dryRun: dryRun) { tx in
            var issues = issues
            let nodes = try await Self.orgUnits(codes: rows.flatMap(\.communityCodes), tx)
            var seen: [String: Int] = [:]
            var communityIDs: [[Int64]] = []
            for row in rows {
                if let first = seen[row.externalID] {
                    issues.append(ImportIssue(line: row.line, column: "external_id", value: row.externalID, reason: "编号重复 duplicate external id (first on line \(first))"))
                }
                seen[row.externalID] = seen[row.externalID] ?? row.line
                var ids: [Int64] = []
                for code in row.communityCodes {
                    guard let node = nodes[code] else {
                        issues.append(ImportIssue(line: row.line, column: "communities", value: code, reason: "没有这个组织编码 no such org code"))
                        continue
                    }
                    guard Self.isCommunity(node.kind) else {
                        issues.append(ImportIssue(line: row.line, column: "communities", value: code, reason: Self.notACommunity(code, node.kind)))
                        continue
                    }
                    ids.append(node.id)
                }
                communityIDs.append(ids)
            }
            if !issues.isEmpty { throw ImportRejected(issues: issues) }
            var summary = ImportSummary()
            for (row, ids) in zip(rows, communityIDs) {
                summary.count(try await Self.upsert(row, communityIDs: ids, tx).outcome)
            }
            return summary
        }
    }

    /// Inserts or updates one unit by external id and sets its communities.
    static func upsert(_ row: UnitImportRow, communityIDs: [Int64], _ tx: TenantTransaction) async throws -> (id: Int64, outcome: ListRowOutcome) {
        let tenant = tx.tenantID
        let (id, outcome) = try await ListRowOutcome.upsert(
            existing: "SELECT id FROM unit WHERE tenant_id = \(tenant) AND external_id = \(row.externalID)",
            upsert: """
                INSERT INTO unit (tenant_id, external_id, name, kind, contact_name, contact_phone, address)
                VALUES (\(tenant), \(row.externalID), \(row.name), \(row.kind.rawValue), \(row.contactName),
                        \(row.contactPhone?.unmasked), \(row.address))
                ON CONFLICT (tenant_id, external_id) DO UPDATE
                SET name = excluded.name, kind = excluded.kind, contact_name = excluded.contact_name,
                    contact_phone = excluded.contact_phone, address = excluded.address,
                    updated_at = excluded.updated_at, row_version = unit.row_version + 1
                WHERE (unit.name, unit.kind, unit.contact_name, unit.contact_phone, unit.address)
                      IS DISTINCT FROM (excluded.name, excluded.kind, excluded.contact_name, excluded.contact_phone, excluded.address)
                RETURNING id
                """, tx)
        let changed = try await setCommunities(of: id, to: communityIDs, tx)
        return (id, outcome.updated(if: changed))
    }

    /// Makes the unit's contracted communities exactly `ids`; true when that changed anything.
    private static func setCommunities(of unit: Int64, to ids: [Int64], _ tx: TenantTransaction) async throws -> Bool {
        try await RowsInsert.replaceLinks(in: "unit_community", owner: "unit_id", unit, link: "org_unit_id", to: ids, tx)
    }
}
