import Foundation
import Postgres
public import Registry

/// What an edit of a demand may change; `nil` leaves a field as it is. The category, the
/// place, the quantity and the state are not here: those are decided by the workflow and
/// by matching, and an edit must not move a demand behind their back.
public struct DemandRevision: Sendable, Hashable {
    public var title: String?
    public var details: String?
    public var priority: Priority?
    public var dueOn: CivilDate?
    public var beneficiaries: Int?
    public var isPublic: Bool?
    public var publishedOn: CivilDate?

    /// Makes a revision.
    public init(
        title: String? = nil, details: String? = nil, priority: Priority? = nil, dueOn: CivilDate? = nil,
        beneficiaries: Int? = nil, isPublic: Bool? = nil, publishedOn: CivilDate? = nil
    ) {
        self.title = title
        self.details = details
        self.priority = priority
        self.dueOn = dueOn
        self.beneficiaries = beneficiaries
        self.isPublic = isPublic
        self.publishedOn = publishedOn
    }
}

extension DemandStore {
    /// The states in which a demand's wording, priority and dates may still be edited:
    /// before matching has used them.
    public static let revisableStates: Set<DemandState> = [.draft, .submitted, .accepted]

    /// Edits a demand, if it is still at `expectedVersion` (when given) and revisable.
    ///
    /// - Throws: ``RegistryStoreError/staleVersion(kind:key:current:expected:)``;
    ///   ``RegistryError`` (`notAllowedInState`, or a field's check);
    ///   ``RegistryStoreError/notFound(kind:key:)``.
    public static func revise(
        _ id: DemandID, _ revision: DemandRevision, expectedVersion: Int?, in tx: TenantTransaction
    ) async throws -> DemandDetail {
        let (current, _) = try await lock(id, expectedVersion: expectedVersion, tx)
        guard revisableStates.contains(current.state) else {
            throw RegistryError(
                .notAllowedInState, field: "state",
                chinese: "需求处于「\(current.state.chineseName)」，不能再修改；可修改的状态：草稿、已提交、已列入清单",
                english: "a demand that is \(current.state.rawValue) can no longer be edited; editable: draft, submitted, accepted")
        }
        // The domain's checks, on the edited whole.
        let edited = try Demand(
            tenant: current.tenant, id: id, externalID: current.externalID, title: revision.title ?? current.title,
            details: revision.details ?? current.details, category: current.category, orgUnit: current.orgUnit,
            sourceChannel: current.sourceChannel, reporter: current.reporter,
            beneficiaries: revision.beneficiaries ?? current.beneficiaries, quantity: current.quantity,
            priority: revision.priority ?? current.priority, dueOn: revision.dueOn ?? current.dueOn,
            isPublic: revision.isPublic ?? current.isPublic, publishedOn: revision.publishedOn ?? current.publishedOn,
            state: current.state)
        try await tx.connection.execute("""
            UPDATE demand SET title = \(edited.title), description = \(edited.details), priority = \(edited.priority.value),
                due_on = \(edited.dueOn?.description)::date, beneficiaries = \(edited.beneficiaries),
                is_public = \(edited.isPublic), published_on = \(edited.publishedOn?.description)::date,
                updated_at = now(), row_version = row_version + 1
            WHERE tenant_id = \(tx.tenantID) AND id = \(id.rawValue)
            """)
        return try await get(id, in: tx)
    }
}
