import Foundation
import Postgres
import Registry

extension ResourceStore {
    /// Inserts a new resource, pledges its capacity (the first ledger entry) and lists its
    /// service area. `category` is a resolved code; `area` the org unit ids; `id` a number
    /// from a ``NumberBlock``, or nil for the district's next one.
    static func insert(
        _ row: ResourceImportRow, id number: Int64? = nil, unit: Int64, category: String, area: [Int64], _ tx: TenantTransaction
    ) async throws -> Int64 {
        let tenant = tx.tenantID
        // Available and exhausted follow the ledger, so a new resource starts available and the
        // pledge (and later draws) decide; offered and withdrawn are people's decisions.
        let status: ResourceStatus = row.status == .exhausted ? .available : row.status
        var number = number
        var externalID = row.externalID.isEmpty ? nil : row.externalID
        if externalID == nil {
            let new = try await NewRowNumber(.resource, prefix: "GR-R", number: number, in: tx)
            (number, externalID) = (new.id, new.externalID)
        }
        let id = try await tx.connection.query("""
            INSERT INTO resource (tenant_id, id, external_id, unit_id, title, description, category_code, kind, measure_unit,
                                  unit_cost_fen, available_from, available_until, status, is_public, published_on)
            VALUES (\(tenant), \(NumberedList.resource.id(number, tenant: tenant)), \(externalID), \(unit), \(row.title), \(row.description),
                    \(category), \(row.kind.rawValue), \(row.measureUnit.rawValue), \(row.unitCost?.fen),
                    \(row.availableFrom?.description)::date, \(row.availableUntil?.description)::date, \(status.rawValue),
                    \(row.isPublic), \(row.publishedOn?.description)::date)
            RETURNING id
            """)[0].decode(Int64.self, "id")
        try await insertLedger(resource: id, kind: .pledged, quantity: row.capacity, project: nil, note: "初始承诺 initial pledge", tx)
        _ = try await setServiceArea(of: id, to: area, tx)
        return id
    }

    /// Makes the listed service area of a resource exactly `ids`; true when that changed anything.
    static func setServiceArea(of resource: Int64, to ids: [Int64], _ tx: TenantTransaction) async throws -> Bool {
        try await RowsInsert.replaceLinks(in: "resource_service_area", owner: "resource_id", resource, link: "org_unit_id", to: ids, tx)
    }

    /// Appends one ledger line; the trigger updates the resource's sums and status.
    ///
    /// - Throws: ``RegistryError`` `insufficientRemaining` naming the resource when the
    ///   database refuses an overdraw (SQLSTATE 23514 from `CHECK (remaining >= 0)`), and
    ///   `returnExceedsDrawn` when it refuses a return larger than what the project holds.
    static func insertLedger(
        resource: Int64, kind: LedgerEntry.Kind, quantity: Int64, project: Int64?, note: String?, _ tx: TenantTransaction
    ) async throws {
        let tenant = tx.tenantID
        // What the refusal message needs, read before the insert: after a failed statement the
        // transaction is aborted and can read nothing more.
        let before = try await tx.connection.query("""
            SELECT external_id, title, measure_unit, pledged, remaining FROM resource WHERE tenant_id = \(tenant) AND id = \(resource)
            """)
        guard let current = before.first else { throw RegistryStoreError.notFound(kind: "resource 资源", key: "\(resource)") }
        do {
            try await tx.connection.execute("""
                INSERT INTO resource_ledger (tenant_id, resource_id, kind, quantity, project_id, actor, note)
                VALUES (\(tenant), \(resource), \(kind.rawValue), \(quantity), \(project), \(tx.actor), \(note))
                """)
        } catch let error as PostgresError where error.sqlState == "23514" {
            let unit = try MeasureUnit(parsing: try current.decode(String.self, "measure_unit"))
            let name = "「\(try current.decode(String.self, "title"))」(\(try current.decode(String?.self, "external_id") ?? "#\(resource)"))"
            let zh = unit.chineseText, en = unit.englishText
            let remaining = try current.decode(Int64.self, "remaining")
            if kind == .returned {
                throw RegistryError(
                    .returnExceedsDrawn, field: "quantity",
                    chinese: "资源\(name)退回超过项目所持有的数量：本次退回 \(zh(quantity))",
                    english: "resource \(name): the return of \(en(quantity)) exceeds what the project holds")
            }
            throw RegistryError(
                .insufficientRemaining, field: "quantity",
                chinese: "资源\(name)剩余不足：承诺总量 \(zh(try current.decode(Int64.self, "pledged")))，剩余 \(zh(remaining))，本次支取 \(zh(quantity))（数据库拒绝透支）",
                english: "resource \(name) has not enough remaining: pledged \(en(try current.decode(Int64.self, "pledged"))), remaining \(en(remaining)), requested \(en(quantity)) (the database refused the overdraw)")
        }
    }
}
