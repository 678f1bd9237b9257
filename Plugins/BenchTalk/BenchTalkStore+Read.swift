import Foundation
import Postgres
public import Registry
public import RegistryStore

extension BenchTalkStore {
    /// Topics, newest meeting first: all, or those with one outcome, or (`overdueOn`) those
    /// still open whose reply was due before that day.
    public static func topics(
        outcome: TopicOutcome? = nil, overdueOn: CivilDate? = nil, limit: Int = 100, in tx: TenantTransaction
    ) async throws -> [BenchTalkTopic] {
        let deadline = Self.replyDeadline(try await Self.enabledSettings(tx))
        var filter: SQL = ""
        if let outcome { filter.append(" AND t.outcome = \(outcome.rawValue)") }
        if let overdueOn {
            filter.append(" AND t.outcome = 'open' AND m.held_on + \(deadline)::integer < \(overdueOn.description)::date")
        }
        filter.append(" ORDER BY m.held_on DESC, t.id LIMIT \(max(1, limit))")
        return try await Self.topics(tx, where: filter, deadline: deadline)
    }

    /// The report section for a period (meetings held on `from`…`to`).
    public static func summary(from: CivilDate, to: CivilDate, in tx: TenantTransaction) async throws -> BenchTalkSummary {
        try await Self.summary(from: from, to: to, settings: try await Self.enabledSettings(tx), tx)
    }

    static func summary(from: CivilDate, to: CivilDate, settings: ModuleSettings, _ tx: TenantTransaction) async throws -> BenchTalkSummary {
        let deadline = replyDeadline(settings)
        let row = try await tx.connection.query("""
            SELECT (SELECT count(*) FROM bench_talk_meeting m WHERE m.tenant_id = \(tx.tenantID)
                        AND m.held_on BETWEEN \(from.description)::date AND \(to.description)::date) AS meetings,
                   (SELECT coalesce(sum(attendees), 0) FROM bench_talk_meeting m WHERE m.tenant_id = \(tx.tenantID)
                        AND m.held_on BETWEEN \(from.description)::date AND \(to.description)::date)::bigint AS attendees,
                   count(t.id) AS topics,
                   count(t.id) FILTER (WHERE t.outcome = 'answered') AS answered,
                   count(t.id) FILTER (WHERE t.outcome = 'demand') AS demands,
                   count(t.id) FILTER (WHERE t.outcome = 'referred') AS referred,
                   count(t.id) FILTER (WHERE t.outcome = 'open') AS open,
                   count(t.id) FILTER (WHERE t.outcome = 'open' AND m.held_on + \(deadline)::integer < \(to.description)::date) AS overdue,
                   count(t.id) FILTER (WHERE d.state IN ('resolved', 'rated')) AS resolved
            FROM bench_talk_topic t
            JOIN bench_talk_meeting m ON m.tenant_id = t.tenant_id AND m.id = t.meeting_id
            LEFT JOIN module_demand d ON d.tenant_id = t.tenant_id AND d.id = t.demand_id
            WHERE t.tenant_id = \(tx.tenantID) AND m.held_on BETWEEN \(from.description)::date AND \(to.description)::date
            """)[0]
        return BenchTalkSummary(
            localName: settings.text("local_name") ?? "板凳会", from: from, to: to,
            meetings: try row.decode(Int.self, "meetings"), attendees: try row.decode(Int.self, "attendees"),
            topics: try row.decode(Int.self, "topics"), answered: try row.decode(Int.self, "answered"),
            turnedIntoDemands: try row.decode(Int.self, "demands"), referred: try row.decode(Int.self, "referred"),
            open: try row.decode(Int.self, "open"), overdue: try row.decode(Int.self, "overdue"),
            demandsResolved: try row.decode(Int.self, "resolved"))
    }

    // MARK: - Reading

    /// The tenant's reply deadline in days.
    static func replyDeadline(_ settings: ModuleSettings) -> Int {
        Int(settings.integer("reply_deadline_days") ?? 7)
    }

    static func meeting(_ id: Int64, _ tx: TenantTransaction, deadline: Int) async throws -> BenchTalkMeeting {
        let row = try await tx.connection.query("""
            SELECT m.id, m.held_on::text AS held_on, o.code, o.name, m.host, m.attendees, m.photos, m.note
            FROM bench_talk_meeting m JOIN module_org_unit o ON o.tenant_id = m.tenant_id AND o.id = m.org_unit_id
            WHERE m.tenant_id = \(tx.tenantID) AND m.id = \(id)
            """)[0]
        return BenchTalkMeeting(
            id: id, heldOn: try CivilDate(try row.decode(String.self, "held_on")), placeCode: try row.decode(String.self, "code"),
            placeName: try row.decode(String.self, "name"), host: try row.decode(String.self, "host"),
            attendees: try row.decode(Int.self, "attendees"), photos: try row.decode([String].self, "photos"),
            note: try row.decode(String?.self, "note"),
            topics: try await topics(tx, where: " AND t.meeting_id = \(id) ORDER BY t.id", deadline: deadline))
    }

    /// Topics with their meeting, each due `deadline` days after it; `filter` continues the
    /// WHERE clause over `t` and `m`.
    static func topics(_ tx: TenantTransaction, where filter: SQL, deadline: Int) async throws -> [BenchTalkTopic] {
        var sql: SQL = """
            SELECT t.id, t.meeting_id, m.held_on::text AS held_on, o.name AS place, t.title, t.outcome, t.answer, t.referred_to,
                   t.demand_id, d.external_id AS demand, t.settled_on::text AS settled_on, t.demand_resolved_on::text AS resolved_on,
                   (m.held_on + \(deadline)::integer)::text AS due
            FROM bench_talk_topic t
            JOIN bench_talk_meeting m ON m.tenant_id = t.tenant_id AND m.id = t.meeting_id
            JOIN module_org_unit o ON o.tenant_id = m.tenant_id AND o.id = m.org_unit_id
            LEFT JOIN module_demand d ON d.tenant_id = t.tenant_id AND d.id = t.demand_id
            WHERE t.tenant_id = \(tx.tenantID)
            """
        sql.append(filter)
        return try await tx.connection.query(sql).map { row in
            BenchTalkTopic(
                id: try row.decode(Int64.self, "id"), meetingID: try row.decode(Int64.self, "meeting_id"),
                meetingHeldOn: try CivilDate(try row.decode(String.self, "held_on")), placeName: try row.decode(String.self, "place"),
                title: try row.decode(String.self, "title"), outcome: TopicOutcome(rawValue: try row.decode(String.self, "outcome"))!,
                answer: try row.decode(String?.self, "answer"), referredTo: try row.decode(String?.self, "referred_to"),
                demandID: try row.decode(Int64?.self, "demand_id").map { DemandID($0) },
                demandExternalID: try row.decode(String?.self, "demand"),
                settledOn: try row.decode(String?.self, "settled_on").map(CivilDate.init),
                demandResolvedOn: try row.decode(String?.self, "resolved_on").map(CivilDate.init),
                replyDueOn: try CivilDate(try row.decode(String.self, "due")))
        }
    }
}
