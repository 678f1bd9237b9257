import Foundation
import Postgres
public import Registry
public import RegistryStore

/// Bench talks of a tenant: recording meetings and topics, settling topics, the overdue list
/// and the report section. Every call first checks that the module is enabled for the
/// tenant: a disabled module does nothing (its data stays).
///
/// A store function that takes `in tx: TenantTransaction` runs inside its caller's
/// transaction; a caller opens that transaction with
/// `database.withTenant(tenant, actor:, readOnly:, isolation:)` (see
/// ``RegistryDatabase/withTenant(_:actor:readOnly:isolation:_:)``).
///
/// ```swift
/// try await database.withTenant(langao, actor: "cli:staff") { tx in
///     let meeting = try await BenchTalkStore.hold(
///         MeetingDraft(heldOn: try CivilDate("2024-05-08"), placeCode: "C01", host: "王书记", attendees: 23,
///                      topics: ["小区路灯坏了", "想办老年食堂"]), in: tx)
///     try await BenchTalkStore.answer(meeting.topics[0].id, answer: "已报修，三天内修好", in: tx)
/// }
/// ```
public enum BenchTalkStore {
    /// Records a meeting and the topics raised at it (all open), in one transaction.
    ///
    /// - Throws: ``RegistryError`` for a bad value (host, attendees, a photo that is not an
    ///   http(s) link, an empty topic); ``RegistryStoreError`` for an unknown place or when the
    ///   module is not enabled.
    public static func hold(_ draft: MeetingDraft, in tx: TenantTransaction) async throws -> BenchTalkMeeting {
        try Self.check(draft)
        let settings = try await Self.enabledSettings(tx)
        let place = try await OrgUnitStore.id(of: draft.placeCode, in: tx)
        let id = try await tx.connection.query("""
            INSERT INTO bench_talk_meeting (tenant_id, held_on, org_unit_id, host, attendees, photos, note)
            VALUES (\(tx.tenantID), \(draft.heldOn.description)::date, \(place),
                    \(draft.host.trimmingCharacters(in: .whitespaces)), \(draft.attendees), \(draft.photos), \(draft.note))
            RETURNING id
            """)[0].decode(Int64.self, "id")
        // in the order given: the topics' ids follow it
        try await RowsInsert.run(
            "INSERT INTO bench_talk_topic (tenant_id, meeting_id, title)",
            rows: draft.topics.map { "(\(tx.tenantID), \(id), btrim(\($0)))" }, tx.connection)
        return try await Self.meeting(id, tx, deadline: Self.replyDeadline(settings))
    }

    /// Records the answer given (答复): open → answered.
    @discardableResult
    public static func answer(_ topic: Int64, answer: String, on day: CivilDate? = nil, in tx: TenantTransaction) async throws -> BenchTalkTopic {
        let text = try BenchTalkFields.answer.required(answer)
        return try await settle(topic, to: .answered, in: tx) { tx in
            try await tx.connection.execute("""
                UPDATE bench_talk_topic SET outcome = 'answered', answer = \(text), settled_on = \(try SQL.day(day, in: tx)),
                    updated_at = now(), row_version = row_version + 1
                WHERE tenant_id = \(tx.tenantID) AND id = \(topic)
                """)
        }
    }

    /// Refers a topic up (上报) to another level or department: open → referred.
    @discardableResult
    public static func refer(_ topic: Int64, to whom: String, on day: CivilDate? = nil, in tx: TenantTransaction) async throws -> BenchTalkTopic {
        let text = try BenchTalkFields.referredTo.required(whom)
        return try await settle(topic, to: .referred, in: tx) { tx in
            try await tx.connection.execute("""
                UPDATE bench_talk_topic SET outcome = 'referred', referred_to = \(text), settled_on = \(try SQL.day(day, in: tx)),
                    updated_at = now(), row_version = row_version + 1
                WHERE tenant_id = \(tx.tenantID) AND id = \(topic)
                """)
        }
    }

    /// The intake channel: files the topic as a demand (submitted, source "bench talk", at the
    /// meeting's place, titled as the topic) and links the two, in one transaction.
    ///
    /// - Returns: The topic, now `demand`, naming the demand's external id.
    @discardableResult
    public static func turnIntoDemand(_ topic: Int64, _ request: TopicDemandRequest, in tx: TenantTransaction) async throws -> BenchTalkTopic {
        try await settle(topic, to: .demand, in: tx) { tx in
            let row = try await tx.connection.query("""
                SELECT t.title, o.code, m.held_on::text AS held_on FROM bench_talk_topic t
                JOIN bench_talk_meeting m ON m.tenant_id = t.tenant_id AND m.id = t.meeting_id
                JOIN module_org_unit o ON o.tenant_id = m.tenant_id AND o.id = m.org_unit_id
                WHERE t.tenant_id = \(tx.tenantID) AND t.id = \(topic)
                """)[0]
            let title = try row.decode(String.self, "title")
            let demand = try await DemandStore.file(
                DemandDraft(title: title, details: "板凳会议题 raised at a bench talk on \(try row.decode(String.self, "held_on"))",
                            category: request.category, orgCode: try row.decode(String.self, "code"), sourceChannel: .benchTalk,
                            quantity: request.quantity, priority: request.priority, dueOn: request.dueOn,
                            filedOn: try CivilDate(try row.decode(String.self, "held_on"))),
                submit: true, in: tx)
            try await tx.connection.execute("""
                UPDATE bench_talk_topic SET outcome = 'demand', demand_id = \(demand.rawValue), settled_on = \(try SQL.day(nil, in: tx)),
                    updated_at = now(), row_version = row_version + 1
                WHERE tenant_id = \(tx.tenantID) AND id = \(topic)
                """)
        }
    }

    // MARK: - Shared

    /// Locks an open topic, checks the move, runs `write`, and returns the topic.
    private static func settle(
        _ topic: Int64, to outcome: TopicOutcome, in tx: TenantTransaction, _ write: (TenantTransaction) async throws -> Void
    ) async throws -> BenchTalkTopic {
        let settings = try await Self.enabledSettings(tx)
        let rows = try await tx.connection.query("""
            SELECT outcome FROM bench_talk_topic WHERE tenant_id = \(tx.tenantID) AND id = \(topic) FOR UPDATE
            """)
        guard let row = rows.first else { throw RegistryStoreError.notFound(kind: "bench talk topic 板凳会议题", key: "\(topic)") }
        try TopicOutcome(rawValue: try row.decode(String.self, "outcome"))!.check(outcome)
        try await write(tx)
        return try await Self.topics(tx, where: " AND t.id = \(topic)", deadline: Self.replyDeadline(settings))[0]
    }

    /// The tenant's settings for the module, or a refusal when it is not enabled.
    static func enabledSettings(_ tx: TenantTransaction) async throws -> ModuleSettings {
        try await ModuleStore.requireEnabled(BenchTalkModule.moduleID, chineseName: "板凳会", in: tx)
    }

    static func check(_ draft: MeetingDraft) throws {
        _ = try BenchTalkFields.host.required(draft.host)
        if let problem = BenchTalkFields.attendees.integer(draft.attendees) { throw RegistryError(problem) }
        _ = try BenchTalkFields.note.checkedText(draft.note, required: false)
        for photo in draft.photos {
            guard let url = URL(string: photo), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                throw RegistryError(.invalidValue, field: "photos", chinese: "照片须为 http(s) 链接：\(photo)", english: "a photo must be an http(s) link: \(photo)")
            }
        }
        for topic in draft.topics { _ = try BenchTalkFields.topic.required(topic) }
    }
}
