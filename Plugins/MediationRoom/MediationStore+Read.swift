import Foundation
import Postgres
public import Registry
public import RegistryStore

extension MediationStore {
    /// Cases, newest first: all, or of one colour or grade.
    public static func cases(colour: CaseColour? = nil, grade: CaseGrade? = nil, limit: Int = 100, in tx: TenantTransaction) async throws -> [MediationCase] {
        _ = try await Self.enabledSettings(tx)
        let ids = try await tx.connection.query("""
            SELECT id FROM mediation_case WHERE tenant_id = \(tx.tenantID)
              AND (\(colour?.rawValue)::text IS NULL OR colour = \(colour?.rawValue))
              AND (\(grade?.rawValue)::text IS NULL OR grade = \(grade?.rawValue))
            ORDER BY opened_on DESC, id DESC LIMIT \(max(1, limit))
            """).map { try $0.decode(Int64.self, "id") }
        var cases: [MediationCase] = []
        for id in ids { cases.append(try await Self.detail(id, tx)) }
        return cases
    }

    /// One case with its masked parties and its log.
    public static func show(_ id: Int64, in tx: TenantTransaction) async throws -> MediationCase {
        _ = try await Self.enabledSettings(tx)
        return try await Self.detail(id, tx)
    }

    /// The report section: cases opened in the period, by colour and grade, and the success rate.
    public static func summary(from: CivilDate, to: CivilDate, in tx: TenantTransaction) async throws -> MediationSummary {
        try await Self.summary(from: from, to: to, settings: try await Self.enabledSettings(tx), tx)
    }

    static func summary(from: CivilDate, to: CivilDate, settings: ModuleSettings, _ tx: TenantTransaction) async throws -> MediationSummary {
        var summary = MediationSummary(roomName: settings.text("room_name") ?? "睦邻调解室", from: from, to: to, cases: 0,
                                       byColour: [:], byGrade: [:], closed: 0, agreements: 0)
        for row in try await tx.connection.query("""
            SELECT colour, grade, outcome, count(*) AS n FROM mediation_case
            WHERE tenant_id = \(tx.tenantID) AND opened_on BETWEEN \(from.description)::date AND \(to.description)::date
            GROUP BY colour, grade, outcome
            """) {
            let n = try row.decode(Int.self, "n"), colour = try row.decode(String.self, "colour")
            summary.cases += n
            summary.byColour[colour, default: 0] += n
            summary.byGrade[try row.decode(String.self, "grade"), default: 0] += n
            if colour == "red" { summary.closed += n }
            if try row.decode(String?.self, "outcome") == "agreement" { summary.agreements += n }
        }
        return summary
    }

    static func detail(_ id: Int64, _ tx: TenantTransaction) async throws -> MediationCase {
        guard let row = try await tx.connection.query("""
            SELECT c.id, o.name AS place, c.title, c.grade, c.colour, c.mediator, c.opened_on::text AS opened_on, c.outcome,
                   c.closed_on::text AS closed_on
            FROM mediation_case c JOIN module_org_unit o ON o.tenant_id = c.tenant_id AND o.id = c.org_unit_id
            WHERE c.tenant_id = \(tx.tenantID) AND c.id = \(id)
            """).first else { throw RegistryStoreError.notFound(kind: "mediation case 调解案件", key: "\(id)") }
        let parties = try await tx.connection.query("""
            SELECT role, name FROM mediation_party WHERE tenant_id = \(tx.tenantID) AND case_id = \(id) ORDER BY id
            """).map { party in
            "\(try party.decode(String.self, "role")) \((try? PersonalName(try party.decode(String.self, "name")))?.masked ?? "*")"
        }
        let log = try await tx.connection.query("""
            SELECT logged_on::text AS logged_on, colour, moved, note FROM mediation_log WHERE tenant_id = \(tx.tenantID) AND case_id = \(id) ORDER BY id
            """).map { entry in
            MediationLogEntry(on: try CivilDate(try entry.decode(String.self, "logged_on")), colour: CaseColour(rawValue: try entry.decode(String.self, "colour"))!,
                              moved: try entry.decode(Bool.self, "moved"), note: try entry.decode(String.self, "note"))
        }
        return MediationCase(
            id: id, placeName: try row.decode(String.self, "place"), title: try row.decode(String.self, "title"),
            grade: CaseGrade(rawValue: try row.decode(String.self, "grade"))!, colour: CaseColour(rawValue: try row.decode(String.self, "colour"))!,
            mediator: try row.decode(String.self, "mediator"), openedOn: try CivilDate(try row.decode(String.self, "opened_on")),
            outcome: try row.decode(String?.self, "outcome").flatMap(CaseOutcome.init(rawValue:)),
            closedOn: try row.decode(String?.self, "closed_on").map(CivilDate.init), parties: parties, log: log)
    }
}
