public import Foundation
public import ImportIssues
import Postgres
import Registry

extension MemberStore {
    /// Imports members all or nothing: people matched by external id, registrations by person
    /// and community. Importing the same rows twice changes nothing; an edited row updates the
    /// person or the registration in place; a person's registrations become exactly those of
    /// their rows (people not in the file are left alone).
    ///
    /// Owns its transaction, so it takes the database rather than a transaction (see
    /// ``RegistryDatabase/withTenant(_:actor:readOnly:isolation:_:)``): all or nothing, and a
    /// dry run does the work, then rolls the transaction back.
    ///
    /// - Parameters:
    ///   - rows: The file's rows.
    ///   - issues: Problems the file reader already found, reported with the ones found here.
    ///   - dryRun: Do everything, report it, then roll back.
    /// - Returns: Registrations inserted, updated (the person or the registration changed) or unchanged.
    /// - Throws: ``ImportRejected`` with every problem (unknown unit or community, rows of one
    ///   person that disagree, a person registered twice at one community); nothing was
    ///   written. Messages never repeat personal data.
    public static func importRows(
        _ rows: [MemberImportRow], issues: IssueList = IssueList(), on database: RegistryDatabase, tenant: UUID, actor: String, dryRun: Bool = false
    ) async throws -> ImportSummary {
        try await database.runListImport(tenant: tenant, actor: actor, dryRun: dryRun) { tx in
            var issues = issues
            let units = try await Self.unitIDs(Array(Set(rows.map(\.unitExternalID))), tx)
            let nodes = try await UnitStore.orgUnits(codes: rows.map(\.communityCode), tx)
            var firstOfPerson: [String: MemberImportRow] = [:]
            var registered: [String: Int] = [:]
            var plan: [(row: MemberImportRow, unit: Int64, community: Int64)] = []
            for row in rows {
                let unit = units[row.unitExternalID]
                if unit == nil {
                    issues.append(ImportIssue(line: row.line, column: "unit_external_id", value: row.unitExternalID, reason: "没有这个单位 no such unit"))
                }
                let node = nodes[row.communityCode]
                if let node, !UnitStore.isCommunity(node.kind) {
                    issues.append(ImportIssue(line: row.line, column: "community_code", value: row.communityCode, reason: "\(row.communityCode) 是「\(node.kind.chineseName)」，须为社区或村 is a \(node.kind.rawValue), not a community or village"))
                } else if node == nil {
                    issues.append(ImportIssue(line: row.line, column: "community_code", value: row.communityCode, reason: "没有这个组织编码 no such org code"))
                }
                if let first = firstOfPerson[row.externalID] {
                    // Personal data stays out of the message: name the column, not the value.
                    for (column, differs) in [("name", first.name != row.name), ("phone", first.phone != row.phone), ("id_card", first.idCard != row.idCard)] where differs {
                        issues.append(ImportIssue(line: row.line, column: column, reason: "与第 \(first.line) 行同一人员的信息不一致 differs from line \(first.line), the same person"))
                    }
                } else {
                    firstOfPerson[row.externalID] = row
                }
                let key = row.externalID + "\u{1F}" + row.communityCode
                if let line = registered[key] {
                    issues.append(ImportIssue(line: row.line, column: "community_code", value: row.communityCode, reason: "同一人员在该社区重复报到 the person is already registered at this community on line \(line)"))
                }
                registered[key] = registered[key] ?? row.line
                if let unit, let node { plan.append((row, unit, node.id)) }
            }
            if !issues.isEmpty { throw ImportRejected(issues: issues) }
            var summary = ImportSummary()
            let byPerson = Dictionary(grouping: plan, by: \.row.externalID)
            for externalID in byPerson.keys.sorted() {
                let registrations = byPerson[externalID]!
                let (person, personOutcome) = try await Self.upsertPerson(registrations[0].row, tx)
                let removed = try await tx.connection.execute("""
                    DELETE FROM duty_registration WHERE tenant_id = \(tx.tenantID) AND person_id = \(person)
                      AND community_id <> ALL(\(registrations.map(\.community)))
                    """)
                for registration in registrations {
                    let outcome = try await Self.upsertRegistration(person: person, unit: registration.unit, community: registration.community, on: registration.row.registeredOn, tx)
                    summary.count(outcome.updated(if: personOutcome == .updated || removed > 0))
                }
            }
            return summary
        }
    }

    /// External id → id of the units named.
    static func unitIDs(_ externalIDs: [String], _ tx: TenantTransaction) async throws -> [String: Int64] {
        guard !externalIDs.isEmpty else { return [:] }
        var ids: [String: Int64] = [:]
        for row in try await tx.connection.query("""
            SELECT id, external_id FROM unit WHERE tenant_id = \(tx.tenantID) AND external_id = ANY(\(externalIDs))
            """) {
            ids[try row.decode(String.self, "external_id")] = try row.decode(Int64.self, "id")
        }
        return ids
    }

    private static func upsertPerson(_ row: MemberImportRow, _ tx: TenantTransaction) async throws -> (Int64, ListRowOutcome) {
        let tenant = tx.tenantID
        return try await ListRowOutcome.upsert(
            existing: "SELECT id FROM person WHERE tenant_id = \(tenant) AND external_id = \(row.externalID)",
            upsert: """
                INSERT INTO person (tenant_id, external_id, name, phone, id_card, role)
                VALUES (\(tenant), \(row.externalID), \(row.name.unmasked), \(row.phone?.unmasked), \(row.idCard?.unmasked), 'member')
                ON CONFLICT (tenant_id, external_id) DO UPDATE
                SET name = excluded.name, phone = excluded.phone, id_card = excluded.id_card,
                    updated_at = excluded.updated_at, row_version = person.row_version + 1
                WHERE (person.name, person.phone, person.id_card) IS DISTINCT FROM (excluded.name, excluded.phone, excluded.id_card)
                RETURNING id
                """, tx)
    }

    private static func upsertRegistration(person: Int64, unit: Int64, community: Int64, on date: CivilDate, _ tx: TenantTransaction) async throws -> ListRowOutcome {
        let tenant = tx.tenantID
        return try await ListRowOutcome.upsert(
            existing: "SELECT id FROM duty_registration WHERE tenant_id = \(tenant) AND person_id = \(person) AND community_id = \(community)",
            upsert: """
                INSERT INTO duty_registration (tenant_id, person_id, unit_id, community_id, registered_on)
                VALUES (\(tenant), \(person), \(unit), \(community), \(date.description)::date)
                ON CONFLICT (tenant_id, person_id, community_id) DO UPDATE
                SET unit_id = excluded.unit_id, registered_on = excluded.registered_on
                WHERE (duty_registration.unit_id, duty_registration.registered_on) IS DISTINCT FROM (excluded.unit_id, excluded.registered_on)
                RETURNING id
                """, tx).outcome
    }

}
