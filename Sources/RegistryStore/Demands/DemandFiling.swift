import Foundation
import Postgres
import Registry

/// The one statement that files a demand (`govreg_file_demand`, migration 0033), shared by
/// every door: ``DemandStore/file(_:submit:in:)`` inside a transaction, and an API intake in
/// a statement of its own (``DemandIntake``).
enum DemandFiling {
    /// The draft's arguments of `govreg_file_demand` and `govreg_intake`, from the external id
    /// to `p_submit`, in their order, for a checked draft.
    static func arguments(_ draft: DemandDraft, submit: Bool) -> SQL {
        """
        \(draft.externalID), \(draft.title), \(draft.details), \(draft.category), \(draft.orgCode),
        \(draft.sourceChannel.rawValue), \(draft.reporter?.rawValue)::bigint, \(draft.beneficiaries)::integer,
        \(draft.quantity.amount), \(draft.quantity.unit.rawValue), \(Int16(draft.priority.value)),
        \(draft.dueOn?.description)::date, \(draft.isPublic), \(draft.publishedOn?.description)::date,
        \(draft.filedOn?.description)::date, \(submit)
        """
    }

    /// A new demand checked by the domain's rules on `today`, or refused with every problem:
    /// an unknown category or org code among them (`references`, looked up only then, so a
    /// good demand costs no extra round trip).
    static func checked(
        _ draft: DemandDraft, today: CivilDate, channels: SourceChannels, references: () async throws -> [FieldProblem]
    ) async throws -> DemandDraft {
        do throws(InvalidFields) {
            return try draft.checked(on: today, door: .api, channels: channels)
        } catch let invalid {
            throw InvalidFields(invalid.problems + (try await references()))
        }
    }

    /// The visibility of a filing's first move, checked by the workflow's own rule (the event
    /// itself is written by the statement, at the transaction's time).
    static func firstMove(actor: String) throws -> EventVisibility {
        let visibility = DemandWorkflow.suggestedVisibility(from: .draft, to: .submitted)
        _ = try DemandWorkflow.transition(
            of: DemandID(1), from: .draft, to: .submitted, actor: try ActorID(actor), at: Date(), visibility: visibility)
        return visibility
    }

    /// The refusal of a filing whose category or org code names nothing in the district:
    /// the fields' `problems`, or not found when the lookup saw none (a category removed
    /// between the statement and the lookup).
    static func unresolved(_ draft: DemandDraft, problems: [FieldProblem]) -> any Error {
        problems.isEmpty ? RegistryStoreError.notFound(kind: "category 类别", key: draft.category) : InvalidFields(problems)
    }

    /// A filed row (the `demand_filed` columns) as the detail the API answers with.
    static func detail(_ row: Row, tenant: UUID) throws -> DemandDetail {
        let history = try row.decode(Int64?.self, "event_id") == nil ? [] : [try DemandHistoryEntry(row, prefix: "event_")]
        return DemandDetail(
            demand: try DemandStore.demand(row, tenant: tenant),
            orgCode: try row.decode(String.self, "org_code"), orgName: try row.decode(String.self, "org_name"),
            categoryName: try row.decode(String.self, "category_name"),
            filedAt: try row.decode(Date.self, "filed_at"), updatedAt: try row.decode(Date.self, "updated_at"),
            rowVersion: try row.decode(Int.self, "row_version"), history: history)
    }

    /// The refusal for a filing PostgreSQL turned down by a key: an external id another demand
    /// has (23505), or a reporter the district does not have (23503).
    static func refusal(_ error: PostgresError, draft: DemandDraft) -> (any Error)? {
        switch error.sqlState {
        case "23505": RegistryStoreError.conflict("需求编号已存在 a demand with external id \(draft.externalID ?? "") exists")
        case "23503": RegistryStoreError.notFound(kind: "person 人员", key: draft.reporter.map { "\($0)" } ?? "")
        default: nil
        }
    }
}
