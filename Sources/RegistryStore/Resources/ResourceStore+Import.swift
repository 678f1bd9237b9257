public import Foundation
public import ImportIssues
import Postgres
public import Registry

extension ResourceStore {
    /// Imports resources all or nothing, matched by external id.
    ///
    /// A new resource is filed with its capacity as the first pledge. For one already stored,
    /// the ledger is history and is never rewritten: a larger capacity is pledged on top (a
    /// new ledger line for the difference), a smaller one is refused (withdraw the resource
    /// instead), and the measure unit cannot change. Available and exhausted follow the
    /// ledger; a file may confirm an offered resource or withdraw one, never bring a
    /// withdrawn one back. The service area becomes exactly the row's.
    ///
    /// Owns its transaction, so it takes the database rather than a transaction (see
    /// ``RegistryDatabase/withTenant(_:actor:readOnly:isolation:_:)``): all or nothing, and a
    /// dry run does the work, then rolls the transaction back.
    ///
    /// - Parameters:
    ///   - rows: The file's rows.
    ///   - issues: Problems the file reader already found, reported with the ones found here.
    ///   - dryRun: Do everything, report it, then roll back.
    /// - Throws: ``ImportRejected`` with every problem; nothing was written.
    public static func importRows(
        _ rows: [ResourceImportRow], issues: IssueList = IssueList(), on database: RegistryDatabase, tenant: UUID, actor: String, dryRun: Bool = false
    ) async throws -> ImportSummary {
        try await database.runListImport(tenant: tenant, actor: actor, dryRun: dryRun) { tx in
            var issues = issues
            let units = try await MemberStore.unitIDs(Array(Set(rows.map(\.unitExternalID))), tx)
            let categories = try await Self.categoryCodes(tx)
            let nodes = try await UnitStore.orgUnits(codes: rows.flatMap(\.serviceAreaCodes), tx)
            let stored = try await Self.stored(externalIDs: rows.map(\.externalID), tx)
            var seen: [String: Int] = [:]
            var plans: [(row: ResourceImportRow, unit: Int64, category: String, area: [Int64], status: ResourceStatus)] = []
            for row in rows {
                func issue(_ column: String, _ value: String?, _ reason: String) {
                    issues.append(ImportIssue(line: row.line, column: column, value: value, reason: reason))
                }
                if let first = seen[row.externalID] { issue("external_id", row.externalID, "编号重复 duplicate external id (first on line \(first))") }
                seen[row.externalID] = seen[row.externalID] ?? row.line
                let unit = units[row.unitExternalID]
                if unit == nil { issue(ResourceDraft.Field.unit.name, row.unitExternalID, "没有这个单位 no such unit") }
                let category = categories[Self.categoryKey(row.category)]
                if category == nil { issue("category", row.category, "本区县没有这个类别 no such category in the district's vocabulary") }
                var area: [Int64] = []
                for code in row.serviceAreaCodes {
                    if let node = nodes[code] { area.append(node.id) } else { issue("service_area", code, "没有这个组织编码 no such org code") }
                }
                var status = row.status
                if let old = stored[row.externalID] {
                    let zh = row.measureUnit.chineseText, en = row.measureUnit.englishText
                    if old.unit != row.measureUnit {
                        issue("measure_unit", row.measureUnit.rawValue, "计量单位不能更改（原为\(old.unit.chineseName)），台账按原单位记账 cannot change from \(old.unit.rawValue): the ledger is kept in it")
                    } else if row.capacity < old.pledged {
                        issue("capacity", Self.amountText(row.capacity, in: row.measureUnit), "承诺量不能减少：已承诺 \(zh(old.pledged))，台账不改写历史；请撤回该资源 cannot go below the \(en(old.pledged)) already pledged: the ledger is never rewritten; withdraw the resource instead")
                    }
                    if let next = Self.statusAfterImport(stored: old.status, file: row.status, remaining: old.remaining) {
                        status = next
                        if next == .withdrawn, row.capacity > old.pledged, old.unit == row.measureUnit {
                            issue("capacity", Self.amountText(row.capacity, in: row.measureUnit), "已撤回的资源不能追加承诺 a withdrawn resource takes no further pledge")
                        }
                    } else {
                        issue("status", row.status.rawValue, "资源当前为「\(old.status.chineseName)」，不能改为「\(row.status.chineseName)」 the resource is \(old.status.rawValue) and cannot become \(row.status.rawValue)")
                    }
                }
                if let unit, let category { plans.append((row, unit, category, area, status)) }
            }
            if !issues.isEmpty { throw ImportRejected(issues: issues) }
            var summary = ImportSummary()
            var numbers = try await NumberBlock(.resource, count: plans.count { stored[$0.row.externalID] == nil }, in: tx)
            for plan in plans {
                guard let old = stored[plan.row.externalID] else {
                    _ = try await Self.insert(plan.row, id: numbers.take(), unit: plan.unit, category: plan.category, area: plan.area, tx)
                    summary.inserted += 1
                    continue
                }
                let changed = try await Self.update(old.id, plan.row, unit: plan.unit, category: plan.category, status: plan.status, tx)
                let areaChanged = try await Self.setServiceArea(of: old.id, to: plan.area, tx)
                if plan.row.capacity > old.pledged {
                    let text = Self.amountText
                    try await Self.insertLedger(
                        resource: old.id, kind: .pledged, quantity: plan.row.capacity - old.pledged, project: nil,
                        note: "导入调整承诺 capacity raised by import from \(text(old.pledged, old.unit)) to \(text(plan.row.capacity, old.unit))", tx)
                }
                summary.count(ListRowOutcome.unchanged.updated(if: changed || areaChanged || plan.row.capacity > old.pledged))
            }
            return summary
        }
    }

    /// The status a stored resource takes from an imported row, or nil when the move is refused.
    static func statusAfterImport(stored: ResourceStatus, file: ResourceStatus, remaining: Int64) -> ResourceStatus? {
        let drawable: Set<ResourceStatus> = [.available, .exhausted]
        switch (stored, file) {
        case _ where stored == file, _ where drawable.contains(stored) && drawable.contains(file): return stored
        case (_, .withdrawn): return .withdrawn
        case (.offered, .available), (.offered, .exhausted): return remaining == 0 ? .exhausted : .available
        default: return nil
        }
    }

    private struct StoredResource {
        var id: Int64
        var unit: MeasureUnit
        var pledged: Int64
        var remaining: Int64
        var status: ResourceStatus
    }

    private static func stored(externalIDs: [String], _ tx: TenantTransaction) async throws -> [String: StoredResource] {
        var stored: [String: StoredResource] = [:]
        for row in try await tx.connection.query("""
            SELECT id, external_id, measure_unit, pledged, remaining, status FROM resource
            WHERE tenant_id = \(tx.tenantID) AND external_id = ANY(\(externalIDs)) ORDER BY id FOR UPDATE
            """) {
            stored[try row.decode(String.self, "external_id")] = StoredResource(
                id: try row.decode(Int64.self, "id"), unit: try MeasureUnit(parsing: try row.decode(String.self, "measure_unit")),
                pledged: try row.decode(Int64.self, "pledged"), remaining: try row.decode(Int64.self, "remaining"),
                status: try ResourceStatus(parsing: try row.decode(String.self, "status")))
        }
        return stored
    }

    /// Updates the descriptive fields and the status; true when anything changed.
    private static func update(
        _ id: Int64, _ row: ResourceImportRow, unit: Int64, category: String, status: ResourceStatus, _ tx: TenantTransaction
    ) async throws -> Bool {
        try await tx.connection.execute("""
            UPDATE resource SET unit_id = \(unit), title = \(row.title), description = \(row.description), category_code = \(category),
                kind = \(row.kind.rawValue), unit_cost_fen = \(row.unitCost?.fen), available_from = \(row.availableFrom?.description)::date,
                available_until = \(row.availableUntil?.description)::date, is_public = \(row.isPublic),
                published_on = \(row.publishedOn?.description)::date, status = \(status.rawValue),
                updated_at = now(), row_version = row_version + 1
            WHERE tenant_id = \(tx.tenantID) AND id = \(id)
              AND (unit_id, title, description, category_code, kind, unit_cost_fen, available_from, available_until, is_public, published_on, status)
                  IS DISTINCT FROM (\(unit), \(row.title), \(row.description), \(category), \(row.kind.rawValue), \(row.unitCost?.fen),
                                    \(row.availableFrom?.description)::date, \(row.availableUntil?.description)::date, \(row.isPublic),
                                    \(row.publishedOn?.description)::date, \(status.rawValue))
            """) > 0
    }
}
