import Foundation
import Postgres
public import Registry
public import RegistryStore

extension DeliberationStore {
    /// Records the result of deliberation: settled (达成一致, with what was agreed and, when
    /// costs are shared, the exact split) or unsettled. An unsettled case may later settle; a
    /// settled or published result stays.
    ///
    /// - Throws: ``RegistryError`` for a split on an unsettled result, a split that does not
    ///   add up to exactly 100%, or a result that may no longer change (naming it).
    @discardableResult
    public static func recordResult(_ id: Int64, _ draft: ResultDraft, in tx: TenantTransaction) async throws -> DeliberationCase {
        let agreement = try DeliberationFields.agreement.required(draft.agreement)
        let split = try draft.split?.checked()
        guard split == nil || draft.result == .settled else {
            throw RegistryError(.invalidValue, field: "split", chinese: "未达成一致，不能分摊费用", english: "only a settled result shares costs")
        }
        _ = try await Self.procedure(tx)
        let state = try await Self.lock(id, tx)
        guard state.closedOn == nil else { throw Self.closed(id) }
        // A result comes out of deliberation: at least one round was held.
        let deliberated = try await tx.connection.query("""
            SELECT EXISTS (SELECT 1 FROM deliberation_round WHERE tenant_id = \(tx.tenantID) AND case_id = \(id)) AS held
            """)[0].decode(Bool.self, "held")
        guard deliberated else {
            throw RegistryError(.notAllowedInState, field: "result", chinese: "尚未开过议事会，不能记录结果",
                                english: "no round has been held yet: a result comes out of deliberation")
        }
        if let current = state.result, current == .settled || state.published {
            throw RegistryError(
                .notAllowedInState, field: "result",
                chinese: "议题结果已为「\(current.chineseName)」\(state.published ? "并已公示" : "")，不能再改",
                english: "the case's result is \(current.rawValue)\(state.published ? " and published" : ""); it no longer changes")
        }
        try await tx.connection.execute("""
            UPDATE deliberation_case SET result = \(draft.result.rawValue), agreement = \(agreement),
                split_parties = \(split?.shares.map(\.party))::text[], split_basis_points = \(split?.shares.map(\.basisPoints))::integer[],
                updated_at = now(), row_version = row_version + 1
            WHERE tenant_id = \(tx.tenantID) AND id = \(id)
            """)
        return try await Self.listed(id, tx)
    }

    /// Publishes a case's result (公示结果) with a text written for the public.
    ///
    /// - Throws: ``RegistryError`` when there is no result yet, it is already published, or
    ///   the text names someone recorded at the case's rounds (residents' names stay private).
    @discardableResult
    public static func publish(_ id: Int64, text: String, on day: CivilDate? = nil, in tx: TenantTransaction) async throws -> DeliberationCase {
        let publicText = try DeliberationFields.publicText.required(text)
        _ = try await Self.procedure(tx)
        let state = try await Self.lock(id, tx)
        guard state.result != nil, !state.published else {
            throw RegistryError(
                .notAllowedInState, field: "published",
                chinese: state.published ? "结果已公示" : "尚无协商结果，不能公示",
                english: state.published ? "the result is already published" : "there is no result to publish yet")
        }
        // Everything published goes through the same scan: the text, and the title and the
        // split's parties that are published with it. (A guard against the names recorded at
        // the rounds, not a guarantee: a name never typed there is not known.)
        let current = try await Self.listed(id, tx)
        let published = ([publicText, current.title] + (current.split?.shares.map(\.party) ?? [])).joined(separator: "\n")
        let named = try await tx.connection.query("""
            SELECT EXISTS (
                SELECT 1 FROM deliberation_attendance a
                JOIN deliberation_round r ON r.tenant_id = a.tenant_id AND r.id = a.round_id, unnest(a.names) AS n
                WHERE a.tenant_id = \(tx.tenantID) AND r.case_id = \(id) AND strpos(\(published), n) > 0) AS named
            """)[0].decode(Bool.self, "named")
        guard !named else {
            throw RegistryError(.invalidValue, field: "public_text", chinese: "公示内容（含标题与分摊方）不能含参会居民姓名",
                                english: "the public text, title or cost split names someone who attended; residents' names are not published")
        }
        try await tx.connection.execute("""
            UPDATE deliberation_case SET published = true, public_text = \(publicText), published_on = \(try SQL.day(day, in: tx)),
                updated_at = now(), row_version = row_version + 1
            WHERE tenant_id = \(tx.tenantID) AND id = \(id)
            """)
        return try await Self.listed(id, tx)
    }

    /// The intake channel: files the work a settled case needs as a demand (submitted, source
    /// 协商议事, at the case's place, titled as the case, the agreement and split in its
    /// details) and links the two, in the caller's transaction.
    ///
    /// - Throws: ``RegistryError`` unless the case is settled and has no demand yet; what
    ///   ``DemandStore/file(_:submit:in:)`` throws for a bad category or quantity.
    @discardableResult
    public static func turnIntoDemand(_ id: Int64, _ request: CaseDemandRequest, in tx: TenantTransaction) async throws -> DeliberationCase {
        _ = try await Self.procedure(tx)
        let state = try await Self.lock(id, tx)
        guard state.result == .settled, state.demandID == nil else {
            throw RegistryError(
                .notAllowedInState, field: "demand",
                chinese: state.demandID != nil ? "议题已转为需求" : "议题须先达成一致，才能转为需求",
                english: state.demandID != nil ? "the case is already a demand" : "only a settled case becomes a demand")
        }
        let current = try await Self.listed(id, tx)
        let split = current.split.map { "；费用分摊 cost split: " + $0.shares.map { "\($0.party) \(CostSplit.percent($0.basisPoints))" }.joined(separator: "、") } ?? ""
        let demand = try await DemandStore.file(
            DemandDraft(title: current.title, details: "协商议事 #\(id)（\(current.kind)）：\((current.agreement ?? "").prefix(1000))\(split)",
                        category: request.category, orgCode: current.placeCode, sourceChannel: .deliberation,
                        quantity: request.quantity, priority: request.priority, dueOn: request.dueOn, filedOn: request.filedOn),
            submit: true, in: tx)
        try await tx.connection.execute("""
            UPDATE deliberation_case SET demand_id = \(demand.rawValue), updated_at = now(), row_version = row_version + 1
            WHERE tenant_id = \(tx.tenantID) AND id = \(id)
            """)
        return try await Self.listed(id, tx)
    }
}
